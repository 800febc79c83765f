import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { ErrorCode, type ApiErrorBody } from '@zhdj/shared';
import type { Response } from 'express';
import { isDatabaseUnavailable } from '../database/db-errors';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  429: ErrorCode.TOO_MANY_REQUESTS,
};

/**
 * One error shape everywhere (architecture.md §6): `{ statusCode, code, message, details? }`, including for
 * unknown routes and for errors thrown by Express middleware (malformed JSON, oversized bodies). Never a stack trace.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500 && body.code !== ErrorCode.DATABASE_UNAVAILABLE) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const r = exception.getResponse();
      if (typeof r === 'object' && r && 'code' in r) return r as ApiErrorBody;
      const message = typeof r === 'string' ? r : ((r as { message?: string | string[] }).message ?? exception.message);
      return {
        statusCode: status,
        code: STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED),
        message: Array.isArray(message) ? message.join('; ') : message,
      };
    }
    // Errors raised by body-parser (malformed JSON, too large) carry a status and a type.
    const e = exception as { status?: number; statusCode?: number; type?: string };
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (e.type === 'entity.too.large') {
        return { statusCode: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body is too large' };
      }
      return { statusCode: status, code: STATUS_CODES[status] ?? ErrorCode.VALIDATION_FAILED, message: 'Malformed request body' };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: ErrorCode.DATABASE_UNAVAILABLE,
        message: 'The database is unavailable; please try again shortly',
      };
    }
    return { statusCode: 500, code: ErrorCode.INTERNAL_ERROR, message: 'Internal error' };
  }
}
