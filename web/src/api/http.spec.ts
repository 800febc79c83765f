import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '@/stores/session';
import { apiError, fakeServer, type FakeReply } from '@/test/fake-server';
import { loginResponse } from '@/test/fixtures';
import { ApiError } from './errors';
import { createHttpClient } from './http';

/**
 * A small stand-in for the API's token rules: access tokens listed in `expired` answer 401 TOKEN_EXPIRED, a refresh
 * token can be spent once (like the server's rotation), and `refreshReply` (every refresh) or `withRefresh` (each
 * refresh in turn) can override the refresh outcome.
 */
function api(options: { expired?: string[]; refreshDelayMs?: number; refreshReply?: FakeReply } = {}) {
  const expired = new Set(options.expired ?? []);
  const spent = new Set<string>();
  let rotation = 1;
  let refreshOverride: () => FakeReply | null = () => null;
  const server = fakeServer((req) => {
    if (req.url === '/auth/refresh') {
      if (options.refreshReply) return options.refreshReply;
      // A refusal before the token is looked at (rate limit, database down) leaves it unspent, as on the server.
      const override = refreshOverride();
      if (override) return override;
      const presented = (req.body as { refreshToken: string }).refreshToken;
      if (spent.has(presented)) return apiError(401, 'REFRESH_TOKEN_REUSED');
      spent.add(presented);
      rotation += 1;
      return { status: 200, data: loginResponse(['COUNTY_ADMIN'], `access-${rotation}`, `refresh-${rotation}`), delayMs: options.refreshDelayMs ?? 20 };
    }
    const token = req.authorization?.replace('Bearer ', '') ?? '';
    if (!token) return apiError(401, 'UNAUTHENTICATED');
    if (expired.has(token)) return apiError(401, 'TOKEN_EXPIRED', 'Your session has expired');
    if (req.url === '/missing') return apiError(404, 'NOT_FOUND', 'Member not found');
    return { status: 200, data: { url: req.url, token } };
  });
  const refreshes = () => server.requests.filter((r) => r.url === '/auth/refresh');
  const self = {
    ...server,
    refreshes,
    /** Answers a refresh with the reply given, or as usual where it gives null. */
    withRefresh(reply: () => FakeReply | null) {
      refreshOverride = reply;
      return self;
    },
  };
  return self;
}

describe('http client', () => {
  let onSessionExpired: ReturnType<typeof vi.fn<() => void>>;

  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    onSessionExpired = vi.fn<() => void>();
    useSessionStore().applyLogin(loginResponse(['COUNTY_ADMIN'], 'access-1', 'refresh-1'));
  });

  const client = (server: ReturnType<typeof api>) =>
    createHttpClient({ session: () => useSessionStore(), onSessionExpired, adapter: server.adapter, baseURL: '/api' });

  it('attaches the access token', async () => {
    const server = api();
    const { data } = await client(server).get('/organizations');
    expect(data).toEqual({ url: '/organizations', token: 'access-1' });
    expect(server.requests[0].authorization).toBe('Bearer access-1');
  });

  it('refreshes once for concurrent requests that meet an expired token, then retries them all', async () => {
    const server = api({ expired: ['access-1'], refreshDelayMs: 30 });
    const sut = client(server);
    const results = await Promise.all(['/a', '/b', '/c', '/d'].map((url) => sut.get(url)));

    expect(server.refreshes()).toHaveLength(1);
    expect(server.refreshes()[0].body).toEqual({ refreshToken: 'refresh-1' });
    expect(results.map((r) => r.data.token)).toEqual(['access-2', 'access-2', 'access-2', 'access-2']);
    const session = useSessionStore();
    expect([session.accessToken, session.refreshToken]).toEqual(['access-2', 'refresh-2']);
    // The rotated pair is what a reload would find.
    expect(localStorage.getItem('zhdj.session')).toContain('refresh-2');
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('does not refresh again for a request that expired while another one was refreshing', async () => {
    let slowSent = false;
    const expired = new Set(['access-1']);
    const server = fakeServer((req) => {
      if (req.url === '/auth/refresh') return { status: 200, data: loginResponse(['COUNTY_ADMIN'], 'access-2', 'refresh-2'), delayMs: 5 };
      const token = req.authorization?.replace('Bearer ', '') ?? '';
      // The slow request left with the old token and is answered only after the refresh is over.
      if (req.url === '/slow' && !slowSent) {
        slowSent = true;
        return { ...apiError(401, 'TOKEN_EXPIRED'), delayMs: 60 };
      }
      if (expired.has(token)) return apiError(401, 'TOKEN_EXPIRED');
      return { status: 200, data: { token } };
    });
    const sut = createHttpClient({ session: () => useSessionStore(), onSessionExpired, adapter: server.adapter });
    const [fast, slow] = await Promise.all([sut.get('/fast'), sut.get('/slow')]);
    expect([fast.data.token, slow.data.token]).toEqual(['access-2', 'access-2']);
    expect(server.requests.filter((r) => r.url === '/auth/refresh')).toHaveLength(1);
  });

  it('adopts the pair another tab already rotated instead of replaying a spent refresh token', async () => {
    const server = api({ expired: ['access-1'] });
    // Another tab refreshed: storage holds the new pair, this tab's memory still the old one.
    const other = loginResponse(['COUNTY_ADMIN'], 'access-9', 'refresh-9');
    localStorage.setItem('zhdj.session', JSON.stringify({ accessToken: other.accessToken, refreshToken: other.refreshToken, user: other.user }));
    const { data } = await client(server).get('/a');
    expect(data.token).toBe('access-9');
    expect(server.refreshes()).toHaveLength(0);
    expect(useSessionStore().refreshToken).toBe('refresh-9');
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('gives up when the refresh is refused: clears the session, signals once, rejects every waiting request', async () => {
    const server = api({ expired: ['access-1'], refreshReply: { ...apiError(401, 'REFRESH_TOKEN_REUSED'), delayMs: 20 } });
    const sut = client(server);
    const outcomes = await Promise.allSettled(['/a', '/b', '/c'].map((url) => sut.get(url)));

    expect(server.refreshes()).toHaveLength(1);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as ApiError;
      expect(reason).toBeInstanceOf(ApiError);
      expect(reason.sessionEnded).toBe(true);
      expect(reason.statusCode).toBe(401);
    }
    const session = useSessionStore();
    expect(session.isLoggedIn).toBe(false);
    expect(session.refreshToken).toBeNull();
    expect(localStorage.getItem('zhdj.session')).toBeNull();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('ends the session when the API rejects the token outright (revoked session)', async () => {
    const server = fakeServer(() => apiError(401, 'UNAUTHENTICATED', 'Invalid access token'));
    const sut = createHttpClient({ session: () => useSessionStore(), onSessionExpired, adapter: server.adapter });
    await expect(sut.get('/me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', sessionEnded: true });
    expect(useSessionStore().isLoggedIn).toBe(false);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(server.requests.some((r) => r.url === '/auth/refresh')).toBe(false);
  });

  it('ends the session when the refresh is forbidden (403: the account was disabled)', async () => {
    const server = api({ expired: ['access-1'], refreshReply: apiError(403, 'ACCOUNT_DISABLED') });
    await expect(client(server).get('/a')).rejects.toMatchObject({ statusCode: 401, sessionEnded: true });
    expect(useSessionStore().isLoggedIn).toBe(false);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  describe('a refresh turned away for now (many users behind one address, a database outage)', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    /** The rate limit's answer, with the wait the server asks for. */
    const throttled = (retryAfterSeconds?: number): FakeReply => ({
      ...apiError(429, 'TOO_MANY_REQUESTS', 'ThrottlerException: Too Many Requests'),
      headers: { 'content-type': 'application/json', ...(retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }) },
    });

    /** A server whose first `refusals` refreshes answer `refusal`; the ones after rotate the pair as usual. */
    function busyApi(refusals: number, refusal: FakeReply) {
      let refreshes = 0;
      return api({ expired: ['access-1'] }).withRefresh(() => (++refreshes <= refusals ? refusal : null));
    }

    it('waits for Retry-After, tries again, and every waiting request carries on in the same session', async () => {
      const server = busyApi(1, throttled(2));
      const sut = client(server);
      const settled: string[] = [];
      const requests = ['/a', '/b', '/c'].map((url) => sut.get(url).then((r) => settled.push(r.data.token as string)));

      // Within the two seconds asked for: one attempt only, nothing settled, the user still signed in.
      await vi.advanceTimersByTimeAsync(1_990);
      expect(server.refreshes()).toHaveLength(1);
      expect(settled).toEqual([]);
      expect(useSessionStore().refreshToken).toBe('refresh-1');

      await vi.advanceTimersByTimeAsync(1_000);
      await Promise.all(requests);
      // The retry presented the same (unspent) token and the requests went on with the new pair.
      expect(server.refreshes().map((r) => r.body)).toEqual([{ refreshToken: 'refresh-1' }, { refreshToken: 'refresh-1' }]);
      expect(settled).toEqual(['access-2', 'access-2', 'access-2']);
      const session = useSessionStore();
      expect([session.accessToken, session.refreshToken]).toEqual(['access-2', 'refresh-2']);
      expect(onSessionExpired).not.toHaveBeenCalled();
    });

    it('backs off on a 503 that names no wait', async () => {
      const server = busyApi(2, apiError(503, 'DATABASE_UNAVAILABLE'));
      const result = client(server).get('/a');
      await vi.advanceTimersByTimeAsync(10_000);
      expect((await result).data.token).toBe('access-2');
      expect(server.refreshes()).toHaveLength(3);
      expect(onSessionExpired).not.toHaveBeenCalled();
    });

    it('when the refusals go on, fails the waiting requests with the rate-limit error and keeps the session', async () => {
      const server = busyApi(Number.POSITIVE_INFINITY, throttled(1));
      const sut = client(server);
      const outcomes = Promise.allSettled(['/a', '/b'].map((url) => sut.get(url)));
      await vi.advanceTimersByTimeAsync(60_000);

      for (const outcome of await outcomes) {
        expect(outcome.status).toBe('rejected');
        // The screens show this one as their error ("too many requests, try again shortly"); it is not a session end.
        expect((outcome as PromiseRejectedResult).reason).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS', sessionEnded: false });
      }
      expect(server.refreshes()).toHaveLength(4);
      const session = useSessionStore();
      expect([session.accessToken, session.refreshToken]).toEqual(['access-1', 'refresh-1']);
      expect(localStorage.getItem('zhdj.session')).toContain('refresh-1');
      expect(onSessionExpired).not.toHaveBeenCalled();

      // The limit passes: the next request refreshes and goes through.
      const again = client(api({ expired: ['access-1'] })).get('/a');
      await vi.advanceTimersByTimeAsync(100);
      expect((await again).data.token).toBe('access-2');
    });

    it('still ends the session when the retried refresh is refused (401)', async () => {
      let refreshes = 0;
      const server = api({ expired: ['access-1'] }).withRefresh(() => (++refreshes === 1 ? throttled(1) : apiError(401, 'REFRESH_TOKEN_INVALID')));
      const result = client(server).get('/a');
      const settled = expect(result).rejects.toMatchObject({ sessionEnded: true, statusCode: 401 });
      await vi.advanceTimersByTimeAsync(5_000);
      await settled;
      expect(server.refreshes()).toHaveLength(2);
      expect(useSessionStore().isLoggedIn).toBe(false);
      expect(onSessionExpired).toHaveBeenCalledTimes(1);
    });

    it('adopts the pair another tab rotated while this one waited, rather than presenting the spent token', async () => {
      const server = busyApi(1, throttled(1));
      const result = client(server).get('/a');
      await vi.advanceTimersByTimeAsync(100);
      // Meanwhile another tab (no Web Locks to take turns) refreshed: the server spent refresh-1.
      const other = loginResponse(['COUNTY_ADMIN'], 'access-9', 'refresh-9');
      localStorage.setItem('zhdj.session', JSON.stringify({ accessToken: other.accessToken, refreshToken: other.refreshToken, user: other.user }));
      await vi.advanceTimersByTimeAsync(2_000);

      expect((await result).data.token).toBe('access-9');
      expect(server.refreshes()).toHaveLength(1);
      expect(useSessionStore().refreshToken).toBe('refresh-9');
      expect(onSessionExpired).not.toHaveBeenCalled();
    });
  });

  it('keeps the session when the refresh fails for want of a network', async () => {
    const server = api({ expired: ['access-1'], refreshReply: { networkError: true } });
    await expect(client(server).get('/a')).rejects.toMatchObject({ code: 'NETWORK_ERROR', statusCode: 0 });
    const session = useSessionStore();
    expect([session.accessToken, session.refreshToken]).toEqual(['access-1', 'refresh-1']);
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('leaves login failures alone: no token, no refresh, the code passed through', async () => {
    const server = fakeServer((req) => (req.url === '/auth/login' ? apiError(401, 'INVALID_CREDENTIALS', 'Wrong username or password') : { status: 200 }));
    const sut = createHttpClient({ session: () => useSessionStore(), onSessionExpired, adapter: server.adapter });
    await expect(sut.post('/auth/login', { username: 'a', password: 'b' }, { skipAuth: true })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      statusCode: 401,
      sessionEnded: false,
    });
    expect(server.requests[0].authorization).toBeNull();
    expect(server.requests).toHaveLength(1);
    expect(useSessionStore().isLoggedIn).toBe(true);
  });

  it('maps every failure to the API error shape', async () => {
    const server = fakeServer((req) => {
      if (req.url === '/missing') return apiError(404, 'NOT_FOUND', 'Member not found');
      if (req.url === '/blob') {
        return { status: 400, data: new Blob([JSON.stringify({ statusCode: 400, code: 'IMPORT_INVALID', message: 'bad', details: [{ row: 2 }] })]) };
      }
      if (req.url === '/proxy') return { status: 502, data: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } };
      return { networkError: true };
    });
    const sut = createHttpClient({ session: () => useSessionStore(), onSessionExpired, adapter: server.adapter });
    await expect(sut.get('/missing')).rejects.toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: 'Member not found' });
    await expect(sut.get('/blob', { responseType: 'blob' })).rejects.toMatchObject({ code: 'IMPORT_INVALID', details: [{ row: 2 }] });
    await expect(sut.get('/proxy')).rejects.toMatchObject({ statusCode: 502, code: 'INTERNAL_ERROR' });
    await expect(sut.get('/offline')).rejects.toMatchObject({ statusCode: 0, code: 'NETWORK_ERROR' });
    expect(useSessionStore().isLoggedIn).toBe(true);
  });
});
