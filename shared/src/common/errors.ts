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
  TRANSFER_INCOMPLETE: 'TRANSFER_INCOMPLETE',
  // booking
  SLOT_FULL: 'SLOT_FULL',
  OUTSIDE_HOURS: 'OUTSIDE_HOURS',
  TOO_LATE: 'TOO_LATE',
  CENTER_CLOSED: 'CENTER_CLOSED',
  DUPLICATE_BOOKING: 'DUPLICATE_BOOKING',
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
