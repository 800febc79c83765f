import { afterEach, describe, expect, it } from 'vitest';
import { addDays, holidayName, isWorkingDay, officialCalendarKnows, shanghaiDate, statutoryHolidays, useCalendarOverrides, workingDaysBetween, workingDaysLater } from './china-calendar';

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
      expect(isWorkingDay('2027-01-02')).toBe(false);
      expect(isWorkingDay('2027-02-04')).toBe(true);
      expect(shanghaiDate(workingDaysLater(new Date('2026-12-30T02:00:00Z'), 2))).toBe('2027-01-04');
      useCalendarOverrides([
        ['2027-01-01', { working: false, name: '元旦' }],
        ['2027-01-02', { working: true, name: '元旦调休' }],
        ['2027-02-04', { working: false, name: '春节' }],
      ]);
      expect(isWorkingDay('2027-01-01')).toBe(false);
      expect(isWorkingDay('2027-01-02')).toBe(true);
      expect(isWorkingDay('2027-02-04')).toBe(false);
      expect(holidayName('2027-01-01')).toBe('元旦');
      expect(holidayName('2027-01-02')).toBeNull();
      // 31 December, then (1 January off) the make-up Saturday.
      expect(shanghaiDate(workingDaysLater(new Date('2026-12-30T02:00:00Z'), 2))).toBe('2027-01-02');
      expect(workingDaysBetween(new Date('2026-12-30T02:00:00Z'), new Date('2027-01-04T02:00:00Z'))).toBe(3);
      useCalendarOverrides([]);
      expect(isWorkingDay('2027-01-02')).toBe(false);
      expect(isWorkingDay('2027-02-04')).toBe(true);
    });

    it('keeps the holidays the law fixes in a year the package does not carry yet, and an entered day over them', () => {
      expect(officialCalendarKnows(2027)).toBe(false);
      expect([...statutoryHolidays(2027)].map(([date, holidays]) => `${date} ${holidays.join('+')}`)).toEqual([
        '2027-01-01 newYear',
        // New Year's Eve (the 29th of the twelfth lunar month that year) to the third of the first.
        '2027-02-05 springFestival',
        '2027-02-06 springFestival',
        '2027-02-07 springFestival',
        '2027-02-08 springFestival',
        '2027-04-05 qingming',
        '2027-05-01 labourDay',
        '2027-05-02 labourDay',
        '2027-06-09 dragonBoat',
        '2027-09-15 midAutumn',
        '2027-10-01 nationalDay',
        '2027-10-02 nationalDay',
        '2027-10-03 nationalDay',
      ]);
      // 2028's Mid-Autumn Festival is 3 October: one date, both holidays, both names.
      expect(statutoryHolidays(2028).get('2028-10-03')).toEqual(['midAutumn', 'nationalDay']);
      expect(statutoryHolidays(2028).size).toBe(12);
      expect(holidayName('2028-10-03')).toBe('中秋节、国庆节');
      // New Year's Day 2027 is a Friday: not a working day, though the package does not know the year.
      expect(isWorkingDay('2027-01-01')).toBe(false);
      expect(holidayName('2027-01-01')).toBe('元旦');
      expect(isWorkingDay('2027-02-05')).toBe(false);
      expect(holidayName('2027-02-08')).toBe('春节');
      expect(isWorkingDay('2027-02-09')).toBe(true);
      // A step started on the Wednesday before is due on the Tuesday after (31 Dec, 4 Jan, 5 Jan).
      expect(shanghaiDate(workingDaysLater(new Date('2026-12-30T02:00:00Z'), 3))).toBe('2027-01-05');
      // The package's own list still rules a year it carries: 2026's Spring Festival ran 15–23 February.
      expect(statutoryHolidays(2026).get('2026-02-16')).toEqual(['springFestival']);
      expect(isWorkingDay('2026-02-23')).toBe(false);
      expect(isWorkingDay('2026-02-28')).toBe(true);
      // What the county enters wins over the law's days (a correction, or a make-up day announced on one).
      useCalendarOverrides([['2027-10-03', { working: true, name: '测试' }]]);
      expect(isWorkingDay('2027-10-03')).toBe(true);
      expect(holidayName('2027-10-03')).toBeNull();
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
