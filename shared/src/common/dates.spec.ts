import { describe, expect, it } from 'vitest';
import { isCalendarDate, chinaDate, chinaDateTime, chinaVisitTimeZh, chinaYearMonth, monthsBetween, shiftYearMonth } from './dates';

describe('isCalendarDate', () => {
  it('takes the days the calendar has, leap days included, and nothing the pattern alone would let through', () => {
    for (const day of ['2026-01-31', '2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30']) expect([day, isCalendarDate(day)]).toEqual([day, true]);
    for (const day of ['2026-02-29', '2026-02-30', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-5', '2026-01-01T00:00', ' 2026-01-01', '']) {
      expect([day, isCalendarDate(day)]).toEqual([day, false]);
    }
  });
});

describe('shiftYearMonth', () => {
  it.each([
    ['2026-11', -11, '2025-12'],
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-11', 0, '2026-11'],
    ['2026-03', -27, '2023-12'],
  ])('%s shifted by %i is %s', (ym, n, expected) => {
    expect(shiftYearMonth(ym, n)).toBe(expected);
    expect(monthsBetween(ym, expected)).toBe(n);
  });

  it('follows Xinyi’s month: 1 December 01:00 in Xinyi is still November in UTC', () => {
    expect(chinaYearMonth(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12');
  });
});

describe('county time by arithmetic', () => {
  it('agrees with the time-zone database on Asia/Shanghai at every hour of three years, across month and year ends', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const byZone = (d: Date) => {
      const p = Object.fromEntries(zone.formatToParts(d).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    };
    for (let t = Date.UTC(2025, 0, 1, 0, 7); t < Date.UTC(2028, 0, 1); t += 3600_000) {
      const d = new Date(t);
      expect(chinaDateTime(d)).toBe(byZone(d));
      expect(chinaDate(d)).toBe(byZone(d).slice(0, 10));
    }
  });

  it('turns the day at 16:00 UTC', () => {
    expect(chinaDateTime(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31 23:59');
    expect(chinaDateTime(new Date('2026-12-31T15:59:07.900Z'), true)).toBe('2026-12-31 23:59:07');
    expect(chinaDateTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00');
  });

  it('writes a visit’s time with its weekday in the county, not the machine’s day (Tuesday 8 December, 09:30)', () => {
    expect(chinaVisitTimeZh(new Date('2026-12-08T01:30:00Z'))).toBe('12月8日（周二）09:30');
    // 23:30 UTC on Sunday is Monday morning in Xinyi.
    expect(chinaVisitTimeZh(new Date('2026-12-06T23:30:00Z'))).toBe('12月7日（周一）07:30');
    expect(chinaVisitTimeZh(new Date('2026-12-31T16:00:00Z'))).toBe('1月1日（周五）00:00');
  });
});
