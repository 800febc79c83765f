import { CALENDAR_FIRST_YEAR } from '@zhdj/shared';
import { describe, expect, it } from 'vitest';
import { defaultYear, editableYears } from './calendar-years';

describe('calendar years', () => {
  it('opens on the current year in Xinyi, or the next one from November on', () => {
    expect(defaultYear(new Date('2026-06-15T12:00:00Z'))).toBe(2026);
    expect(defaultYear(new Date('2026-10-31T15:59:00Z'))).toBe(2026);
    // 31 October 16:00 UTC is already 1 November in Xinyi.
    expect(defaultYear(new Date('2026-10-31T16:00:00Z'))).toBe(2027);
    expect(defaultYear(new Date('2026-12-31T12:00:00Z'))).toBe(2027);
    // 31 December 16:00 UTC is New Year's Day in Xinyi: January, the current year.
    expect(defaultYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('offers the years the API accepts: from the first one to two years ahead', () => {
    const years = editableYears(new Date('2026-11-30T02:00:00Z'));
    expect(years[0]).toBe(CALENDAR_FIRST_YEAR);
    expect(years.at(-1)).toBe(2028);
    expect(years).toHaveLength(2028 - CALENDAR_FIRST_YEAR + 1);
  });
});
