/** Year-month as stored for dues (党费交至): `YYYY-MM`. */
export const YEAR_MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** A calendar date as the API takes it: YYYY-MM-DD. */
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A day the calendar has, written YYYY-MM-DD: the pattern alone lets 2026-02-30 or 2027-02-29 through. */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function isYearMonth(value: string): boolean {
  return YEAR_MONTH_PATTERN.test(value);
}

/** Whole months from `a` to `b` (both `YYYY-MM`); positive when b is later. */
export function monthsBetween(a: string, b: string): number {
  const [ay, am] = a.split('-').map(Number);
  const [by, bm] = b.split('-').map(Number);
  return (by - ay) * 12 + (bm - am);
}

/** The month `n` months after `ym` (before it when n < 0), both `YYYY-MM`. */
export function shiftYearMonth(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Today's date in the county (Asia/Shanghai) as `YYYY-MM-DD`, whatever the machine's zone. */
export function chinaDate(at: Date = new Date()): string {
  // UTC+8 all year (no daylight saving), so a fixed offset is exact.
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The county's wall-clock time as `YYYY-MM-DD HH:mm` (`:ss` too with `seconds`, as an audit record needs). Arithmetic,
 * not Intl: on a phone, the first Intl formatter with a time zone loads the zone database, a pause of tens of
 * milliseconds on the first screen.
 */
export function chinaDateTime(at: Date, seconds = false): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, seconds ? 19 : 16).replace('T', ' ');
}

const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];

/** A visit's time as a member reads it in a message: 12月8日（周二）09:30, in the county's time. */
export function chinaVisitTimeZh(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000);
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日（周${WEEKDAYS_ZH[local.getUTCDay()]}）${local.toISOString().slice(11, 16)}`;
}

export function chinaYearMonth(at: Date = new Date()): string {
  return chinaDate(at).slice(0, 7);
}

/**
 * Orders ISO dates, times or instants written alike (`2026-11-28`, `09:30`, `2026-11-28T01:30:00.000Z`): by code unit,
 * which is their order in time. Not localeCompare: a collator's first use costs a phone tens of milliseconds.
 */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The calendar day `n` days after `date` (before it when n < 0), both `YYYY-MM-DD`. */
export function shiftDate(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
}
