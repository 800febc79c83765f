import { BOOKING_PURPOSE_LABELS_ZH, type BookingView } from '@zhdj/shared';
import { createEvent } from 'ics';
import QRCode from 'qrcode';

/** An .ics event so the member can add the visit to their phone's calendar (with a reminder the evening before). */
export function bookingIcs(b: BookingView): string {
  const at = (iso: string) => {
    const d = new Date(iso);
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()] as [number, number, number, number, number];
  };
  const { error, value } = createEvent({
    uid: `booking-${b.id}@zhdj`,
    start: at(b.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: at(b.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${b.center.name}：${BOOKING_PURPOSE_LABELS_ZH[b.purpose]}`,
    description: `签到码 ${b.checkInCode}。请携带本人身份证${b.proxyName ? `；代办人 ${b.proxyName} 请携带双方身份证和书面委托书` : ''}。`,
    location: b.center.address,
    status: 'CONFIRMED',
    alarms: [{ action: 'display', description: '明天到党群服务中心办事', trigger: { hours: 15, before: true } }],
  });
  if (error || !value) throw error ?? new Error('calendar file could not be built');
  return value;
}

/** The check-in QR code the centre scans: it carries only the centre and the code. */
export function bookingQrSvg(b: BookingView): Promise<string> {
  return QRCode.toString(`ZHDJ-CHECKIN:${b.center.id}:${b.checkInCode}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
