import type { DayAvailability, WeeklyHours } from '@zhdj/shared';
import { addDays, holidayName, isWorkingDay, shanghaiDate, shanghaiInstant } from '../common/calendar/china-calendar';

export interface CenterSchedule {
  weeklyHours: WeeklyHours;
  slotMinutes: number;
  horizonDays: number;
  minNoticeMinutes: number;
}

export interface Closure {
  fromDate: string;
  toDate: string;
  reason: string;
}

export interface PlannedSlot {
  start: Date;
  end: Date;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The opening periods of a centre on a date, following the official calendar: nothing on public holidays; nothing
 * on weekends unless the centre sets hours for Saturday or Sunday; on a make-up working day (调休, a Saturday or
 * Sunday worked) the Monday hours.
 */
export function periodsOn(schedule: CenterSchedule, date: string): { periods: [string, string][]; closed: DayAvailability['closed'] } {
  const weekday = isoWeekday(date);
  if (!isWorkingDay(date)) {
    const holiday = holidayName(date);
    // A weekday off is a holiday even if nobody named it.
    if (holiday !== null || weekday < 6) return { periods: [], closed: { reason: 'HOLIDAY', detail: holiday ?? undefined } };
    // An ordinary weekend: closed, unless the centre keeps hours of its own for that weekday (周末不打烊).
    const own = schedule.weeklyHours[String(weekday) as keyof WeeklyHours] ?? [];
    return own.length ? { periods: own, closed: null } : { periods: [], closed: { reason: 'WEEKEND' } };
  }
  const key = String(weekday >= 6 ? 1 : weekday) as keyof WeeklyHours;
  const periods = schedule.weeklyHours[key] ?? [];
  return periods.length ? { periods, closed: null } : { periods: [], closed: { reason: 'NO_HOURS' } };
}

/** Every slot the schedule opens on a date (wall-clock Xinyi times → UTC instants), ignoring notice and horizon. */
export function slotsOn(schedule: CenterSchedule, date: string): PlannedSlot[] {
  const out: PlannedSlot[] = [];
  // Shanghai keeps one offset all year (no summer time), so a slot is its day's midnight plus minutes: no date text
  // is parsed per slot (that parsing was half the time of a fortnight's availability).
  const midnight = shanghaiInstant(date).getTime();
  const length = schedule.slotMinutes;
  for (const [open, close] of periodsOn(schedule, date).periods) {
    for (let m = minutes(open); m + length <= minutes(close); m += length) {
      out.push({ start: new Date(midnight + m * 60_000), end: new Date(midnight + (m + length) * 60_000) });
    }
  }
  return out;
}

/** Why a date is closed for booking, or null when it is open. Closures and the horizon apply on top of the hours. */
export function closedReason(schedule: CenterSchedule, closures: Closure[], date: string, now: Date): DayAvailability['closed'] {
  const today = shanghaiDate(now);
  if (date > addDays(today, schedule.horizonDays)) return { reason: 'BEYOND_HORIZON' };
  const closure = closures.find((c) => c.fromDate <= date && date <= c.toDate);
  if (closure) return { reason: 'CLOSURE', detail: closure.reason };
  return periodsOn(schedule, date).closed;
}

/** The slot starting exactly at `start`, if the schedule has one that day. */
export function slotAt(schedule: CenterSchedule, start: Date): PlannedSlot | null {
  return slotsOn(schedule, shanghaiDate(start)).find((s) => s.start.getTime() === start.getTime()) ?? null;
}

/** Slots a member could still book now: open day, after the minimum notice. */
export function bookableSlots(schedule: CenterSchedule, closures: Closure[], date: string, now: Date): { closed: DayAvailability['closed']; slots: PlannedSlot[] } {
  const closed = closedReason(schedule, closures, date, now);
  if (closed) return { closed, slots: [] };
  const earliest = now.getTime() + schedule.minNoticeMinutes * 60_000;
  return { closed: null, slots: slotsOn(schedule, date).filter((s) => s.start.getTime() >= earliest) };
}
