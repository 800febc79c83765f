import { chinaDate, STATUTORY_HOLIDAY_NAMES_ZH, type StatutoryHoliday } from '@zhdj/shared';
import { getDayDetail, getSolarDateFromLunar, getSolarTermDate, isWorkday } from 'chinese-days';
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
    v = overrides.get(date)?.working ?? officialWorkingDay(date);
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
  return officialHolidayName(date);
}

/** Whether a date is a working day by the official calendar alone (the package, or the law's holidays), whatever the county entered. */
export function officialWorkingDay(date: string): boolean {
  return statutoryHolidayName(date) === undefined ? isWorkday(date) : false;
}

/** holidayName by the official calendar alone. */
export function officialHolidayName(date: string): string | null {
  const statutory = statutoryHolidayName(date);
  if (statutory !== undefined) return statutory;
  if (isWorkday(date)) return null;
  // The package names a holiday "English,中文,n" and an ordinary weekend "Saturday" / "Sunday".
  const name = getDayDetail(date).name;
  return /day$/.test(name) ? null : (name.split(',')[1] ?? name);
}

/** Whether the bundled official calendar carries a year's holidays (the State Council announces them each November). */
export function officialCalendarKnows(year: number): boolean {
  let known = knownYears.get(year);
  if (known === undefined) {
    // Every year has a New Year's Day holiday on 1 January; a year the package lacks shows it as an ordinary day.
    const date = `${year}-01-01`;
    known = !isWorkday(date) && /,/.test(getDayDetail(date).name);
    knownYears.set(year, known);
  }
  return known;
}
const knownYears = new Map<number, boolean>();

/** The year the public holidays took their present form (全国年节及纪念日放假办法 as amended in 2024: 除夕 and 1 May 2). */
const STATUTORY_FROM_YEAR = 2025;

/**
 * The public holidays the law itself fixes for a year (全国年节及纪念日放假办法, art. 2, as amended in 2024): 元旦 1
 * January; 春节 New Year's Eve to the third day of the first lunar month; 清明节 on the Qingming solar term; 劳动节 1–2
 * May; 端午节 on the fifth of the fifth lunar month; 中秋节 on the fifteenth of the eighth; 国庆节 1–3 October — 13 days,
 * in date order (fewer dates in a year when two fall together). They hold before the State Council's yearly
 * arrangement is announced, which only adds the bridging days and the make-up working days (调休) around them. The
 * lunar and solar-term dates come from the calendar package's almanac, which runs decades ahead of its holiday lists.
 * None for a year before the present law (the package carries those).
 */
export function statutoryHolidays(year: number): ReadonlyMap<string, readonly StatutoryHoliday[]> {
  let days = statutoryByYear.get(year);
  if (!days) {
    const found = new Map<string, StatutoryHoliday[]>();
    const add = (date: string, n: number, holiday: StatutoryHoliday) => {
      for (let i = 0; i < n; i++) {
        const day = addDays(date, i);
        // The almanac ends in 2100: a lunar date it cannot give lands outside the year and is left out.
        if (day.startsWith(`${year}-`)) found.set(day, [...(found.get(day) ?? []), holiday]);
      }
    };
    add(`${year}-01-01`, 1, 'newYear');
    add(addDays(getSolarDateFromLunar(`${year}-01-01`).date, -1), 4, 'springFestival');
    add(getSolarTermDate(year, 4, 'pure_brightness'), 1, 'qingming');
    add(`${year}-05-01`, 2, 'labourDay');
    add(getSolarDateFromLunar(`${year}-05-05`).date, 1, 'dragonBoat');
    add(getSolarDateFromLunar(`${year}-08-15`).date, 1, 'midAutumn');
    add(`${year}-10-01`, 3, 'nationalDay');
    days = new Map(year < STATUTORY_FROM_YEAR ? [] : [...found].sort(([a], [b]) => (a < b ? -1 : 1)));
    statutoryByYear.set(year, days);
  }
  return days;
}
const statutoryByYear = new Map<number, Map<string, StatutoryHoliday[]>>();

/**
 * The statutory holiday a date falls on in a year the package does not carry yet (undefined otherwise, and for a
 * year before the present law): so that New Year's Day of a year not yet announced is not taken for a working day.
 */
function statutoryHolidayName(date: string): string | undefined {
  const year = Number(date.slice(0, 4));
  if (officialCalendarKnows(year)) return undefined;
  return statutoryHolidays(year).get(date)?.map((h) => STATUTORY_HOLIDAY_NAMES_ZH[h]).join('、');
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
