import { LETTER_EXPIRY_REMINDER_DAYS, type TransferChannel } from '@zhdj/shared';
import { EnvReader } from './config-error';

/** The deadlines an installation has unless configured otherwise (domain.md §4); the demo's transfers are seeded with them. */
export const DEFAULT_DEADLINES = { stepWorkingDays: 3, receiptDueDays: 31 } as const;

export interface TransfersConfig {
  /** Working days each administrative step is due in (domain.md: default 3). */
  stepWorkingDays: number;
  /** Letter validity in days by channel (30/30/90/90 by default, never above 180). */
  letterValidityDays: Record<TransferChannel, number>;
  /** Days an outbound letter's receipt is due in (one month). */
  receiptDueDays: number;
  /** How many days before a letter's last valid day its member and the administrators holding it are reminded. */
  letterReminderDays: number;
  /** Days after reporting within which the receiving branch talks with the member (domain.md: 7). */
  talkDueDays: number;
  /** The public address printed in letters' QR codes, e.g. https://dj.xinyi.gov.cn */
  publicBaseUrl: string;
  /** A CJK font (TTF/OTF/TTC) for letter PDFs; Debian's fonts-noto-cjk by default. */
  pdfFontPath: string;
  pdfFontFamily: string;
}

/**
 * The address printed in every letter's QR code and read by whoever scans it, months later and from anywhere: an
 * absolute http(s) address of a host, without path, query or fragment (the app serves /verify/… at its root). In
 * production it must be given, and not a loopback address — a letter whose code opens "localhost" cannot be checked.
 */
function readPublicBaseUrl(r: EnvReader, ownUrl: string, production: boolean): string {
  const raw = r.str('PUBLIC_BASE_URL');
  if (raw === undefined) {
    if (production) r.problems.push('PUBLIC_BASE_URL is required when NODE_ENV=production: the public address printed in letters\' QR codes, e.g. https://dj.xinyi.gov.cn');
    return ownUrl;
  }
  const bad = (why: string) => {
    r.problems.push(`PUBLIC_BASE_URL must be ${why}, e.g. https://dj.xinyi.gov.cn (got "${raw}")`);
    return ownUrl;
  };
  if (!URL.canParse(raw) || raw !== raw.trim()) return bad('an absolute http:// or https:// address');
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad('an absolute http:// or https:// address');
  if (!url.hostname) return bad('the address of a host');
  if (url.username || url.password || url.search || url.hash || raw.includes('?') || raw.includes('#') || url.pathname.replace(/\/+$/, '') !== '') {
    return bad('the address of the site itself, without path, query or fragment');
  }
  if (production && /^(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0)$/i.test(url.hostname)) return bad('an address others can reach (not this machine\'s loopback) in production');
  return url.origin;
}

/** `ownUrl` is where this server answers (http or https on PORT): the letter's QR address unless PUBLIC_BASE_URL says. */
export function readTransfersConfig(r: EnvReader, ownUrl: string, production = false): TransfersConfig {
  const days = (name: string, fallback: number) => r.int(name, fallback, 1, 180);
  return {
    stepWorkingDays: r.int('TRANSFER_STEP_WORKING_DAYS', DEFAULT_DEADLINES.stepWorkingDays, 1, 30),
    letterValidityDays: {
      IN_COUNTY: days('LETTER_VALIDITY_DAYS_IN_COUNTY', 30),
      IN_PROVINCE: days('LETTER_VALIDITY_DAYS_IN_PROVINCE', 30),
      CROSS_PROVINCE: days('LETTER_VALIDITY_DAYS_CROSS_PROVINCE', 90),
      OUT_OF_SYSTEM: days('LETTER_VALIDITY_DAYS_OUT_OF_SYSTEM', 90),
      INBOUND: days('LETTER_VALIDITY_DAYS_INBOUND', 30),
    },
    receiptDueDays: r.int('LETTER_RECEIPT_DUE_DAYS', DEFAULT_DEADLINES.receiptDueDays, 1, 180),
    letterReminderDays: r.int('LETTER_EXPIRY_REMINDER_DAYS', LETTER_EXPIRY_REMINDER_DAYS, 1, 30),
    talkDueDays: r.int('TRANSFER_TALK_DUE_DAYS', 7, 1, 60),
    publicBaseUrl: readPublicBaseUrl(r, ownUrl, production),
    pdfFontPath: r.str('PDF_FONT_PATH', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')!,
    pdfFontFamily: r.str('PDF_FONT_FAMILY', 'NotoSansCJKsc-Regular')!,
  };
}
