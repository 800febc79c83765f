import { isWorkday } from 'chinese-days';

/**
 * Business days follow the official Chinese calendar: public holidays are off and make-up working days (调休) are
 * on, from the maintained `chinese-days` package. All dates here are Asia/Shanghai calendar dates (UTC+8, no DST).
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Shanghai calendar date (`YYYY-MM-DD`) of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai wall-clock time happens. */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  return new Date(new Date(`${date}T${time}:00Z`).getTime() - SHANGHAI_OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string): boolean {
  return isWorkday(date);
}

/**
 * The deadline `n` working days after `from`: the end (23:59:59.999 Shanghai) of the n-th working day after the day
 * of `from`. A step started on Friday before a holiday week is due after the holiday.
 */
export function workingDaysLater(from: Date, n: number): Date {
  let date = shanghaiDate(from);
  let counted = 0;
  while (counted < n) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) counted++;
  }
  return new Date(shanghaiInstant(addDays(date, 1)).getTime() - 1);
}

/** Working days between two instants (the day of `from` excluded, the day of `to` included). */
export function workingDaysBetween(from: Date, to: Date): number {
  let date = shanghaiDate(from);
  const end = shanghaiDate(to);
  let n = 0;
  while (date < end) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) n++;
  }
  return n;
}
