/** Booking visits at Party-mass service centres (党群服务中心), domain.md §5. */

export const BookingPurpose = {
  HAND_IN_MATERIALS: 'HAND_IN_MATERIALS', // 递交材料
  COLLECT_LETTER: 'COLLECT_LETTER', // 领取纸质介绍信
  CONSULTATION: 'CONSULTATION', // 业务咨询
} as const;
export type BookingPurpose = (typeof BookingPurpose)[keyof typeof BookingPurpose];
export const BOOKING_PURPOSES = Object.values(BookingPurpose);

export const BookingStatus = {
  BOOKED: 'BOOKED',
  CANCELLED: 'CANCELLED',
  ATTENDED: 'ATTENDED',
  NO_SHOW: 'NO_SHOW',
} as const;
export type BookingStatus = (typeof BookingStatus)[keyof typeof BookingStatus];

export const BOOKING_PURPOSE_LABELS_ZH: Record<BookingPurpose, string> = {
  HAND_IN_MATERIALS: '递交材料',
  COLLECT_LETTER: '领取纸质介绍信',
  CONSULTATION: '业务咨询',
};

/** The same in English: the booking screens' labels, and a notification about a visit worded in English. */
export const BOOKING_PURPOSE_LABELS_EN: Record<BookingPurpose, string> = {
  HAND_IN_MATERIALS: 'Hand in materials',
  COLLECT_LETTER: 'Collect a paper letter',
  CONSULTATION: 'Consultation',
};

/** `HH:MM` 24-hour wall-clock time in Xinyi. */
/** A visit's check-in code as the window may type it: the server issues 6 letters and digits; case does not matter. */
export const CHECK_IN_CODE_PATTERN = /^[A-Za-z0-9]{4,8}$/;

export const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Opening periods for each ISO weekday (1 = Monday … 7 = Sunday), e.g. `{ "1": [["08:30","12:00"],["14:00","17:30"]] }`. */
export type WeeklyHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', [string, string][]>>;

export const DEFAULT_WEEKLY_HOURS: WeeklyHours = Object.fromEntries(
  ['1', '2', '3', '4', '5'].map((d) => [d, [['08:30', '12:00'], ['14:00', '17:30']]]),
) as WeeklyHours;

export interface ServiceCenterView {
  id: number;
  org: { id: number; name: string; shortName: string };
  name: string;
  address: string;
  phone: string;
  weeklyHours: WeeklyHours;
  slotMinutes: number;
  capacity: number;
  horizonDays: number;
  minNoticeMinutes: number;
  cancelCutoffMinutes: number;
  acceptsProxy: boolean;
  active: boolean;
  /** The member's own committee's centre comes first and is marked. */
  isMine: boolean;
  canManage: boolean;
  version: number;
}

export interface SlotView {
  start: string;
  end: string;
  capacity: number;
  free: number;
}

export interface DayAvailability {
  date: string;
  /** Why there are no slots: a public holiday, a weekend, a closure (with its reason), or beyond the horizon. */
  closed: null | { reason: 'HOLIDAY' | 'WEEKEND' | 'CLOSURE' | 'NO_HOURS' | 'BEYOND_HORIZON'; detail?: string };
  slots: SlotView[];
}

export interface BookingView {
  id: number;
  center: { id: number; name: string; address: string; phone: string };
  member: { id: number; name: string };
  start: string;
  end: string;
  purpose: BookingPurpose;
  status: BookingStatus;
  checkInCode: string;
  transferId: number | null;
  note: string;
  proxyName: string | null;
  cancelReason: string | null;
  version: number;
  /** Until when the member may still cancel or reschedule. */
  changeableUntil: string;
}

/**
 * Why a visit still to come no longer fits its centre's settings: outside the new hours (or a slot length that moved
 * its times), in a slot now holding more than its capacity, on a closed day, or made by a proxy at a centre that no
 * longer accepts them. The desk lists the visit with each reason, for the administrator to settle with the member.
 */
export const BOOKING_CONFLICT_REASONS = ['OUTSIDE_HOURS', 'OVER_CAPACITY', 'CLOSED', 'PROXY_NOT_ACCEPTED'] as const;
export type BookingConflictReason = (typeof BOOKING_CONFLICT_REASONS)[number];

export interface BookingConflictView extends BookingView {
  reasons: BookingConflictReason[];
}

/** A centre's figures over a range of days (GET /api/service-centers/stats). */
export interface CenterStats {
  center: { id: number; name: string };
  bookings: number;
  attended: number;
  noShows: number;
  cancelled: number;
  /** Places offered in the range by the centre's hours, slot length and capacity: the overview's total divides by their sum. */
  offered: number;
  /** Booked places over offered places, 0–1, to three decimals (may exceed 1 when capacity was lowered). */
  utilisation: number;
}
