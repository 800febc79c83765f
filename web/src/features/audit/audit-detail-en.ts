import { BOOKING_PURPOSE_LABELS_EN, type BookingPurpose } from '@zhdj/shared';
import type { AuditDetailWords } from '@zhdj/shared/audit';

/**
 * An audit record's detail in English: the fields named as the Chinese names them (the type keeps the two lists the
 * same), yes and no, and a visit's purpose in words; a transfer's states and channels stay as recorded — their codes
 * are English already.
 */
export const AUDIT_DETAIL_WORDS_EN: AuditDetailWords = {
  keys: {
    from: 'From',
    to: 'To',
    state: 'State',
    comment: 'Comment',
    reason: 'Reason',
    checklist: 'Pre-review checklist',
    serial: 'Letter number',
    reissueOf: 'Replaces letter',
    incomingLetterNo: 'Incoming letter number',
    missing: 'To be supplied',
    branch: 'Placed in branch',
    member: 'Member',
    memberId: 'Member ID',
    center: 'Service centre',
    start: 'Visit time',
    purpose: 'Purpose',
    name: 'Name',
    title: 'Title',
    before: 'Before',
    after: 'After',
    fields: 'Changed',
    changes: 'Changed',
    idNumberChanged: 'ID number changed',
    via: 'Via',
    sessionId: 'Session ID',
    endedSessions: 'Sessions ended',
    rows: 'Rows',
    filter: 'Filter',
    orgId: 'Organisation ID',
    userId: 'Account ID',
    transferId: 'Transfer ID',
    channel: 'Channel',
    dueOn: 'Due date',
    heldOn: 'Talk held on',
    year: 'Year',
    cancelledBookings: 'Visits cancelled',
    returning: 'Returning member',
    destinationOrgId: 'Receiving organisation ID',
    undone: 'Mark undone',
    score: 'Score',
    passed: 'Passed',
  },
  yes: 'yes',
  no: 'no',
  code: (key, value) => (key === 'purpose' && value in BOOKING_PURPOSE_LABELS_EN ? BOOKING_PURPOSE_LABELS_EN[value as BookingPurpose] : undefined),
  checklist: (confirmed, total) => `${confirmed} of ${total} confirmed`,
  colon: ': ',
  listSeparator: '; ',
};
