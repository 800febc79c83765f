import { BOOKING_PURPOSE_LABELS_EN, BOOKING_PURPOSE_LABELS_ZH, type BookingPurpose, type BookingView } from '@zhdj/shared';
import { createEvent } from 'ics';
import QRCode from 'qrcode';
import type { ExportLanguage, Worded } from '../common/language';

/** The event's words in the language the member's screen asked in. */
const WORDS: Worded<{ purpose: Record<BookingPurpose, string>; colon: string; description: (code: string, proxy: string | null) => string; reminder: string }> = {
  'zh-CN': {
    purpose: BOOKING_PURPOSE_LABELS_ZH,
    colon: '：',
    description: (code, proxy) => `签到码 ${code}。请携带本人身份证${proxy ? `；代办人 ${proxy} 请携带双方身份证和书面委托书` : ''}。`,
    reminder: '明天到党群服务中心办事',
  },
  en: {
    purpose: BOOKING_PURPOSE_LABELS_EN,
    colon: ': ',
    description: (code, proxy) =>
      `Check-in code ${code}. Please bring your ID card${proxy ? `; ${proxy}, coming on your behalf, brings both ID cards and your written authorisation` : ''}.`,
    reminder: 'Your visit to the service centre is tomorrow',
  },
};

/**
 * An .ics event so the member can add the visit to their phone's calendar (with a reminder the evening before), in the
 * language of the member's screen.
 */
export function bookingIcs(b: BookingView, lang: ExportLanguage = 'zh-CN'): string {
  const words = WORDS[lang];
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
    title: `${b.center.name}${words.colon}${words.purpose[b.purpose]}`,
    description: words.description(b.checkInCode, b.proxyName),
    location: b.center.address,
    status: 'CONFIRMED',
    alarms: [{ action: 'display', description: words.reminder, trigger: { hours: 15, before: true } }],
  });
  if (error || !value) throw error ?? new Error('calendar file could not be built');
  return value;
}

/** The check-in QR code the centre scans: it carries only the centre and the code. */
export function bookingQrSvg(b: BookingView): Promise<string> {
  return QRCode.toString(`ZHDJ-CHECKIN:${b.center.id}:${b.checkInCode}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
