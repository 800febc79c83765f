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
