import { ErrorCode, type FieldError } from '@zhdj/shared';
import { ApiError } from '@/api/errors';

/** How a failed transfer request should be shown. */
export type TransferFailure =
  /** Someone acted first (409): reload and say so. */
  | { kind: 'conflict' }
  /** Per-field problems (TRANSFER_INCOMPLETE lists every missing field at once; VALIDATION_FAILED per field). */
  | { kind: 'fields'; fields: FieldError[] }
  /** The step is not allowed now (wrong state, dues owed, overdue probation…). */
  | { kind: 'notAllowed'; duesOwedMonths: number | null }
  /** The member already has an open transfer. */
  | { kind: 'alreadyOpen' }
  /** The user is on their way to the login page: say nothing. */
  | { kind: 'sessionEnded' }
  | { kind: 'other'; error: unknown };

function isFieldError(value: unknown): value is FieldError {
  const v = value as Partial<FieldError> | null;
  return !!v && typeof v === 'object' && typeof v.field === 'string' && typeof v.constraint === 'string';
}

/** Classifies a failure by its stable code, never by the server's wording. */
export function classifyFailure(error: unknown): TransferFailure {
  if (!(error instanceof ApiError)) return { kind: 'other', error };
  if (error.sessionEnded) return { kind: 'sessionEnded' };
  switch (error.code) {
    case ErrorCode.TRANSFER_STATE_CONFLICT:
      return { kind: 'conflict' };
    case ErrorCode.TRANSFER_ALREADY_OPEN:
      return { kind: 'alreadyOpen' };
    case ErrorCode.TRANSFER_ACTION_NOT_ALLOWED: {
      const details = error.details as { duesOwedMonths?: unknown } | undefined;
      const owed = details && typeof details.duesOwedMonths === 'number' ? details.duesOwedMonths : null;
      return { kind: 'notAllowed', duesOwedMonths: owed };
    }
    // A letter number held by another open arrival: a 409 that names its field, shown beside it.
    case ErrorCode.INCOMING_LETTER_TAKEN:
    case ErrorCode.TRANSFER_INCOMPLETE:
    case ErrorCode.VALIDATION_FAILED: {
      const fields = Array.isArray(error.details) ? error.details.filter(isFieldError) : [];
      return fields.length ? { kind: 'fields', fields } : { kind: 'other', error };
    }
    default:
      return { kind: 'other', error };
  }
}

/** One entry per field (the first problem reported for it), keyed by the field's top-level name. */
export function fieldMap(fields: FieldError[]): Record<string, FieldError> {
  const map: Record<string, FieldError> = {};
  for (const f of fields) {
    const key = f.field;
    map[key] ??= f;
  }
  return map;
}
