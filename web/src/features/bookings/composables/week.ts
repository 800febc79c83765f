import { compareIso, type BookingView, type CenterStats, type WeeklyHours } from '@zhdj/shared';
import { addDays, xinyiDate, xinyiTime } from './schedule';

export interface WeekCell {
  date: string;
  bookings: BookingView[];
  /** Bookings that still hold a place (booked, attended or no-show; not cancelled). */
  active: number;
}

export interface WeekRow {
  time: string;
  cells: WeekCell[];
}

const holdsPlace = (b: BookingView) => b.status !== 'CANCELLED';

/**
 * A centre's week as a grid: one row per start time that has bookings (Xinyi wall-clock), one column per day from
 * Monday; weekend columns only when something is booked on them. Totals count places held per day.
 */
export function weekGrid(bookings: BookingView[], monday: string): { days: string[]; rows: WeekRow[]; totals: number[] } {
  const all = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const inWeek = bookings.filter((b) => all.includes(xinyiDate(b.start)));
  const weekendUsed = inWeek.some((b) => xinyiDate(b.start) >= all[5]);
  const days = weekendUsed ? all : all.slice(0, 5);
  const times = [...new Set(inWeek.map((b) => xinyiTime(b.start)))].sort();
  const rows = times.map((time) => ({
    time,
    cells: days.map((date) => {
      const here = inWeek.filter((b) => xinyiDate(b.start) === date && xinyiTime(b.start) === time);
      return { date, bookings: here, active: here.filter(holdsPlace).length };
    }),
  }));
  const totals = days.map((date) => inWeek.filter((b) => xinyiDate(b.start) === date && holdsPlace(b)).length);
  return { days, rows, totals };
}

/** Counts for a day's header: visits holding a place, and how many have checked in. */
export function daySummary(bookings: BookingView[]): { total: number; attended: number } {
  return { total: bookings.filter(holdsPlace).length, attended: bookings.filter((b) => b.status === 'ATTENDED').length };
}

/** A typed check-in code as the server stores it: letters and digits only, upper case. */
export function normaliseCode(raw: string): string {
  return raw.replace(/[^0-9a-z]/gi, '').toUpperCase().slice(0, 8);
}

const QR_PAYLOAD = /ZHDJ-CHECKIN:(\d+):([0-9A-Z]{4,8})/i;

/**
 * What the window's input received: a code typed by hand, or the booking's QR code read by a scanner that types
 * what it reads (`ZHDJ-CHECKIN:<centre>:<code>`), which also says which centre the visit is booked at.
 */
export function readCheckIn(raw: string): { code: string; centerId: number | null } {
  const qr = QR_PAYLOAD.exec(raw);
  if (qr) return { code: qr[2].toUpperCase(), centerId: Number(qr[1]) };
  return { code: normaliseCode(raw), centerId: null };
}

/** Opening periods in time order (the API wants them ordered). */
export function sortedPeriods(periods: [string, string][]): [string, string][] {
  return periods.map(([a, b]) => [a, b] as [string, string]).sort((x, y) => compareIso(x[0], y[0]));
}

/** The weekdays whose periods the API would refuse: a period that does not start before it ends, or overlaps. */
export function invalidDays(hours: WeeklyHours): string[] {
  return Object.entries(hours)
    .filter(([, periods]) => {
      let last = '';
      for (const [a, b] of sortedPeriods(periods ?? [])) {
        if (!(a < b) || a < last) return true;
        last = b;
      }
      return false;
    })
    .map(([day]) => day)
    .sort();
}

type StatsRow = Omit<CenterStats, 'center'>;

/** The overview's total line: sums, and utilisation as all booked places over all offered places. */
export function statsTotals(rows: StatsRow[]) {
  const sum = (k: 'bookings' | 'attended' | 'noShows' | 'cancelled') => rows.reduce((s, r) => s + r[k], 0);
  const total = { bookings: sum('bookings'), attended: sum('attended'), noShows: sum('noShows'), cancelled: sum('cancelled') };
  const offered = rows.reduce((s, r) => s + r.offered, 0);
  const utilisation = offered ? total.bookings / offered : 0;
  return {
    ...total,
    utilisation,
    /** The cells of the table's summary row. */
    row: (label: string, pct: (v: number) => string, noShowRate: (r: { attended: number; noShows: number }) => number) => [
      label,
      String(total.bookings),
      String(total.attended),
      String(total.noShows),
      pct(noShowRate(total)),
      String(total.cancelled),
      pct(utilisation),
    ],
  };
}
