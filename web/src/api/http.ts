import { ErrorCode, type ApiErrorBody, type LoginResponse } from '@zhdj/shared';
import axios, { AxiosHeaders, type AxiosAdapter, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { useSessionStore } from '@/stores/session';
import { ApiError, toErrorBody } from './errors';

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Send no access token and never refresh (login, refresh itself). */
    skipAuth?: boolean;
    /** Set on the one retry after a refresh, so a request is never retried twice. */
    retried?: boolean;
  }
}

/** What the client needs from the session: the tokens, and a way to replace or drop them. */
export interface SessionPort {
  readonly accessToken: string | null;
  readonly refreshToken: string | null;
  applyLogin(response: LoginResponse): void;
  clear(): void;
  reloadFromStorage(): void;
}

export interface HttpClientOptions {
  session: () => SessionPort;
  /** Called once when the session cannot be kept alive (refresh refused, token revoked). */
  onSessionExpired: () => void;
  baseURL?: string;
  /** The network boundary; tests pass a fake server here. */
  adapter?: AxiosAdapter;
}

type RefreshOutcome = { token: string } | { ended: true };
/** The server turned the refresh away for now (429 rate limit, 503 database unavailable): the token is unspent. */
type RefreshDeferred = { deferred: ApiErrorBody; waitMs: number | null };

/** Further attempts at a deferred refresh before the requests waiting on it fail (the session is kept). */
const REFRESH_RETRIES = 3;
/** The longest wait between attempts, whatever Retry-After says: the server's rate-limit block lasts a minute. */
const REFRESH_MAX_WAIT_MS = 60_000;
/** Spreads the retries of the many tabs a rate limit refuses at once (one NAT egress), so they do not return together. */
const REFRESH_JITTER_MS = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long the server asked us to wait: `Retry-After` in seconds or as an HTTP date; null when it did not say. */
function retryAfterMs(error: unknown): number | null {
  const headers = axios.isAxiosError(error) ? error.response?.headers : undefined;
  // The browser adapters hand back AxiosHeaders (case-insensitive); others a plain object with lower-case names.
  const value = headers instanceof AxiosHeaders ? headers.get('Retry-After') : headers?.['retry-after'];
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const seconds = Number(value);
  if (String(value).trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(String(value));
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

const bearer = (config: InternalAxiosRequestConfig): string | null => {
  const value = config.headers?.get?.('Authorization');
  return typeof value === 'string' && value.startsWith('Bearer ') ? value.slice(7) : null;
};

/**
 * The one HTTP client of the app. It attaches the access token; when the API answers 401 TOKEN_EXPIRED it refreshes
 * the token pair once — concurrent requests wait for the same refresh rather than each spending the refresh token
 * (the server revokes the whole session when a spent refresh token is presented again) — and retries. When the
 * refresh is refused (401, 403: the token is invalid or revoked) the session is cleared and `onSessionExpired` sends
 * the user to the login page. A refresh turned away for now (429, 503) is tried again after `Retry-After` while the
 * requests wait; if it still fails they reject with that error, for the screens to show, and the session is kept.
 * Every failure rejects with an ApiError carrying the API's `{ statusCode, code, message, details }`.
 */
export function createHttpClient(options: HttpClientOptions): AxiosInstance {
  const baseURL = options.baseURL ?? '/api';
  // The session travels in the Authorization header, never in a cookie: axios need not read document.cookie for an
  // XSRF token on every request (a synchronous trip to the browser's cookie store).
  const client = axios.create({ baseURL, adapter: options.adapter, timeout: 60_000, withXSRFToken: false });
  // Refresh calls bypass the interceptors below (no token, no recursive refresh).
  const bare = axios.create({ baseURL, adapter: options.adapter, timeout: 20_000, withXSRFToken: false });
  let inflight: Promise<RefreshOutcome> | null = null;

  function endSession(): void {
    const session = options.session();
    // Only the first failure of a burst clears and redirects; the others find the session already gone.
    if (session.accessToken === null && session.refreshToken === null) return;
    session.clear();
    options.onSessionExpired();
  }

  async function exchange(): Promise<RefreshOutcome | RefreshDeferred> {
    const session = options.session();
    const presented = session.refreshToken;
    if (!presented) return { ended: true };
    try {
      const { data } = await bare.post<LoginResponse>('/auth/refresh', { refreshToken: presented });
      session.applyLogin(data);
      return { token: data.accessToken };
    } catch (error) {
      const body = await toErrorBody(error);
      // Only the server's word that the token is no good ends the session. A rate limit (many users behind one
      // address) or a database outage turned the request away before the token was looked at: try again later.
      if (body.statusCode === 401 || body.statusCode === 403) return { ended: true };
      if (body.statusCode === 429 || body.statusCode === 503) return { deferred: body, waitMs: retryAfterMs(error) };
      // Anything else (no network, a proxy's 502) says nothing about the session either: keep it, show the error.
      throw new ApiError(body);
    }
  }

  /**
   * Other tabs share the refresh token. A tab that finds it already rotated by another (the new pair is in storage)
   * adopts the new pair instead of presenting a spent token, which the server would treat as a replay and answer by
   * revoking the session. Where the browser has Web Locks, tabs also take turns to refresh. A deferred refresh is
   * retried inside the turn, and storage is read again before each attempt: without Web Locks another tab may have
   * rotated the pair while this one waited.
   */
  async function refreshAcrossTabs(): Promise<RefreshOutcome> {
    const before = options.session().refreshToken;
    const attempt = async (): Promise<RefreshOutcome> => {
      for (let retry = 0; ; retry++) {
        const session = options.session();
        session.reloadFromStorage();
        if (session.accessToken && session.refreshToken && session.refreshToken !== before) return { token: session.accessToken };
        const outcome = await exchange();
        if (!('deferred' in outcome)) return outcome;
        if (retry >= REFRESH_RETRIES) throw new ApiError(outcome.deferred);
        const wait = outcome.waitMs ?? 1000 * 2 ** retry;
        await sleep(Math.min(wait, REFRESH_MAX_WAIT_MS) + Math.random() * REFRESH_JITTER_MS);
      }
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? locks.request('zhdj.session.refresh', attempt) : attempt();
  }

  function refreshOnce(): Promise<RefreshOutcome> {
    inflight ??= refreshAcrossTabs().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  client.interceptors.request.use((config) => {
    if (config.skipAuth) return config;
    const token = options.session().accessToken;
    if (token) {
      config.headers = AxiosHeaders.from(config.headers);
      config.headers.set('Authorization', `Bearer ${token}`);
    }
    return config;
  });

  client.interceptors.response.use(undefined, async (error: unknown) => {
    const body = await toErrorBody(error);
    const config = axios.isAxiosError(error) ? error.config : undefined;
    if (config && !config.skipAuth && body.statusCode === 401) {
      const sent = bearer(config);
      if (body.code === ErrorCode.TOKEN_EXPIRED && !config.retried && sent) {
        const current = options.session().accessToken;
        // Expired while another request already refreshed: retry with the new token, no second refresh.
        const outcome: RefreshOutcome = current && current !== sent ? { token: current } : await refreshOnce();
        if ('token' in outcome) {
          config.retried = true;
          config.headers.set('Authorization', `Bearer ${outcome.token}`);
          return client.request(config);
        }
      }
      // The token was refused, or there was none left to send: either way there is no session any more, and the
      // screens should not report this failure as their own (the user is on the way to the login page).
      const failure = new ApiError(body);
      failure.sessionEnded = true;
      if (sent) endSession();
      throw failure;
    }
    throw new ApiError(body);
  });

  return client;
}

let sessionExpiredHandler: () => void = () => undefined;

/** The router registers where to go when the session ends (main.ts). */
export function setSessionExpiredHandler(handler: () => void): void {
  sessionExpiredHandler = handler;
}

export const http = createHttpClient({
  session: () => useSessionStore(),
  onSessionExpired: () => sessionExpiredHandler(),
});
