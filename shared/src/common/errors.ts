/**
 * Stable error codes. Every error response has the shape ApiErrorBody; clients branch on `code`, never on
 * `message` (which is for people and may change).
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  REFRESH_TOKEN_INVALID: 'REFRESH_TOKEN_INVALID',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  // organisations
  ORG_CODE_TAKEN: 'ORG_CODE_TAKEN',
  ORG_MOVE_CYCLE: 'ORG_MOVE_CYCLE',
  ORG_PARENT_INVALID: 'ORG_PARENT_INVALID',
  ORG_NOT_EMPTY: 'ORG_NOT_EMPTY',
  // administrators of organisations
  /** The member already holds that role over that organisation. */
  ALREADY_ADMINISTRATOR: 'ALREADY_ADMINISTRATOR',
  /** The member is not in the organisation's subtree, or has left the county. */
  ADMINISTRATOR_NOT_ELIGIBLE: 'ADMINISTRATOR_NOT_ELIGIBLE',
  /** An administrator cannot remove their own role (ask the tier above): nobody locks themself out. */
  CANNOT_DISMISS_SELF: 'CANNOT_DISMISS_SELF',
  // members
  ID_NUMBER_INVALID: 'ID_NUMBER_INVALID',
  ID_NUMBER_TAKEN: 'ID_NUMBER_TAKEN',
  PHONE_TAKEN: 'PHONE_TAKEN',
  MEMBER_ORG_NOT_BRANCH: 'MEMBER_ORG_NOT_BRANCH',
  IMPORT_INVALID: 'IMPORT_INVALID',
  IMPORT_FILE_UNREADABLE: 'IMPORT_FILE_UNREADABLE',
  // transfers
  TRANSFER_STATE_CONFLICT: 'TRANSFER_STATE_CONFLICT',
  TRANSFER_ACTION_NOT_ALLOWED: 'TRANSFER_ACTION_NOT_ALLOWED',
  TRANSFER_ALREADY_OPEN: 'TRANSFER_ALREADY_OPEN',
  /** The number of a letter brought from outside is on another open inbound registration. */
  INCOMING_LETTER_TAKEN: 'INCOMING_LETTER_TAKEN',
  TRANSFER_INCOMPLETE: 'TRANSFER_INCOMPLETE',
  // booking
  SLOT_FULL: 'SLOT_FULL',
  OUTSIDE_HOURS: 'OUTSIDE_HOURS',
  TOO_LATE: 'TOO_LATE',
  CENTER_CLOSED: 'CENTER_CLOSED',
  DUPLICATE_BOOKING: 'DUPLICATE_BOOKING',
  /** One visit per member, centre and day: a second is a change of time (move the visit), not another place taken. */
  SAME_DAY_BOOKING: 'SAME_DAY_BOOKING',
  BEYOND_HORIZON: 'BEYOND_HORIZON',
  PROXY_NOT_ACCEPTED: 'PROXY_NOT_ACCEPTED',
  BOOKING_NOT_CHANGEABLE: 'BOOKING_NOT_CHANGEABLE',
  CHECK_IN_CODE_UNKNOWN: 'CHECK_IN_CODE_UNKNOWN',
  /** The visit was already checked in (by its code or from the day list): not a second time. */
  ALREADY_CHECKED_IN: 'ALREADY_CHECKED_IN',
  /** The visit was already marked a no-show: undo the mark from its line before checking it in. */
  ALREADY_NO_SHOW: 'ALREADY_NO_SHOW',
  /** An Idempotency-Key sent again with a different request: it names one request, whose answer it keeps. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** A closure whose last day has passed is history: it cannot be withdrawn. */
  CLOSURE_ENDED: 'CLOSURE_ENDED',
  // study
  STUDY_NOT_STARTED: 'STUDY_NOT_STARTED',
  STUDY_WRONG_KIND: 'STUDY_WRONG_KIND',
  READING_TIME_NOT_REACHED: 'READING_TIME_NOT_REACHED',
  VIDEO_NOT_WATCHED: 'VIDEO_NOT_WATCHED',
  QUIZ_NOT_PASSED: 'QUIZ_NOT_PASSED',
  QUIZ_BANK_TOO_SMALL: 'QUIZ_BANK_TOO_SMALL',
  QUIZ_ANSWER_INVALID: 'QUIZ_ANSWER_INVALID',
  ATTEMPTS_EXHAUSTED: 'ATTEMPTS_EXHAUSTED',
  /** An extra quiz attempt asked for a member who still has attempts, or has passed. */
  ATTEMPTS_LEFT: 'ATTEMPTS_LEFT',
  ATTEMPT_EXPIRED: 'ATTEMPT_EXPIRED',
  ATTEMPT_CLOSED: 'ATTEMPT_CLOSED',
  TRACK_NOT_PUBLISHED: 'TRACK_NOT_PUBLISHED',
  TRACK_INVALID: 'TRACK_INVALID',
  ASSIGNMENT_OVERLAP: 'ASSIGNMENT_OVERLAP',
  /** An assignment whose last day has passed is history (its figures are final): its due date may move, it is not withdrawn. */
  ASSIGNMENT_ENDED: 'ASSIGNMENT_ENDED',
  MODULE_IN_USE: 'MODULE_IN_USE',
  // account security (sessions, MFA, password profiles)
  PASSWORD_TOO_WEAK: 'PASSWORD_TOO_WEAK',
  PASSWORD_REUSED: 'PASSWORD_REUSED',
  PASSWORD_EXPIRED: 'PASSWORD_EXPIRED',
  PASSWORD_INCORRECT: 'PASSWORD_INCORRECT',
  PASSWORD_CHANGE_TOKEN_INVALID: 'PASSWORD_CHANGE_TOKEN_INVALID',
  MFA_TOKEN_INVALID: 'MFA_TOKEN_INVALID',
  MFA_CODE_INVALID: 'MFA_CODE_INVALID',
  MFA_ENROLMENT_REQUIRED: 'MFA_ENROLMENT_REQUIRED',
  MFA_ALREADY_ENABLED: 'MFA_ALREADY_ENABLED',
  MFA_NOT_ENABLED: 'MFA_NOT_ENABLED',
  MFA_SETUP_MISSING: 'MFA_SETUP_MISSING',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldError {
  /** Dotted path of the offending field, e.g. `destination.name` or `rows.12.idNumber`. */
  field: string;
  /** Machine-readable reason, e.g. `isLength`, `checkDigit`. */
  constraint: string;
  message: string;
}

export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode | string;
  message: string;
  details?: unknown;
}
