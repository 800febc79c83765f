import { ErrorCode, type LoginResponse } from '@zhdj/shared';
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

const bearer = (config: InternalAxiosRequestConfig): string | null => {
  const value = config.headers?.get?.('Authorization');
  return typeof value === 'string' && value.startsWith('Bearer ') ? value.slice(7) : null;
};

/**
 * The one HTTP client of the app. It attaches the access token; when the API answers 401 TOKEN_EXPIRED it refreshes
 * the token pair once — concurrent requests wait for the same refresh rather than each spending the refresh token
 * (the server revokes the whole session when a spent refresh token is presented again) — and retries. When the
 * refresh is refused the session is cleared and `onSessionExpired` sends the user to the login page. Every failure
 * rejects with an ApiError carrying the API's `{ statusCode, code, message, details }`.
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

  async function exchange(): Promise<RefreshOutcome> {
    const session = options.session();
    const presented = session.refreshToken;
    if (!presented) return { ended: true };
    try {
      const { data } = await bare.post<LoginResponse>('/auth/refresh', { refreshToken: presented });
      session.applyLogin(data);
      return { token: data.accessToken };
    } catch (error) {
      const body = await toErrorBody(error);
      // A network failure says nothing about the session: keep it and let the caller see the network error.
      if (body.statusCode === 0 || body.statusCode >= 500) throw new ApiError(body);
      return { ended: true };
    }
  }

  /**
   * Other tabs share the refresh token. A tab that finds it already rotated by another (the new pair is in storage)
   * adopts the new pair instead of presenting a spent token, which the server would treat as a replay and answer by
   * revoking the session. Where the browser has Web Locks, tabs also take turns to refresh.
   */
  async function refreshAcrossTabs(): Promise<RefreshOutcome> {
    const before = options.session().refreshToken;
    const attempt = async (): Promise<RefreshOutcome> => {
      const session = options.session();
      session.reloadFromStorage();
      if (session.accessToken && session.refreshToken && session.refreshToken !== before) return { token: session.accessToken };
      return exchange();
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
