import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '@/stores/session';
import { apiError, fakeServer, type FakeReply } from '@/test/fake-server';
import { loginResponse } from '@/test/fixtures';
import { ApiError } from './errors';
import { createHttpClient } from './http';

/**
 * A small stand-in for the API's token rules: access tokens listed in `expired` answer 401 TOKEN_EXPIRED, a refresh
 * token can be spent once (like the server's rotation), and `refreshReply` can override the refresh outcome.
 */
function api(options: { expired?: string[]; refreshDelayMs?: number; refreshReply?: FakeReply } = {}) {
  const expired = new Set(options.expired ?? []);
  const spent = new Set<string>();
  let rotation = 1;
  const server = fakeServer((req) => {
    if (req.url === '/auth/refresh') {
      if (options.refreshReply) return options.refreshReply;
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
  return { ...server, refreshes };
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
