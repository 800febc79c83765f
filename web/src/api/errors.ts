import { ErrorCode, type ApiErrorBody } from '@zhdj/shared';
import axios from 'axios';

/** Codes the client adds for failures that never reached the API's error filter. */
export const ClientErrorCode = {
  NETWORK_ERROR: 'NETWORK_ERROR',
  CANCELED: 'CANCELED',
  UNKNOWN: 'UNKNOWN',
} as const;

const STATUS_FALLBACK: Record<number, string> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  429: ErrorCode.TOO_MANY_REQUESTS,
  503: ErrorCode.DATABASE_UNAVAILABLE,
};

/** Every failed call rejects with this: the API's error body, whatever went wrong on the way. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details?: unknown;
  /** The session ended because of this failure: the user is on their way to the login page. */
  sessionEnded = false;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.details = body.details;
  }

  get body(): ApiErrorBody {
    return { statusCode: this.statusCode, code: this.code, message: this.message, details: this.details };
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const v = value as Partial<ApiErrorBody> | null;
  return !!v && typeof v === 'object' && typeof v.statusCode === 'number' && typeof v.code === 'string' && typeof v.message === 'string';
}

export function isApiError(value: unknown, code?: string): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code);
}

/**
 * Turns anything axios throws into the API's error shape. Downloads ask for blobs, so their error bodies arrive as
 * blobs too and are parsed here.
 */
export async function toErrorBody(error: unknown): Promise<ApiErrorBody> {
  if (error instanceof ApiError) return error.body;
  if (axios.isCancel(error)) return { statusCode: 0, code: ClientErrorCode.CANCELED, message: 'Request canceled' };
  if (!axios.isAxiosError(error)) {
    return { statusCode: 0, code: ClientErrorCode.UNKNOWN, message: error instanceof Error ? error.message : String(error) };
  }
  const res = error.response;
  if (!res) return { statusCode: 0, code: ClientErrorCode.NETWORK_ERROR, message: error.message || 'Network error' };
  let data: unknown = res.data;
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    try {
      data = JSON.parse(await data.text());
    } catch {
      data = null;
    }
  } else if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      // Not JSON (a proxy's HTML error page): fall back to the status below.
    }
  }
  if (isApiErrorBody(data)) return data;
  return {
    statusCode: res.status,
    code: STATUS_FALLBACK[res.status] ?? (res.status >= 500 ? ErrorCode.INTERNAL_ERROR : ClientErrorCode.UNKNOWN),
    message: res.statusText || `HTTP ${res.status}`,
  };
}
