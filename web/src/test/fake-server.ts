import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';

/** A request as the fake server sees it. */
export interface FakeRequest {
  method: string;
  url: string;
  authorization: string | null;
  /** The Accept-Language the client sent explicitly (null when it left it to the browser). */
  language: string | null;
  body: unknown;
  params: Record<string, unknown> | undefined;
}

export type FakeReply = { status: number; data?: unknown; headers?: Record<string, string>; delayMs?: number } | { networkError: true; delayMs?: number };

export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The network boundary for unit tests: an axios adapter that answers like the API would (status, JSON body), with
 * optional latency so that concurrency can be exercised. Everything above it — interceptors, refresh, error mapping —
 * is the real code.
 */
export function fakeServer(handler: FakeHandler): { adapter: AxiosAdapter; requests: FakeRequest[] } {
  const requests: FakeRequest[] = [];
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const headers = AxiosHeaders.from(config.headers);
    const auth = headers.get('Authorization');
    const language = headers.get('Accept-Language');
    const request: FakeRequest = {
      method: (config.method ?? 'get').toUpperCase(),
      url: config.url ?? '',
      authorization: typeof auth === 'string' ? auth : null,
      language: typeof language === 'string' ? language : null,
      body: typeof config.data === 'string' ? JSON.parse(config.data) : config.data,
      params: config.params as Record<string, unknown> | undefined,
    };
    requests.push(request);
    const reply = await handler(request);
    if (reply.delayMs) await sleep(reply.delayMs);
    if ('networkError' in reply) throw new AxiosError('Network Error', AxiosError.ERR_NETWORK, config, {});
    const response: AxiosResponse = {
      data: reply.data,
      status: reply.status,
      statusText: String(reply.status),
      headers: reply.headers ?? { 'content-type': 'application/json' },
      config,
      request: {},
    };
    const ok = config.validateStatus ? config.validateStatus(reply.status) : reply.status >= 200 && reply.status < 300;
    if (ok) return response;
    throw new AxiosError(
      `Request failed with status code ${reply.status}`,
      reply.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
      config,
      {},
      response,
    );
  };
  return { adapter, requests };
}

/** The API's error body. */
export const apiError = (statusCode: number, code: string, message = code, details?: unknown) => ({
  status: statusCode,
  data: { statusCode, code, message, ...(details === undefined ? {} : { details }) },
});
