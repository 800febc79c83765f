/**
 * The county's working-day calendar (domain.md §4: deadlines count working days; booking follows the official
 * calendar). The official holidays and make-up working days (调休) come from a maintained package; the State Council
 * announces each year's in the November before, and until the package carries them the county's administrators enter
 * that year's days here. An entry overrides the package for its date.
 */
export interface CalendarDay {
  /** `YYYY-MM-DD`, a Xinyi (Asia/Shanghai) calendar date. */
  date: string;
  /** true: a working day (a make-up day on a weekend, 调休上班); false: a day off (a public holiday, 放假). */
  working: boolean;
  /** What the day is, e.g. 元旦 or 春节调休: shown on the booking calendar. */
  name: string;
  updatedAt: string;
}

export interface CalendarYear {
  year: number;
  /** Whether the bundled official calendar carries this year's holidays; when false only entries here mark them. */
  officialKnown: boolean;
  days: CalendarDay[];
}

/** The answer to entering a day: the day, and how many visits booked for it were cancelled (a day newly off). */
export interface CalendarDaySaved extends CalendarDay {
  cancelledBookings: number;
}

/** `GET /api/calendar/days/:date/bookings`: the visits still booked for a day, which entering it as off would cancel. */
export interface CalendarDayBookings {
  date: string;
  bookings: number;
  centers: number;
}

export interface CalendarDayInput {
  working: boolean;
  name: string;
}

export const CALENDAR_DAY_NAME_MAX = 30;
/** Years that can be edited: from 2020 to two years ahead of the current one. */
export const CALENDAR_FIRST_YEAR = 2020;
export const CALENDAR_YEARS_AHEAD = 2;
