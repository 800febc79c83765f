import type { BookingView, WeeklyHours } from '@zhdj/shared';
import { useI18n } from 'vue-i18n';
import { useErrorMessage } from '@/composables/use-error-message';
import { monthShort } from '@/i18n/month-name';
import { bookingErrorWording, type BookingAction, type CenterRules, type Duration } from './booking-errors';
import { addDays, hoursSummary, isoWeekday, xinyiDate, xinyiTime, type CalendarDay, type ClosedReason } from './schedule';

type WeekdayKey = '1' | '2' | '3' | '4' | '5' | '6' | '7';

/** Dates, times, durations and refusals of visits in the user's language (times always in Xinyi). */
export function useBookingFormat() {
  const { t, locale } = useI18n();
  const genericError = useErrorMessage();

  function weekday(date: string, long = false): string {
    const key = String(isoWeekday(date)) as WeekdayKey;
    return long ? t(`bookings.weekdayLong.${key}`) : t(`bookings.weekday.${key}`);
  }

  /** "11月30日 周一"; "今天" / "明天" replace the weekday when `relative` is on. */
  function dayLabel(date: string, options: { year?: boolean; relative?: boolean; today?: string } = {}): string {
    const [year, month, day] = date.split('-').map(Number);
    const parts = { year, month, day, mon: monthShort(locale.value, month!) };
    const text = options.year ? t('bookings.date.full', parts) : t('bookings.date.monthDay', parts);
    if (options.relative) {
      const today = options.today ?? xinyiDate(new Date());
      if (date === today) return t('bookings.date.relativeToday', { date: text });
      if (date === addDays(today, 1)) return t('bookings.date.relativeTomorrow', { date: text });
    }
    return t('bookings.date.withWeekday', { date: text, weekday: weekday(date) });
  }

  function timeRange(start: string, end: string): string {
    return t('bookings.date.timeRange', { start: xinyiTime(start), end: xinyiTime(end) });
  }

  /** "11月30日 周一 09:00–09:30". */
  function when(b: Pick<BookingView, 'start' | 'end'>, options: { year?: boolean; relative?: boolean } = {}): string {
    return t('bookings.date.when', { day: dayLabel(xinyiDate(b.start), options), time: timeRange(b.start, b.end) });
  }

  function duration(d: Duration): string {
    if ('days' in d) return t('bookings.date.days', { n: d.days }, d.days);
    if (d.minutes >= 60 && d.minutes % 60 === 0) return t('bookings.date.hours', { n: d.minutes / 60 }, d.minutes / 60);
    return t('bookings.date.minutes', { n: d.minutes }, d.minutes);
  }

  /** The sentence explaining why a day cannot be booked, or how many places it has. */
  function dayState(day: CalendarDay): string {
    if (day.mark === 'closed') return closedText(day.closedReason!, day.closedDetail);
    if (day.mark === 'over') return t('bookings.dayState.over');
    if (day.mark === 'full') return t('bookings.dayState.full');
    return t(day.mark === 'few' ? 'bookings.dayState.few' : 'bookings.dayState.free', { n: day.free }, day.free);
  }

  function closedText(reason: ClosedReason, detail: string | null): string {
    if (reason === 'HOLIDAY') return detail ? t('bookings.dayState.HOLIDAY', { detail }) : t('bookings.dayState.HOLIDAY_PLAIN');
    if (reason === 'CLOSURE') return detail ? t('bookings.dayState.CLOSURE', { detail }) : t('bookings.dayState.CLOSURE_PLAIN');
    return t(`bookings.dayState.${reason}`);
  }

  /** The short word inside a calendar cell: a holiday's own name where the server gives one. */
  function dayMarkText(day: CalendarDay): string {
    if (day.mark !== 'closed') return t(`bookings.mark.${day.mark}`);
    switch (day.closedReason) {
      case 'HOLIDAY':
        // The holiday's own name where it fits a cell (元旦, 春节); the sentence under the calendar names the others.
        return locale.value === 'zh-CN' && day.closedDetail && [...day.closedDetail].length <= 2 ? day.closedDetail : t('bookings.mark.holiday');
      case 'CLOSURE':
        return t('bookings.mark.closure');
      case 'BEYOND_HORIZON':
        return t('bookings.mark.beyond');
      case 'NO_HOURS':
        return t('bookings.mark.noHours');
      default:
        return t('bookings.mark.weekend');
    }
  }

  /** "周一至周五 08:30–12:00、14:00–17:30", one line per run of days with the same hours. */
  function hoursLines(hours: WeeklyHours): string[] {
    const day = (d: number) => t(`bookings.weekday.${String(d) as WeekdayKey}`);
    return hoursSummary(hours).map((run) => {
      const days = run.from === run.to ? day(run.from) : t('bookings.date.dayRange', { from: day(run.from), to: day(run.to) });
      const periods = run.periods.map(([a, b]) => t('bookings.date.timeRange', { start: a, end: b })).join(t('bookings.date.listSep'));
      return `${days} ${periods}`;
    });
  }

  /** A refusal in plain words; anything that is not a booking rule gets the app's general message. */
  function errorText(error: unknown, action: BookingAction, rules: CenterRules = {}): string {
    const wording = bookingErrorWording(error, action, rules);
    if (!wording) return genericError(error);
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(wording.params ?? {})) params[k] = typeof v === 'object' ? duration(v) : v;
    return t(wording.key, params);
  }

  return { hoursLines, weekday, dayLabel, timeRange, when, duration, dayState, closedText, dayMarkText, errorText };
}
