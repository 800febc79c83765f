import { CALENDAR_FIRST_YEAR, CALENDAR_YEARS_AHEAD, chinaDate } from '@zhdj/shared';

/** The year and month it is in Xinyi (Asia/Shanghai), whatever the device's own zone. */
function xinyiYearMonth(now: Date): { year: number; month: number } {
  const [year, month] = chinaDate(now).split('-').map(Number);
  return { year, month };
}

/** The years the API accepts: from CALENDAR_FIRST_YEAR to two years ahead of the current one, oldest first. */
export function editableYears(now: Date = new Date()): number[] {
  const last = xinyiYearMonth(now).year + CALENDAR_YEARS_AHEAD;
  return Array.from({ length: Math.max(0, last - CALENDAR_FIRST_YEAR + 1) }, (_, i) => CALENDAR_FIRST_YEAR + i);
}

/**
 * The year the screen opens on: the current one, or the next one in November and December — the State Council
 * publishes the next year's holidays in November, and that is when administrators enter them.
 */
export function defaultYear(now: Date = new Date()): number {
  const { year, month } = xinyiYearMonth(now);
  return month >= 11 ? year + 1 : year;
}

