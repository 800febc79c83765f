import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { ErrorCode, type ApiErrorBody } from '@zhdj/shared';
import type { FastifyReply } from 'fastify';
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
 * unknown routes and for errors Fastify raises before a handler runs (malformed JSON, oversized bodies). Never a stack trace.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500 && body.code !== ErrorCode.DATABASE_UNAVAILABLE) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (res.sent || res.raw.headersSent) return;
    res.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    // Fastify refuses some requests before a handler runs (malformed or oversized body, unsupported content type);
    // Nest hands those over as an HttpException caused by the Fastify error.
    const fastifyCode = exception instanceof HttpException ? (exception.cause as { code?: unknown } | undefined)?.code : undefined;
    if (typeof fastifyCode === 'string' && fastifyCode.startsWith('FST_ERR_CTP_')) return fromContentParser(fastifyCode, (exception as HttpException).getStatus());
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const r = exception.getResponse();
      if (typeof r === 'object' && r && 'code' in r) return r as ApiErrorBody;
      const said = typeof r === 'string' ? r : ((r as { message?: string | string[] }).message ?? exception.message);
      // The router's "Cannot GET /api/…" would echo whatever path was asked (up to a kilobyte of it) back to the client.
      const message = status === 404 && typeof said === 'string' && /^Cannot [A-Z]+ \//.test(said) ? 'There is no such address in the API' : said;
      return {
        statusCode: status,
        code: STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED),
        message: Array.isArray(message) ? message.join('; ') : message,
      };
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

function fromContentParser(code: string, status: number): ApiErrorBody {
  if (status === 413) return { statusCode: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body is too large' };
  if (status === 415) return { statusCode: 415, code: ErrorCode.VALIDATION_FAILED, message: 'Send the request body as JSON (Content-Type: application/json)' };
  return { statusCode: status, code: STATUS_CODES[status] ?? ErrorCode.VALIDATION_FAILED, message: code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The JSON request body is empty' : 'Malformed request body' };
}
