import { chinaDate, chinaDateTime, compareIso, type BookingView, type DayAvailability, type SlotView, type WeeklyHours } from '@zhdj/shared';

/** `HH:MM` of a visit as the county reads it, whatever the phone's own zone is. */
export function xinyiTime(iso: string | Date): string {
  return chinaDateTime(new Date(iso)).slice(11);
}

/** `YYYY-MM-DD` in Xinyi. */
export function xinyiDate(iso: string | Date): string {
  return chinaDate(new Date(iso));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (d === 0 ? 7 : d) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export type DayMark = 'free' | 'few' | 'full' | 'over' | 'closed';
export type ClosedReason = NonNullable<DayAvailability['closed']>['reason'];

export interface CalendarDay {
  date: string;
  day: number;
  month: number;
  weekday: number;
  mark: DayMark;
  /** Free places left that day (0 when closed or full). */
  free: number;
  closedReason: ClosedReason | null;
  /** A holiday's name or a closure's reason, as the server gives it. */
  closedDetail: string | null;
  /** A day with at least one slot with a free place. */
  selectable: boolean;
  isToday: boolean;
}

/** At or below this share of places left, a day is marked "few places". */
export const FEW_SHARE = 0.2;

/**
 * What a day of the calendar shows: closed (with the server's reason: holiday, weekend, closure, no hours, not open
 * yet), over (open, but no time left that can still be booked today), full, few places, or free.
 */
export function markDay(day: DayAvailability, today: string): CalendarDay {
  const [, month, dom] = day.date.split('-').map(Number);
  const base = { date: day.date, day: dom, month, weekday: isoWeekday(day.date), isToday: day.date === today };
  if (day.closed) {
    return { ...base, mark: 'closed', free: 0, closedReason: day.closed.reason, closedDetail: day.closed.detail ?? null, selectable: false };
  }
  if (!day.slots.length) return { ...base, mark: 'over', free: 0, closedReason: null, closedDetail: null, selectable: false };
  const free = day.slots.reduce((sum, s) => sum + s.free, 0);
  const capacity = day.slots.reduce((sum, s) => sum + s.capacity, 0);
  const mark: DayMark = free === 0 ? 'full' : free <= capacity * FEW_SHARE ? 'few' : 'free';
  return { ...base, mark, free, closedReason: null, closedDetail: null, selectable: free > 0 };
}

/**
 * The days laid out in weeks of seven (Monday first), as a wall calendar: leading cells before the first day and
 * trailing cells after the last are null.
 */
export function calendarWeeks(days: DayAvailability[], today: string): (CalendarDay | null)[][] {
  if (!days.length) return [];
  const cells: (CalendarDay | null)[] = Array.from({ length: isoWeekday(days[0].date) - 1 }, () => null);
  for (const d of days) cells.push(markDay(d, today));
  while (cells.length % 7) cells.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The first day with a free place, to open the calendar on. */
export function firstBookableDay(days: DayAvailability[]): string | null {
  return days.find((d) => !d.closed && d.slots.some((s) => s.free > 0))?.date ?? null;
}

export type DayPart = 'morning' | 'afternoon' | 'evening';

/** Slots by part of the day in Xinyi (before 12:00, before 18:00, later), in time order. */
export function groupSlots(slots: SlotView[]): { part: DayPart; slots: SlotView[] }[] {
  const parts: Record<DayPart, SlotView[]> = { morning: [], afternoon: [], evening: [] };
  for (const s of [...slots].sort((a, b) => compareIso(a.start, b.start))) {
    const hour = Number(xinyiTime(s.start).slice(0, 2));
    parts[hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening'].push(s);
  }
  return (['morning', 'afternoon', 'evening'] as const).filter((p) => parts[p].length).map((part) => ({ part, slots: parts[part] }));
}

/** The days to offer: from today to the end of the centre's horizon, at most 31 (what the API serves at once). */
export function bookingWindow(today: string, horizonDays: number): { from: string; to: string } {
  return { from: today, to: addDays(today, Math.min(Math.max(horizonDays, 1), 30)) };
}

export type ChangeState = { changeable: true; until: string } | { changeable: false; why: 'status' | 'cutoff' | 'past' };

/** Whether the member may still reschedule or cancel a booking online (the server decides again on the request). */
export function changeState(b: Pick<BookingView, 'status' | 'start' | 'changeableUntil'>, now: Date = new Date()): ChangeState {
  if (b.status !== 'BOOKED') return { changeable: false, why: 'status' };
  if (new Date(b.start).getTime() <= now.getTime()) return { changeable: false, why: 'past' };
  if (new Date(b.changeableUntil).getTime() < now.getTime()) return { changeable: false, why: 'cutoff' };
  return { changeable: true, until: b.changeableUntil };
}

/** Minutes between the cut-off and the visit (the centre's setting, read back from a booking). */
export function cutoffMinutes(b: Pick<BookingView, 'start' | 'changeableUntil'>): number {
  return Math.round((new Date(b.start).getTime() - new Date(b.changeableUntil).getTime()) / 60_000);
}

/** Upcoming (still booked and not over) first by time; the rest, newest first. */
export function splitBookings(upcoming: BookingView[], all: BookingView[], now: Date = new Date()): { upcoming: BookingView[]; history: BookingView[] } {
  const isUpcoming = (b: BookingView) => b.status === 'BOOKED' && new Date(b.end).getTime() > now.getTime();
  const byId = new Map<number, BookingView>();
  for (const b of [...all, ...upcoming]) byId.set(b.id, b);
  const every = [...byId.values()];
  return {
    upcoming: every.filter(isUpcoming).sort((a, b) => compareIso(a.start, b.start)),
    history: every.filter((b) => !isUpcoming(b)).sort((a, b) => compareIso(b.start, a.start)),
  };
}

/**
 * Weekly hours as people say them: runs of consecutive weekdays with the same periods, e.g. Monday to Friday
 * 08:30–12:00 and 14:00–17:30. Days without periods are left out.
 */
export function hoursSummary(hours: WeeklyHours): { from: number; to: number; periods: [string, string][] }[] {
  const out: { from: number; to: number; periods: [string, string][] }[] = [];
  for (let d = 1; d <= 7; d++) {
    const periods = hours[String(d) as keyof WeeklyHours] ?? [];
    if (!periods.length) continue;
    const last = out.at(-1);
    if (last && last.to === d - 1 && JSON.stringify(last.periods) === JSON.stringify(periods)) last.to = d;
    else out.push({ from: d, to: d, periods });
  }
  return out;
}
