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

/**
 * The public holidays the law fixes (全国年节及纪念日放假办法, as amended in 2024, from 2025): 13 days a year, known
 * before the State Council's yearly arrangement adds its bridging days and make-up working days.
 */
export const STATUTORY_HOLIDAYS = ['newYear', 'springFestival', 'qingming', 'labourDay', 'dragonBoat', 'midAutumn', 'nationalDay'] as const;
export type StatutoryHoliday = (typeof STATUTORY_HOLIDAYS)[number];
/** Their names as the official calendar gives them, the names a day off carries on the booking calendar. */
export const STATUTORY_HOLIDAY_NAMES_ZH: Record<StatutoryHoliday, string> = {
  newYear: '元旦',
  springFestival: '春节',
  qingming: '清明节',
  labourDay: '劳动节',
  dragonBoat: '端午节',
  midAutumn: '中秋节',
  nationalDay: '国庆节',
};

/** A statutory holiday's date; two holidays can fall on one (中秋节 on 3 October 2028). */
export interface StatutoryDay {
  date: string;
  holidays: StatutoryHoliday[];
}

export interface CalendarYear {
  year: number;
  /**
   * Whether the bundled official calendar carries this year's holidays. When false, the holidays the law fixes
   * (`statutory`) are off, and entries here add the announced bridging days and make-up working days.
   */
  officialKnown: boolean;
  /** A year the package does not carry: the dates of the public holidays the law fixes, in date order; else empty. */
  statutory: StatutoryDay[];
  days: CalendarDay[];
}

/** The answer to entering a day: the day, and how many visits booked for it were cancelled (a day newly off). */
export interface CalendarDaySaved extends CalendarDay {
  cancelledBookings: number;
}

/** `GET /api/calendar/days/:date/bookings`: the visits still booked for a day, which closing it would cancel. */
export interface CalendarDayBookings {
  date: string;
  bookings: number;
  centers: number;
  /**
   * Whether the official calendar alone (without an entry) has the day as a working day: removing a make-up working
   * day entered on a day it has off closes the day, and cancels these visits too.
   */
  officialWorking: boolean;
}

export interface CalendarDayInput {
  working: boolean;
  name: string;
}

export const CALENDAR_DAY_NAME_MAX = 30;
/** Years that can be edited: from 2020 to two years ahead of the current one. */
export const CALENDAR_FIRST_YEAR = 2020;
export const CALENDAR_YEARS_AHEAD = 2;
