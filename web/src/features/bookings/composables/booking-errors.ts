import { ErrorCode } from '@zhdj/shared';
import { ApiError } from '@/api/errors';

/** What the user was doing when the API refused: the same code reads differently for each. */
export type BookingAction = 'book' | 'reschedule' | 'cancel' | 'checkIn' | 'attend' | 'noShow' | 'undoMark' | 'adminCancel' | 'settings';

/** The centre's rules the explanation quotes (minimum notice, cut-off, horizon, phone). */
export interface CenterRules {
  minNoticeMinutes?: number;
  cancelCutoffMinutes?: number;
  horizonDays?: number;
  phone?: string;
  /** Rescheduling: whether the current booking had already passed its cut-off when the request was sent. */
  pastCutoff?: boolean;
}

export type Duration = { minutes: number } | { days: number };

/** An i18n key and its parameters; durations are formatted by the caller in the user's language. */
export interface Wording {
  key: string;
  params?: Record<string, string | number | Duration>;
}

/**
 * Plain words for a booking refusal, by its stable code (never the server's English message). Null when the code is
 * not one of the booking rules: the caller then falls back to the app's general error messages.
 */
export function bookingErrorWording(error: unknown, action: BookingAction, rules: CenterRules = {}): Wording | null {
  if (!(error instanceof ApiError)) return null;
  const phone = rules.phone || '—';
  switch (error.code) {
    case ErrorCode.SLOT_FULL:
      return { key: action === 'reschedule' ? 'bookings.errors.SLOT_FULL_KEPT' : 'bookings.errors.SLOT_FULL' };
    case ErrorCode.OUTSIDE_HOURS:
      return { key: 'bookings.errors.OUTSIDE_HOURS' };
    case ErrorCode.TOO_LATE:
      // Booking (or moving into a time too soon): the minimum notice. Cancelling, or moving a booking past its
      // cut-off: too late to change online.
      // A notice or cut-off of 0 is the visit's start, not "0 minutes ahead".
      if (action === 'book' || (action === 'reschedule' && !rules.pastCutoff)) {
        if (rules.minNoticeMinutes === 0) return { key: 'bookings.errors.TOO_LATE_BOOK_BEGUN' };
        return { key: 'bookings.errors.TOO_LATE_BOOK', params: { notice: { minutes: rules.minNoticeMinutes ?? 120 } } };
      }
      if (rules.cancelCutoffMinutes === 0) return { key: 'bookings.errors.TOO_LATE_CHANGE_BEGUN', params: { phone } };
      return { key: 'bookings.errors.TOO_LATE_CHANGE', params: { cutoff: { minutes: rules.cancelCutoffMinutes ?? 60 }, phone } };
    case ErrorCode.CENTER_CLOSED: {
      const detail = (error.details as { detail?: string } | undefined)?.detail;
      return detail ? { key: 'bookings.errors.CENTER_CLOSED', params: { detail } } : { key: 'bookings.errors.CENTER_CLOSED_PLAIN' };
    }
    case ErrorCode.BEYOND_HORIZON:
      return { key: 'bookings.errors.BEYOND_HORIZON', params: { days: { days: rules.horizonDays ?? 14 } } };
    case ErrorCode.DUPLICATE_BOOKING:
      return { key: 'bookings.errors.DUPLICATE_BOOKING' };
    case ErrorCode.SAME_DAY_BOOKING:
      return { key: 'bookings.errors.SAME_DAY_BOOKING' };
    case ErrorCode.PROXY_NOT_ACCEPTED:
      return { key: 'bookings.errors.PROXY_NOT_ACCEPTED' };
    case ErrorCode.BOOKING_NOT_CHANGEABLE:
      if (action === 'attend') return { key: 'centers.errors.NOT_CHANGEABLE_ATTEND' };
      if (action === 'noShow') return { key: 'centers.errors.NOT_CHANGEABLE_NO_SHOW' };
      return { key: 'bookings.errors.BOOKING_NOT_CHANGEABLE' };
    case ErrorCode.CLOSURE_ENDED:
      return { key: 'centers.errors.CLOSURE_ENDED' };
    case ErrorCode.ALREADY_CHECKED_IN:
      return { key: 'centers.errors.ALREADY_CHECKED_IN' };
    case ErrorCode.ALREADY_NO_SHOW:
      // At the window (the code, or the line's check-in) the way on is to undo the mark; a second no-show is simply so.
      return { key: action === 'noShow' ? 'centers.errors.ALREADY_NO_SHOW' : 'centers.errors.ALREADY_NO_SHOW_CHECK_IN' };
    case ErrorCode.CHECK_IN_CODE_UNKNOWN:
      return { key: 'bookings.errors.CHECK_IN_CODE_UNKNOWN' };
    case ErrorCode.CONFLICT:
      return { key: 'bookings.errors.CONFLICT' };
    case ErrorCode.TRANSFER_STATE_CONFLICT:
      // Booking for a transfer that has meanwhile ended (completed, rejected, withdrawn).
      return action === 'book' ? { key: 'bookings.errors.TRANSFER_ENDED' } : null;
    case ErrorCode.NOT_FOUND:
      return action === 'checkIn' || action === 'settings' ? null : { key: 'bookings.errors.NOT_FOUND' };
    case ErrorCode.VALIDATION_FAILED: {
      const fields = (error.details as { field?: string }[] | undefined)?.map((d) => d?.field) ?? [];
      return action === 'book' && fields.includes('transferId') ? { key: 'bookings.errors.INVALID_TRANSFER' } : null;
    }
    default:
      return null;
  }
}
