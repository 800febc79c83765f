import { BOOKING_PURPOSE_LABELS_EN, TRANSFER_STATES, type BookingPurpose, type TransferState } from '@zhdj/shared';
import { monthShort } from '@/i18n/month-name';
import type { AppNotification } from './api';

type Params = Record<string, string | number>;
type Wording = { title: string; body: string };
/** The transfer states' English labels (the transfer messages, part of the English messages whenever they are in use). */
type StateLabel = (state: TransferState) => string;

const text = (p: Params, key: string): string => (p[key] === undefined ? '' : String(p[key]));
const purpose = (p: Params): string => BOOKING_PURPOSE_LABELS_EN[text(p, 'purpose') as BookingPurpose] ?? text(p, 'purpose');
const state = (p: Params, label: StateLabel): string => {
  const s = text(p, 'state');
  return (TRANSFER_STATES as readonly string[]).includes(s) ? label(s as TransferState) : s;
};
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** A visit's day and time as the server kept them (`date` YYYY-MM-DD and `time` HH:mm, county time): "Tue 8 Dec, 09:30". */
const visitAt = (p: Params, prefix = ''): string => {
  const [date, time] = [text(p, prefix ? `${prefix}Date` : 'date'), text(p, prefix ? `${prefix}Time` : 'time')];
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return time;
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${monthShort('en', day.getUTCMonth() + 1)}, ${time}`;
};
const towards = (p: Params): string => (text(p, 'destination') ? `To ${text(p, 'destination')}` : '');
/** "Wang Jianguo's membership transfer"; notifications sent before the member was named say "membership transfer". */
const whose = (p: Params): string => (text(p, 'member') ? `${text(p, 'member')}’s membership transfer` : 'membership transfer');

/** What the holders of a letter running out are still waiting for (TransferLetterReminderJob's `waiting`). */
const LETTER_WAITING: Record<string, (day: string) => string> = {
  accept: (day) => `The letter expires on ${day}: please accept the transfer before then, or the letter lapses.`,
  receipt: (day) => `The letter expires on ${day} and no receipt is recorded: please contact the member and urge them to report in time.`,
  report: (day) => `The letter expires on ${day} and the member has not reported: please contact them and urge them to report in time.`,
};

/** Why the centre's side cancelled a visit (CancelCause on the server); an administrator's reason is shown as written. */
const CANCEL_CAUSE: Record<string, (p: Params) => string> = {
  closure: (p) =>
    `The centre is closed ${text(p, 'closedFrom') === text(p, 'closedTo') ? `on ${text(p, 'closedFrom')}` : `from ${text(p, 'closedFrom')} to ${text(p, 'closedTo')}`} (${text(p, 'reason')}); please book another time.`,
  dayOff: (p) => `${text(p, 'dayOff')} is now a day off (${text(p, 'why')}) and the centres are closed; please book another time.`,
};

/**
 * Each kind of notification in English, from the facts the server kept with it (NotificationInput.params). Names of
 * people, organisations and centres stay as they are written; a cancellation's reason is shown as the administrator
 * wrote it.
 */
const ENGLISH: Record<string, (p: Params, label: StateLabel, original: AppNotification) => Wording> = {
  // Confirmations sent before the time was kept with them name the centre only.
  'booking.confirmed': (p) => ({
    title: text(p, 'date') ? `Visit booked: ${visitAt(p)}, ${text(p, 'center')}` : `Visit booked: ${text(p, 'center')}`,
    body: `${purpose(p)}; check-in code ${text(p, 'code')}`,
  }),
  'booking.rescheduled': (p) => ({
    title: `Visit moved to ${visitAt(p)}, ${text(p, 'center')}`,
    body: `It was booked for ${visitAt(p, 'from')}. ${purpose(p)}; check-in code ${text(p, 'code')}`,
  }),
  // Cancellations sent before the visit's time and the cause were kept with them name the centre only.
  'booking.cancelled': (p, _, n) => ({
    title: text(p, 'date') ? `Visit cancelled by the centre: ${visitAt(p)}, ${text(p, 'center')}` : `Your visit to ${text(p, 'center')} was cancelled`,
    body: CANCEL_CAUSE[text(p, 'cause')]?.(p) ?? n.body,
  }),
  'booking.cancelledByMember': (p) => ({ title: `Visit cancelled: ${visitAt(p)}, ${text(p, 'center')}`, body: purpose(p) }),
  'booking.reminder': (p) => ({
    title: `Tomorrow at ${text(p, 'time')}: ${purpose(p)} at ${text(p, 'center')}`,
    body: `Address: ${text(p, 'address')}. Check-in code ${text(p, 'code')}; please bring your ID card.`,
  }),
  'booking.suggested': () => ({
    title: 'Please book a visit to collect your paper letter',
    body: 'Your transfer is approved. The paper letter is handed over in person at the service centre: book a time to collect it.',
  }),
  'admin.appointed': (p) => ({
    title: `You now administer ${text(p, 'org')}`,
    body: 'Open the administration screens to handle its transfers, members and study.',
  }),
  'admin.dismissed': (p) => ({ title: `You no longer administer ${text(p, 'org')}`, body: 'Its to-dos have passed to other administrators.' }),
  'study.attemptGranted': (p) => ({ title: `One more attempt: ${text(p, 'quiz')}`, body: 'Your Party organisation has given you one more attempt at this quiz; open it to take it again.' }),
  'study.dueSoon': (p) => ({ title: `Study list “${text(p, 'track')}” is due on ${text(p, 'dueOn')}`, body: 'Please finish its required modules by then.' }),
  'study.overdue': (p) => ({ title: `Study list “${text(p, 'track')}” is overdue`, body: `It was due on ${text(p, 'dueOn')}; please finish its required modules soon.` }),
  'transfer.changed': (p, label) => ({
    title: `Membership transfer: ${state(p, label)}`,
    body: text(p, 'missing') ? `To add: ${text(p, 'missing').split('；').join('; ')}` : text(p, 'branch') ? `Placed in ${text(p, 'branch')}: please report there soon` : towards(p),
  }),
  'transfer.actionNeeded': (p, label) => ({ title: `To do: ${whose(p)} (${state(p, label)})`, body: towards(p) }),
  'transfer.holderUnstaffed': (p, label) => ({
    title: `To do (${text(p, 'holder')} has no administrator): ${whose(p)} (${state(p, label)})`,
    body: 'That organisation has no administrator: please act for it on the transfer’s page, or appoint one.',
  }),
  'transfer.letterVoid': (p) => ({
    title: `Letter void: ${text(p, 'member') || 'a member'}’s introduction letter (no. ${text(p, 'serial')})`,
    body: 'The issuer has revoked this letter and will issue a new one. Do not accept the old letter if anyone presents it.',
  }),
  'transfer.dueToday': (p) => ({
    title: `Due today: ${text(p, 'count')} membership ${Number(p.count) === 1 ? 'transfer' : 'transfers'} to act on`,
    body: `Please act today: ${text(p, 'names').split('、').join(', ')}${Number(p.count) > text(p, 'names').split('、').length ? ' and others' : ''}`,
  }),
  'transfer.talkDue': (p) => ({
    title: `To do: talk with ${text(p, 'member') || 'a newly arrived member'}`,
    body: `By ${text(p, 'dueOn')}, please talk with ${text(p, 'member') || 'the member'}, who has reported, and record it.`,
  }),
  'transfer.letterExpiring': (p) => ({
    title: `Your introduction letter expires on ${text(p, 'validUntil')}`,
    body: `Please report to ${text(p, 'place')} by ${text(p, 'validUntil')}. After that the letter is void and has to be issued again.`,
  }),
  'transfer.letterExpiringHolder': (p, _, n) => ({
    title: `Letter expiring: ${whose(p)}`,
    body: LETTER_WAITING[text(p, 'waiting')]?.(text(p, 'validUntil')) ?? n.body,
  }),
  'transfer.talkOverdue': (p) => ({
    title: `Overdue: the talk with ${text(p, 'member') || 'a member'} after reporting`,
    body: `The talk was due by ${text(p, 'dueOn')} and is not recorded; please hold it and record it soon.`,
  }),
};

/**
 * A notification's title and text in the language in use: as the server wrote them (Chinese), or — in English, for a
 * kind worded here and sent with its facts — in English. Older notifications, and kinds not worded here, are shown as
 * written.
 */
export function notificationWording(n: AppNotification, locale: string, label: StateLabel): Wording {
  const english = locale === 'en' && n.params ? ENGLISH[n.kind] : undefined;
  return english ? english(n.params!, label, n) : { title: n.title, body: n.body };
}
