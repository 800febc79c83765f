import { chinaDate } from '@zhdj/shared';
import { getDayDetail, isWorkday } from 'chinese-days';
import { isoString } from './iso-string';

/**
 * Business days follow the official Chinese calendar: public holidays are off and make-up working days (调休) are
 * on, from the maintained `chinese-days` package. All dates here are Asia/Shanghai calendar dates (UTC+8, no DST).
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Shanghai calendar date (`YYYY-MM-DD`) of an instant: the shared `chinaDate`, so the web and the server agree. */
export function shanghaiDate(at: Date): string {
  return chinaDate(at);
}

/** The instant a Shanghai wall-clock time happens. */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  return new Date(new Date(`${date}T${time}:00Z`).getTime() - SHANGHAI_OFFSET_MS);
}

const DAY_MS = 86400_000;

/** The calendar date `days` after `date` (before, if negative); a RangeError for a date that is not one. */
export function addDays(date: string, days: number): string {
  // Arithmetic on the day's instant (a booking fortnight calls this dozens of times per request).
  return isoString(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).slice(0, 10);
}

/** Days since 1970-01-01 of a calendar date, and of an instant's Shanghai date. */
const epochDay = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const shanghaiEpochDay = (at: Date): number => Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);

/**
 * Days the county's administrators entered (calendar.service.ts): a year's official holidays and make-up days
 * before the package carries them, or a correction. Each overrides the package for its date.
 */
export interface CalendarOverride {
  working: boolean;
  name: string;
}
let overrides = new Map<string, CalendarOverride>();

/** Replaces the entered days (the calendar service loads them at start-up and after every change). */
export function useCalendarOverrides(days: Iterable<readonly [string, CalendarOverride]>): void {
  overrides = new Map(days);
  workdays.clear();
}

/**
 * The calendar package answers from dates it parses each time: the overview counts the working days of thousands of
 * transfers per request, so each day's answer is kept (a few thousand days at most; cleared past a bound, and when
 * the entered days change).
 */
const workdays = new Map<number, boolean>();
function isWorkingEpochDay(day: number): boolean {
  let v = workdays.get(day);
  if (v === undefined) {
    if (workdays.size > 50_000) workdays.clear();
    const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    v = overrides.get(date)?.working ?? isWorkday(date);
    workdays.set(day, v);
  }
  return v;
}

/**
 * The name of the public holiday a date falls in (元旦, 春节…), or null for a working day or an ordinary weekend.
 * An entered day off is a holiday by its entered name.
 */
export function holidayName(date: string): string | null {
  const entered = overrides.get(date);
  if (entered) return entered.working ? null : entered.name;
  if (isWorkday(date)) return null;
  // The package names a holiday "English,中文,n" and an ordinary weekend "Saturday" / "Sunday".
  const name = getDayDetail(date).name;
  return /day$/.test(name) ? null : (name.split(',')[1] ?? name);
}

/** Whether the bundled official calendar carries a year's holidays (the State Council announces them each November). */
export function officialCalendarKnows(year: number): boolean {
  // Every year has a New Year's Day holiday on 1 January; a year the package lacks shows it as an ordinary day.
  const date = `${year}-01-01`;
  return !isWorkday(date) && /,/.test(getDayDetail(date).name);
}

export function isWorkingDay(date: string): boolean {
  return isWorkingEpochDay(epochDay(date));
}

/**
 * The deadline `n` working days after `from`: the end (23:59:59.999 Shanghai) of the n-th working day after the day
 * of `from`. A step started on Friday before a holiday week is due after the holiday.
 */
export function workingDaysLater(from: Date, n: number): Date {
  let day = shanghaiEpochDay(from);
  let counted = 0;
  while (counted < n) {
    day++;
    if (isWorkingEpochDay(day)) counted++;
  }
  // The end of that Shanghai day: the next day's Shanghai midnight, less a millisecond.
  return new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

/** Working days between two instants (the day of `from` excluded, the day of `to` included). */
export function workingDaysBetween(from: Date, to: Date): number {
  const end = shanghaiEpochDay(to);
  let n = 0;
  for (let day = shanghaiEpochDay(from) + 1; day <= end; day++) if (isWorkingEpochDay(day)) n++;
  return n;
}
