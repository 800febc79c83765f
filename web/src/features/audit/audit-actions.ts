import { AUDIT_AREAS, TRANSFER_ACTIONS, type AuditArea } from '@zhdj/shared';

/** The verbs the server records in each area of the log (the action is `area.verb`); the search offers them. */
const VERBS: Record<AuditArea, readonly string[]> = {
  auth: ['login', 'loginFailed', 'logout', 'locked', 'passwordChanged', 'passwordExpired', 'refreshReuse', 'sessionEnded', 'sessionsEnded', 'mfa.setup', 'mfa.enabled', 'mfa.disabled', 'mfa.recoveryCodes'],
  member: ['create', 'update', 'import', 'export', 'revealId', 'issuePassword'],
  organization: ['create', 'update', 'move'],
  transfer: ['create', 'update', 'deleteDraft', 'registerInbound', 'export', ...TRANSFER_ACTIONS],
  letter: ['print', 'view', 'download'],
  booking: ['create', 'reschedule', 'cancel', 'attend', 'noShow'],
  center: ['create', 'update', 'close'],
  calendar: ['day.create', 'day.update', 'day.delete', 'day.sweep'],
  study: [
    'module.create',
    'module.update',
    'module.complete',
    'question.create',
    'question.update',
    'track.create',
    'track.update',
    'assignment.create',
    'assignment.update',
    'assignment.cancel',
    'quiz.submit',
    'export',
  ],
  user: ['create'],
  audit: ['export'],
  seed: ['run'],
};

export const areaActions = (area: AuditArea): string[] => VERBS[area].map((verb) => `${area}.${verb}`);

/** The area an action or an area prefix (`member.`) belongs to, if the search knows it. */
export const areaOf = (action: string): AuditArea | '' => AUDIT_AREAS.find((area) => action.startsWith(`${area}.`)) ?? '';

/** The kinds of object the log names, in the search's order. */
export const TARGET_TYPES = [
  'member',
  'organization',
  'transfer',
  'user',
  'session',
  'booking',
  'serviceCenter',
  'calendarDay',
  'studyModule',
  'quizQuestion',
  'studyTrack',
  'studyAssignment',
  'quizAttempt',
  'audit',
  'system',
] as const;

/**
 * The transfer screens already name the steps of a transfer (`transfers.event.*`, their timeline's words); the log
 * uses them under three other names. `approve` is the committee's and the county's alike, which the timeline tells
 * apart from the states: the log has its own neutral word for it, as for deleting a draft and exporting the ledger,
 * which no timeline shows.
 */
const TRANSFER_EVENTS: Record<string, string> = { create: 'create', update: 'edit', registerInbound: 'register' };
const OWN_TRANSFER_LABELS = ['approve', 'deleteDraft', 'export'];

/** The message key of an action's label: the transfer screens' for a transfer's steps, the log's own otherwise. */
export function actionKey(action: string): string {
  const verb = action.slice('transfer.'.length);
  if (action.startsWith('transfer.') && !OWN_TRANSFER_LABELS.includes(verb)) return `transfers.event.${TRANSFER_EVENTS[verb] ?? verb}`;
  return `audit.action.${action}`;
}
