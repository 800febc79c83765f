import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode, type ApiErrorBody } from '@zhdj/shared';

/**
 * An error with a stable code, rendered as `{ statusCode, code, message, details? }` by the global filter.
 *
 * A refusal (4xx) is an answer, not a fault: nothing reads its stack (the filter logs server errors only), and capturing
 * one cost 10–15 µs per refusal — when a popular time fills, nearly every booking attempt is refused. So a 4xx is built
 * without one; a 5xx keeps its stack for the log.
 */
export class AppException extends HttpException {
  constructor(status: number, readonly code: ErrorCode | string, message: string, readonly details?: unknown) {
    const limit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    super({ statusCode: status, code, message, details } satisfies ApiErrorBody, status);
    Error.stackTraceLimit = limit;
  }
}

export const notFound = (what = 'Resource') => new AppException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message = 'You may not do this', code: ErrorCode = ErrorCode.FORBIDDEN) => new AppException(HttpStatus.FORBIDDEN, code, message);
export const badRequest = (code: ErrorCode, message: string, details?: unknown) =>
  new AppException(HttpStatus.BAD_REQUEST, code, message, details);
export const conflict = (code: ErrorCode, message: string, details?: unknown) =>
  new AppException(HttpStatus.CONFLICT, code, message, details);
export const unauthorized = (code: ErrorCode = ErrorCode.UNAUTHENTICATED, message = 'Please log in', details?: unknown) =>
  new AppException(HttpStatus.UNAUTHORIZED, code, message, details);
/** A single-field validation failure, in the same shape the ValidationPipe produces. */
export const invalidField = (field: string, constraint: string, message: string, code: ErrorCode = ErrorCode.VALIDATION_FAILED) =>
  new AppException(HttpStatus.BAD_REQUEST, code, message, [{ field, constraint, message }]);
