import { describe, expect, it } from 'vitest';
import { addDays, isWorkingDay, shanghaiDate, workingDaysBetween, workingDaysLater } from './china-calendar';

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
});
