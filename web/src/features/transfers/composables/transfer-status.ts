import { chinaDate, isOutbound, type RoleAssignment, type TransferDetail, type TransferSummary } from '@zhdj/shared';

/**
 * The local three-colour register: red = overdue (or a refusal), yellow = waiting for the member, green = done;
 * blue while organisations work on it, grey when it ended without a transfer.
 */
export type StatusTone = 'red' | 'yellow' | 'green' | 'blue' | 'grey';

export function statusTone(t: Pick<TransferSummary, 'state' | 'overdue'>): StatusTone {
  if (t.overdue) return 'red';
  switch (t.state) {
    case 'DRAFT':
    case 'RETURNED':
      return 'yellow';
    case 'COMPLETED':
      return 'green';
    case 'REJECTED':
    case 'BOUNCED':
    case 'REVOKED':
    case 'EXPIRED':
      return 'red';
    case 'WITHDRAWN':
      return 'grey';
    default:
      return 'blue';
  }
}

/**
 * The letter's last valid day while the member still has to report with it — in the county once placed in a branch,
 * outside it with the letter in hand — else null. That day, not the administrators' step deadline, is the member's.
 */
export function reportBy(t: Pick<TransferDetail, 'state' | 'channel' | 'letter'>): string | null {
  const reporting = t.state === 'ACCEPTED' || (t.state === 'LETTER_ISSUED' && isOutbound(t.channel));
  return reporting && t.letter?.status === 'VALID' ? t.letter.validUntil : null;
}

/**
 * The status the member's own screens show. Once reporting is theirs (`reportBy`), the step the administrators hold
 * is not the member's to be late on: the badge drops its 已超期 (the timeline still marks that step against its
 * holder) and stays blue while the letter's own days run out beside it.
 */
export function memberStatus(
  t: Pick<TransferDetail, 'state' | 'channel' | 'letter' | 'overdue'>,
): Pick<TransferSummary, 'state' | 'overdue'> {
  return { state: t.state, overdue: t.overdue && !reportBy(t) };
}

/** Whole days from today to the day of `iso` in the county (0 on the day itself, negative once past). */
export function daysUntil(iso: string, now = new Date()): number {
  return Math.round((Date.parse(chinaDate(new Date(iso))) - Date.parse(chinaDate(now))) / 86_400_000);
}

/** Key under `transfers.track.next`: what happens next, in plain words for the member. */
export function nextStepKey(t: Pick<TransferDetail, 'state' | 'channel'>): string {
  if (t.state !== 'LETTER_ISSUED') return t.state;
  if (t.channel === 'OUT_OF_SYSTEM') return 'LETTER_ISSUED_PAPER';
  return isOutbound(t.channel) ? 'LETTER_ISSUED_OUT' : 'LETTER_ISSUED_IN';
}

export type BookingPurpose = 'COLLECT_LETTER' | 'HAND_IN_MATERIALS';

/** Where a visit to a service centre is needed, the booking to offer (the booking screens take it from the query). */
export function visitNeeded(t: Pick<TransferDetail, 'state' | 'channel'>): BookingPurpose | null {
  if (t.state === 'LETTER_ISSUED' && t.channel === 'OUT_OF_SYSTEM') return 'COLLECT_LETTER';
  if (t.state === 'RETURNED') return 'HAND_IN_MATERIALS';
  return null;
}

export function bookingLink(id: number, purpose: BookingPurpose): string {
  return `/m/bookings/new?transferId=${id}&purpose=${purpose}`;
}

/**
 * The destination as one line: the organisation's name in the county, else the typed name with its region in
 * brackets (a region typed with brackets of its own is not bracketed twice: （不便公开）, not （（不便公开））).
 */
export function destinationText(t: Pick<TransferSummary, 'destination'>): string {
  const d = t.destination;
  if (d.org) return d.org.name;
  const region = d.region?.trim().replace(/^[（(]\s*(.*?)\s*[）)]$/, '$1');
  return [d.name, region ? `（${region}）` : ''].join('');
}

/**
 * Where the member is going, for the headline of their tracker and home card: once the receiving committee has
 * placed them, the branch they report to — which may not be the one they asked for — else the destination.
 */
export function headedFor(t: Pick<TransferDetail, 'destination' | 'destinationBranch'>): string {
  return t.destinationBranch?.name ?? destinationText(t);
}

/** A completed arrival's talk still to be held, past its last day (Xinyi's calendar). */
export function talkOverdue(t: Pick<TransferSummary, 'talkDueOn'>): boolean {
  return !!t.talkDueOn && t.talkDueOn < chinaDate();
}

/**
 * A step whose deadline falls today in Xinyi and has not passed: the queue marks it, so that what must be done before
 * the office closes stands out from what can wait until tomorrow.
 */
export function dueToday(t: Pick<TransferSummary, 'dueAt' | 'overdue'>, now: Date = new Date()): boolean {
  return !t.overdue && !!t.dueAt && chinaDate(new Date(t.dueAt)) === chinaDate(now);
}

/**
 * A step of the to-do list that waits at an organisation where the administrator holds no role: it is theirs only
 * because that branch or committee has no administrator of its own and they are the nearest one above (the server's
 * to-do rule), so the list marks it 代办 — done on that organisation's behalf. Only meaningful for to-do rows.
 */
export function servedStep(row: Pick<TransferSummary, 'holder'>, roles: readonly RoleAssignment[]): boolean {
  const org = row.holder.org;
  return !!org && (row.holder.kind === 'BRANCH' || row.holder.kind === 'COMMITTEE') && !roles.some((r) => r.org?.id === org.id);
}
