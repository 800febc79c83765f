import { BOOKING_PURPOSE_LABELS_ZH, chinaDate, chinaDateTime, chinaVisitTimeZh } from '@zhdj/shared';
import type { NotificationInput } from '../notifications/notifications.service';
import type { Booking } from './entities/booking.entity';
import type { ServiceCenter } from './entities/service-center.entity';

/**
 * What a member is told about their visit, in one place: the confirmation and a reschedule name the day and time (the
 * one fact a member comes back to the message for), and once a visit moves or ends, what was sent about it before is
 * settled so that the unread count and the list do not hold out a time that no longer stands.
 */

/** The kinds that speak of a visit's time, settled when it moves or is cancelled. */
export const VISIT_NOTICE_KINDS = ['booking.confirmed', 'booking.rescheduled', 'booking.reminder'];

export const bookingLink = (id: number) => `/m/bookings/${id}`;

/** The facts the web words the notice from in English: the day and time in the county, the centre, purpose and code. */
const facts = (b: Booking, center: ServiceCenter) => ({
  date: chinaDate(b.startAt),
  time: chinaDateTime(b.startAt).slice(11),
  center: center.name,
  purpose: b.purpose,
  code: b.checkInCode,
});

export function confirmedNotice(b: Booking, center: ServiceCenter): NotificationInput {
  return {
    kind: 'booking.confirmed',
    title: `预约成功：${chinaVisitTimeZh(b.startAt)}，${center.name}`,
    body: `${BOOKING_PURPOSE_LABELS_ZH[b.purpose]}，签到码 ${b.checkInCode}`,
    link: bookingLink(b.id),
    params: facts(b, center),
  };
}

/** `b` as it now is; `from` the time it was booked for. */
export function rescheduledNotice(b: Booking, center: ServiceCenter, from: Date): NotificationInput {
  return {
    kind: 'booking.rescheduled',
    title: `已改约：${chinaVisitTimeZh(b.startAt)}，${center.name}`,
    body: `原定 ${chinaVisitTimeZh(from)}。${BOOKING_PURPOSE_LABELS_ZH[b.purpose]}，签到码 ${b.checkInCode}`,
    link: bookingLink(b.id),
    params: { ...facts(b, center), fromDate: chinaDate(from), fromTime: chinaDateTime(from).slice(11) },
  };
}

/**
 * The member's own cancellation, for their list: the visit's time and centre, so that the last word on it there is not
 * a confirmation or a move of a visit that no longer stands. Kept as read — they did it themselves.
 */
export function ownCancellationNotice(b: Booking, center: ServiceCenter): NotificationInput {
  return {
    kind: 'booking.cancelledByMember',
    title: `已取消预约：${chinaVisitTimeZh(b.startAt)}，${center.name}`,
    body: BOOKING_PURPOSE_LABELS_ZH[b.purpose],
    link: bookingLink(b.id),
    params: { date: chinaDate(b.startAt), time: chinaDateTime(b.startAt).slice(11), center: center.name, purpose: b.purpose },
    read: true,
  };
}

/**
 * Why a visit was cancelled by the centre's side, for the member's notice: an administrator's cancellation with its
 * reason as written, a closure of the centre, or a day entered off on the county's calendar.
 */
export type CancelCause =
  | { kind: 'admin'; reason: string }
  | { kind: 'closure'; fromDate: string; toDate: string; reason: string }
  | { kind: 'dayOff'; date: string; why: string };

/**
 * A visit cancelled by the centre's side. Like a confirmation it names the visit's day, time and centre — a member with
 * two visits must know which one is gone — and the cause, kept as facts so the web can word it in English too.
 */
export function cancelledNotice(b: Booking, center: ServiceCenter, cause: CancelCause): NotificationInput {
  const why =
    cause.kind === 'admin'
      ? cause.reason
      : cause.kind === 'closure'
        ? `${cause.fromDate} 至 ${cause.toDate} 闭馆（${cause.reason}），请改约其他时间。`
        : `${cause.date}${cause.why}，服务中心不开放，请改约其他时间。`;
  const causeParams: Record<string, string> =
    cause.kind === 'admin'
      ? { cause: cause.kind }
      : cause.kind === 'closure'
        ? { cause: cause.kind, closedFrom: cause.fromDate, closedTo: cause.toDate, reason: cause.reason }
        : { cause: cause.kind, dayOff: cause.date, why: cause.why };
  return {
    kind: 'booking.cancelled',
    title: `预约已被取消：${chinaVisitTimeZh(b.startAt)}，${center.name}`,
    body: why,
    link: bookingLink(b.id),
    params: { date: chinaDate(b.startAt), time: chinaDateTime(b.startAt).slice(11), center: center.name, purpose: b.purpose, ...causeParams },
  };
}

/**
 * The reminder the day before. Its once-only key names the time, so a visit moved after its reminder is reminded of
 * again before its new day (a key of the booking alone sent nothing for the new time).
 */
export function reminderNotice(b: Booking, center: ServiceCenter): NotificationInput {
  const time = chinaDateTime(b.startAt).slice(11);
  return {
    kind: 'booking.reminder',
    title: `明天 ${time} 到${center.name}${BOOKING_PURPOSE_LABELS_ZH[b.purpose]}`,
    body: `地址：${center.address}。签到码 ${b.checkInCode}，请携带身份证。`,
    link: bookingLink(b.id),
    dedupeKey: `booking-reminder:${b.id}:${b.startAt.getTime()}`,
    params: { time, center: center.name, purpose: b.purpose, address: center.address, code: b.checkInCode },
  };
}
