import type { CalendarDayBookings, CalendarDayInput, CalendarDaySaved, CalendarYear } from '@zhdj/shared';
import { http } from '@/api/http';

// ---- The county's working-day calendar (calendar.manage: the county's organisation department) ----

/** A year's entries, sorted by date, and whether the bundled official calendar knows that year at all. */
export async function fetchCalendarYear(year: number, signal?: AbortSignal): Promise<CalendarYear> {
  const { data } = await http.get<CalendarYear>('/calendar/days', { params: { year }, signal });
  return data;
}

/** The visits still booked for a date, and at how many centres: what entering it as a day off would cancel. */
export async function fetchCalendarDayBookings(date: string): Promise<CalendarDayBookings> {
  const { data } = await http.get<CalendarDayBookings>(`/calendar/days/${date}/bookings`);
  return data;
}

/**
 * Creates or replaces the entry of one date (`YYYY-MM-DD`); it overrides the official calendar for that date. A day
 * newly off cancels the visits booked for it (their members are told): the answer says how many.
 */
export async function saveCalendarDay(date: string, body: CalendarDayInput): Promise<CalendarDaySaved> {
  const { data } = await http.put<CalendarDaySaved>(`/calendar/days/${date}`, body);
  return data;
}

/** Removes a date's entry: the date follows the official calendar again. */
export async function deleteCalendarDay(date: string): Promise<void> {
  await http.delete(`/calendar/days/${date}`);
}
