import { chinaDate, chinaDateTime, isFinalState, type HolderKind, type OrgRef, type TransferDetail, type TransferEventView, type TransferState } from '@zhdj/shared';

export type TimelineTone = 'current' | 'done' | 'success' | 'warning' | 'danger';

export interface TimelineEvent {
  kind: 'event';
  id: string;
  /** Key under `transfers.event`. */
  titleKey: string;
  at: string;
  actorName: string;
  actorRole: string | null;
  actorOrg: string | null;
  comment: string | null;
  missing: string[];
  /** What the step produced (letter number, branch placed in, receipt handler …). */
  facts: Pick<TransferEventView, 'letterSerial' | 'reissueOf' | 'branch' | 'receiptHandler' | 'receiptPhone' | 'incomingLetterNo' | 'talkHeldOn'>;
  toState: TransferState;
  tone: TimelineTone;
}

/** The head of an open transfer: who holds it now and by when. */
export interface TimelinePending {
  kind: 'pending';
  id: 'pending';
  state: TransferState;
  holderKind: HolderKind;
  holderOrg: OrgRef | null;
  /** Who works the step on the holder's behalf, when the holder has no administrator (代办). */
  servedBy: OrgRef | null;
  dueAt: string | null;
  overdue: boolean;
  tone: TimelineTone;
}

export type TimelineEntry = TimelineEvent | TimelinePending;

/** The wording of an event depends on where it led (committee approval sent on to the county reads differently). */
export function eventKey(e: Pick<TransferEventView, 'action' | 'fromState' | 'toState'>): string {
  if (e.action === 'approve') {
    if (e.toState === 'COMMITTEE_APPROVED') return 'approveToCounty';
    if (e.fromState === 'COMMITTEE_APPROVED') return 'approveCounty';
    return 'approve';
  }
  if (e.action === 'reissue') return e.fromState === 'BOUNCED' ? 'reissueCorrected' : 'reissue';
  return e.action;
}

export function eventTone(e: Pick<TransferEventView, 'action' | 'toState'>): TimelineTone {
  switch (e.action) {
    case 'reject':
    case 'revoke':
    case 'bounce':
      return 'danger';
    case 'return':
    case 'expire':
    case 'withdraw':
      return 'warning';
    case 'confirmReported':
    case 'recordReceipt':
    case 'recordTalk':
      return 'success';
    default:
      return 'done';
  }
}

/**
 * Saving the wizard at each step writes an "edit" event: while drafting (before the first submission) those are part
 * of preparing the application, and later a run of edits reads as one. The record keeps them all; the timeline folds
 * them so the member sees the steps that matter.
 */
export function foldEdits(events: TransferEventView[]): TransferEventView[] {
  const firstSubmit = events.findIndex((e) => e.action === 'submit');
  return events.filter((e, i) => {
    if (e.action !== 'edit') return true;
    if (firstSubmit === -1 || i < firstSubmit) return false;
    const next = events[i + 1];
    return !(next && next.action === 'edit');
  });
}

/** Newest first, like a parcel tracker, with the current holder and deadline on top while the transfer is open. */
export function buildTimeline(t: TransferDetail): TimelineEntry[] {
  const events: TimelineEntry[] = foldEdits(t.events)
    .map(
      (e): TimelineEvent => ({
        kind: 'event',
        id: `e${e.id}`,
        titleKey: eventKey(e),
        at: e.at,
        actorName: e.actorName,
        actorRole: e.actorRole,
        // An account named after its organisation (市社会组织党委管理员) is not followed by the organisation again.
        actorOrg: e.actorOrg && !(e.actorName ?? '').includes(e.actorOrg) ? e.actorOrg : null,
        comment: e.comment,
        missing: e.missing ?? [],
        facts: {
          letterSerial: e.letterSerial,
          reissueOf: e.reissueOf,
          branch: e.branch,
          receiptHandler: e.receiptHandler,
          receiptPhone: e.receiptPhone,
          incomingLetterNo: e.incomingLetterNo,
          talkHeldOn: e.talkHeldOn,
        },
        toState: e.toState,
        tone: eventTone(e),
      }),
    )
    .reverse();
  if (isFinalState(t.state) || t.holder.kind === 'NONE') {
    const head = events[0];
    if (head && head.kind === 'event' && t.state === 'COMPLETED') head.tone = 'success';
    return events;
  }
  const pending: TimelinePending = {
    kind: 'pending',
    id: 'pending',
    state: t.state,
    holderKind: t.holder.kind,
    holderOrg: t.holder.org,
    servedBy: t.servedBy,
    dueAt: t.dueAt,
    overdue: t.overdue,
    tone: t.overdue ? 'danger' : 'current',
  };
  return [pending, ...events];
}

/** The instant an ISO string names, or null for anything else. */
function instant(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2026-11-28 16:36`, county time, whatever the device's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  const d = iso ? instant(iso) : null;
  return d ? chinaDateTime(d) : '';
}

/**
 * `11-28 16:36` in the county's current year, `2025-11-28 16:36` before it: for a table column that must fit a
 * 1366-pixel screen on one line (the full text goes in its title).
 */
export function formatDateTimeShort(iso: string | null | undefined, now = new Date()): string {
  const full = formatDateTime(iso);
  return full && full.slice(0, 4) === chinaDate(now).slice(0, 4) ? full.slice(5) : full;
}

/** `2026-11-28`, county time (a plain date is returned as it is). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = instant(iso);
  return d ? chinaDate(d) : '';
}
