import { BOOKING_PURPOSE_LABELS_EN } from '../bookings/booking';
import { ROLE_LABELS_EN, TRANSFER_CHANNEL_LABELS_EN, TRANSFER_EVENT_LABELS_EN, TRANSFER_STATE_LABELS_EN } from '../transfers/transfer-labels.en';
import { auditDetailLines, codeWords, type AuditDetailWords } from './audit-detail';
import { AUDIT_ACTION_LABELS_ZH, AUDIT_AREA_LABELS_ZH, AUDIT_TARGET_TYPE_LABELS_ZH, labelAt, transferEventOf } from './audit-labels';

// The audit log's words in English, beside the Chinese ones in audit-labels.ts and audit-detail.ts (typed by them, so
// the two lists stay the same): the audit screen under the English switch and the log's export asked for in English.

export const AUDIT_AREA_LABELS_EN: typeof AUDIT_AREA_LABELS_ZH = {
  auth: 'Accounts and sign-in',
  member: 'Members',
  organization: 'Party organisations',
  transfer: 'Transfers',
  letter: 'Introduction letters',
  booking: 'Bookings',
  center: 'Service centres',
  calendar: 'Working calendar',
  study: 'Study',
  user: 'Account management',
  audit: 'Audit log',
  seed: 'Demo data',
};

export const AUDIT_TARGET_TYPE_LABELS_EN: typeof AUDIT_TARGET_TYPE_LABELS_ZH = {
  member: 'Member',
  organization: 'Organisation',
  transfer: 'Transfer',
  user: 'Account',
  session: 'Sign-in session',
  booking: 'Booking',
  serviceCenter: 'Service centre',
  calendarDay: 'Calendar date',
  studyModule: 'Study module',
  quizQuestion: 'Quiz question',
  studyTrack: 'Study track',
  studyAssignment: 'Study assignment',
  quizAttempt: 'Quiz attempt',
  audit: 'Audit log',
  system: 'System',
};

export const AUDIT_ACTION_LABELS_EN: typeof AUDIT_ACTION_LABELS_ZH = {
  auth: {
    login: 'Signed in',
    loginFailed: 'Sign-in failed',
    logout: 'Signed out',
    locked: 'Account locked for a while',
    passwordChanged: 'Password changed',
    passwordExpired: 'Password expired',
    refreshReuse: 'Sign-in token reused',
    sessionEnded: 'Session ended',
    sessionsEnded: 'All sessions ended',
    mfa: {
      setup: 'Two-step verification set-up started',
      enabled: 'Two-step verification turned on',
      disabled: 'Two-step verification turned off',
      recoveryCodes: 'Recovery codes regenerated',
    },
  },
  member: {
    create: 'Member added',
    update: 'Member changed',
    import: 'Members imported',
    export: 'Member list exported',
    revealId: 'Full ID number viewed',
    issuePassword: 'Temporary password issued',
  },
  organization: {
    create: 'Organisation added',
    update: 'Organisation changed',
    move: 'Organisation moved',
    exportUnstaffed: 'Organisations without an administrator exported',
  },
  transfer: {
    approve: 'Approved',
    deleteDraft: 'Draft deleted',
    export: 'Transfer ledger exported',
  },
  booking: {
    create: 'Visit booked',
    reschedule: 'Visit rescheduled',
    cancel: 'Visit cancelled',
    attend: 'Visit attended',
    noShow: 'No-show recorded',
    undoMark: 'Attendance mark undone',
  },
  center: {
    create: 'Service centre added',
    update: 'Service centre changed',
    close: 'Closure set',
    reopen: 'Closure withdrawn',
  },
  calendar: {
    day: {
      create: 'Date entered',
      update: 'Date changed',
      delete: 'Date deleted',
      sweep: 'Visits on a day off cancelled',
    },
  },
  study: {
    module: { create: 'Module created', update: 'Module changed', complete: 'Module completed' },
    question: { create: 'Question added', update: 'Question changed' },
    track: { create: 'Track created', update: 'Track changed' },
    assignment: { create: 'Assignment set', update: 'Assignment changed', cancel: 'Assignment withdrawn' },
    quiz: { submit: 'Quiz submitted', grantAttempt: 'Extra quiz attempt granted' },
    export: 'Study statistics exported',
  },
  user: { create: 'Account created', appoint: 'Administrator appointed', dismiss: 'Administrator dismissed' },
  audit: { export: 'Audit log exported' },
  seed: { run: 'Demo data generated' },
  letter: { print: 'Letter printed', view: 'Letter viewed', download: 'Letter downloaded (PDF)' },
};

/** An audit record's detail in English: the fields named as the Chinese names them, and recorded codes in words. */
export const AUDIT_DETAIL_WORDS_EN: AuditDetailWords = {
  keys: {
    from: 'From',
    to: 'To',
    fromTime: 'Old time',
    toTime: 'New time',
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
    abandoned: 'Download abandoned part-way',
    failed: 'Failed part-way',
    filter: 'Filter',
    orgId: 'Organisation ID',
    userId: 'Account ID',
    role: 'Role',
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
    centerId: 'Centre ID',
    trackId: 'Track ID',
    moduleId: 'Module ID',
    startsOn: 'Start date',
    enrolled: 'Members enrolled',
    kind: 'Kind',
    period: 'Year',
    status: 'Status filter',
  },
  yes: 'yes',
  no: 'no',
  code: codeWords({ state: TRANSFER_STATE_LABELS_EN, channel: TRANSFER_CHANNEL_LABELS_EN, purpose: BOOKING_PURPOSE_LABELS_EN, role: ROLE_LABELS_EN }),
  checklist: (confirmed, total) => `${confirmed} of ${total} confirmed`,
  colon: ': ',
  listSeparator: '; ',
};

/** An action in English words (a transfer's step as its timeline names it); one the log has no words for as recorded. */
export function auditActionLabelEn(action: string): string {
  const event = transferEventOf(action);
  return event ? TRANSFER_EVENT_LABELS_EN[event] : (labelAt(AUDIT_ACTION_LABELS_EN, action) ?? action);
}

export const auditTargetTypeLabelEn = (type: string): string => (Object.hasOwn(AUDIT_TARGET_TYPE_LABELS_EN, type) ? AUDIT_TARGET_TYPE_LABELS_EN[type as keyof typeof AUDIT_TARGET_TYPE_LABELS_EN] : type);

export const auditDetailLinesEn = (detail: unknown): string[] => auditDetailLines(detail, AUDIT_DETAIL_WORDS_EN);
