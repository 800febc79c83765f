import { afterEach, describe, expect, it } from 'vitest';
import { addDays, holidayName, isWorkingDay, officialCalendarKnows, shanghaiDate, useCalendarOverrides, workingDaysBetween, workingDaysLater } from './china-calendar';

describe('the official calendar', () => {
  it('knows public holidays and make-up working days', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // National Day
    expect(isWorkingDay('2026-10-10')).toBe(true); // a Saturday made a working day (调休)
    expect(isWorkingDay('2026-11-28')).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2026-11-27')).toBe(true);
  });

  it('counts deadlines in working days, skipping the National Day week', () => {
    // Submitted Wednesday 30 Sep 2026, 10:00 in Xinyi: 1–7 Oct are off; 8, 9 and Saturday 10 Oct (调休) are worked.
    const due = workingDaysLater(new Date('2026-09-30T02:00:00Z'), 3);
    expect(shanghaiDate(due)).toBe('2026-10-10');
    expect(due.toISOString()).toBe('2026-10-10T15:59:59.999Z');
  });

  it('uses the Shanghai date, not the server clock zone', () => {
    // 23:30 UTC on Thursday is already Friday morning in Xinyi.
    expect(shanghaiDate(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27');
    expect(shanghaiDate(workingDaysLater(new Date('2026-11-26T23:30:00Z'), 1))).toBe('2026-11-30');
  });

  it('measures working days between two instants', () => {
    // 8, 9, 10 (调休) and 12 October.
    expect(workingDaysBetween(new Date('2026-09-30T02:00:00Z'), new Date('2026-10-12T02:00:00Z'))).toBe(4);
  });

  it('adds calendar days across months, leap days and years, backwards too, and refuses what is not a date', () => {
    expect(addDays('2026-11-29', 0)).toBe('2026-11-29');
    expect(addDays('2026-11-29', 2)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-29', 400)).toBe('2028-01-03');
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => addDays('nope', 1)).toThrow(RangeError);
  });

  describe('with days the county entered', () => {
    afterEach(() => useCalendarOverrides([]));

    it('follows an entered day over the package, and the package again once it is removed', () => {
      // Asked first, so that the cached answers must be dropped when days are entered.
      expect(isWorkingDay('2027-01-01')).toBe(true);
      expect(shanghaiDate(workingDaysLater(new Date('2026-12-30T02:00:00Z'), 1))).toBe('2026-12-31');
      expect(shanghaiDate(workingDaysLater(new Date('2026-12-30T02:00:00Z'), 2))).toBe('2027-01-01');
      useCalendarOverrides([
        ['2027-01-01', { working: false, name: '元旦' }],
        ['2027-01-02', { working: true, name: '元旦调休' }],
      ]);
      expect(isWorkingDay('2027-01-01')).toBe(false);
      expect(isWorkingDay('2027-01-02')).toBe(true);
      expect(holidayName('2027-01-01')).toBe('元旦');
      expect(holidayName('2027-01-02')).toBeNull();
      // 31 December, then (1 January off) the make-up Saturday.
      expect(shanghaiDate(workingDaysLater(new Date('2026-12-30T02:00:00Z'), 2))).toBe('2027-01-02');
      expect(workingDaysBetween(new Date('2026-12-30T02:00:00Z'), new Date('2027-01-04T02:00:00Z'))).toBe(3);
      useCalendarOverrides([]);
      expect(isWorkingDay('2027-01-01')).toBe(true);
    });

    it('names the holidays of the package, not ordinary weekends, and knows which years the package carries', () => {
      expect(holidayName('2026-10-01')).toBe('国庆节');
      expect(holidayName('2026-11-28')).toBeNull();
      expect(holidayName('2026-11-30')).toBeNull();
      expect(officialCalendarKnows(2026)).toBe(true);
      expect(officialCalendarKnows(2030)).toBe(false);
    });
  });
});
