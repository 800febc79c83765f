import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf } from './support/account';
import { auditSince, expectError, lastAuditId, login } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const WECHAT_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.49';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Sessions with the default limits: 30 minutes idle (the refresh token's life), 12 hours at most. */
describe('sessions over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const loginWith = async (username: string, userAgent: string) => {
    const res = await t.http.post('/api/auth/login').set('User-Agent', userAgent).send({ username, password: t.county.password }).expect(200);
    return { accessToken: res.body.accessToken as string, refreshToken: res.body.refreshToken as string, auth: { Authorization: `Bearer ${res.body.accessToken}` }, sid: Number(claimsOf(res.body.accessToken).sid) };
  };
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  const ageRefreshTokens = (sid: number, createdAt: Date, expiresAt: Date) =>
    t.ds.createQueryBuilder().update('refresh_tokens').set({ createdAt, expiresAt }).where('session_id = :sid', { sid }).execute();

  describe('limits', () => {
    it('are 30 minutes idle and 12 hours absolute by default, and an access token never outlives the idle limit', async () => {
      expect(t.config.auth).toMatchObject({ refreshTtlSeconds: 1800, sessionMaxSeconds: 43_200, accessTtlSeconds: 900 });
      const s = await login(t, 'memberA1');
      const sid = claimsOf(s.accessToken).sid;
      const [session] = await t.ds.query('SELECT created_at, expires_at FROM sessions WHERE id = ?', [sid]);
      const [token] = await t.ds.query('SELECT created_at, expires_at FROM refresh_tokens WHERE session_id = ?', [sid]);
      const at = (v: unknown) => (v instanceof Date ? v.getTime() : new Date(String(v).replace(' ', 'T') + 'Z').getTime());
      expect(at(session.expires_at) - at(session.created_at)).toBe(12 * 3600 * 1000);
      expect(at(token.expires_at) - at(token.created_at)).toBe(30 * 60 * 1000);
      const claims = claimsOf(s.accessToken);
      expect(Number(claims.exp) - Number(claims.iat)).toBeLessThanOrEqual(30 * 60);
    });

    it('idle: a session refreshed 29 minutes ago lives on; one left alone for 31 minutes has ended', async () => {
      const active = await loginWith('memberA1', CHROME_WINDOWS);
      await ageRefreshTokens(active.sid, minutesAgo(29), new Date(Date.now() + 60_000));
      const next = await t.http.post('/api/auth/refresh').send({ refreshToken: active.refreshToken }).expect(200);
      await t.http.get('/api/me').set('Authorization', `Bearer ${next.body.accessToken}`).expect(200);

      const idle = await loginWith('memberA1', CHROME_WINDOWS);
      await ageRefreshTokens(idle.sid, minutesAgo(31), minutesAgo(1));
      expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: idle.refreshToken }), 401, 'REFRESH_TOKEN_INVALID');
      // It no longer counts among the user's sessions.
      const listed = await t.http.get('/api/auth/sessions').set('Authorization', `Bearer ${next.body.accessToken}`).expect(200);
      expect(listed.body.map((s: { id: number }) => s.id)).not.toContain(idle.sid);
      expect(listed.body.map((s: { id: number }) => s.id)).toContain(active.sid);
    });

    it('absolute: however active, a session ends 12 hours after login — refreshing never extends it', async () => {
      const s = await loginWith('memberA1', CHROME_WINDOWS);
      const [before] = await t.ds.query('SELECT expires_at FROM sessions WHERE id = ?', [s.sid]);
      const r1 = await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
      const [after] = await t.ds.query('SELECT expires_at FROM sessions WHERE id = ?', [s.sid]);
      expect(String(after.expires_at)).toBe(String(before.expires_at));
      // Twelve hours later (the session made to look it), the fresh refresh token and access token are refused.
      await t.ds.createQueryBuilder().update('sessions').set({ createdAt: minutesAgo(12 * 60 + 1), expiresAt: minutesAgo(1) }).where('id = :sid', { sid: s.sid }).execute();
      expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: r1.body.refreshToken }), 401, 'REFRESH_TOKEN_INVALID');
      expectError(await t.http.get('/api/me').set('Authorization', `Bearer ${r1.body.accessToken}`), 401, 'UNAUTHENTICATED');
    });
  });

  describe('listing and ending', () => {
    it('lists the caller’s active sessions only: device, address, times, which is current', async () => {
      const phone = await loginWith('committeeA', WECHAT_ANDROID);
      const iphone = await loginWith('committeeA', SAFARI_IPHONE);
      const desk = await loginWith('committeeA', CHROME_WINDOWS);
      const ended = await loginWith('committeeA', CHROME_WINDOWS);
      await t.http.post('/api/auth/logout').set(ended.auth).expect(204);
      await loginWith('committeeB', CHROME_WINDOWS); // someone else's

      const res = await t.http.get('/api/auth/sessions').set(desk.auth).expect(200);
      const byId = new Map(res.body.map((s: { id: number }) => [s.id, s]));
      expect([...byId.keys()].sort()).toEqual([phone.sid, iphone.sid, desk.sid].sort());
      expect(byId.get(desk.sid)).toEqual({
        id: desk.sid,
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        idleExpiresAt: expect.any(String),
        expiresAt: expect.any(String),
        ip: expect.stringMatching(/\S/),
        browser: 'Chrome',
        os: 'Windows',
        current: true,
      });
      expect(byId.get(phone.sid)).toMatchObject({ browser: 'WeChat', os: 'Android', current: false });
      expect(byId.get(iphone.sid)).toMatchObject({ browser: 'Safari', os: 'iOS', current: false });
      const one = byId.get(desk.sid) as { idleExpiresAt: string; expiresAt: string; createdAt: string };
      expect(new Date(one.idleExpiresAt).getTime() - new Date(one.createdAt).getTime()).toBe(30 * 60 * 1000);
      expect(new Date(one.expiresAt).getTime() - new Date(one.createdAt).getTime()).toBe(12 * 3600 * 1000);
      // Nothing of the refresh tokens or the raw user agent is given out.
      expect(JSON.stringify(res.body)).not.toMatch(/token|Mozilla/i);
    });

    it('ends one of one’s own sessions: its access and refresh tokens stop at once; audited', async () => {
      const keep = await loginWith('branchA1', CHROME_WINDOWS);
      const lost = await loginWith('branchA1', WECHAT_ANDROID);
      const before = await lastAuditId(t.ds);
      await t.http.delete(`/api/auth/sessions/${lost.sid}`).set(keep.auth).expect(204);
      expectError(await t.http.get('/api/me').set(lost.auth), 401, 'UNAUTHENTICATED');
      expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: lost.refreshToken }), 401, 'REFRESH_TOKEN_INVALID');
      await t.http.get('/api/me').set(keep.auth).expect(200);
      expect(await auditSince(t.ds, before)).toEqual([
        expect.objectContaining({ action: 'auth.sessionEnded', actor_user_id: t.county.users.branchA1, target_type: 'session', target_id: String(lost.sid) }),
      ]);
      // Already ended: nothing left to end.
      expectError(await t.http.delete(`/api/auth/sessions/${lost.sid}`).set(keep.auth), 404, 'NOT_FOUND');
    });

    it('another user’s session is a 404, and lives on; malformed ids are refused', async () => {
      const mine = await loginWith('branchA1', CHROME_WINDOWS);
      const theirs = await loginWith('committeeB', CHROME_WINDOWS);
      const before = await lastAuditId(t.ds);
      expectError(await t.http.delete(`/api/auth/sessions/${theirs.sid}`).set(mine.auth), 404, 'NOT_FOUND');
      expectError(await t.http.delete('/api/auth/sessions/999999').set(mine.auth), 404, 'NOT_FOUND');
      expectError(await t.http.delete('/api/auth/sessions/abc').set(mine.auth), 400, 'VALIDATION_FAILED');
      expectError(await t.http.delete(`/api/auth/sessions/${theirs.sid}`), 401, 'UNAUTHENTICATED');
      await t.http.get('/api/me').set(theirs.auth).expect(200);
      expect(await auditSince(t.ds, before)).toEqual([]);
    });

    it('ending the current session is a logout', async () => {
      const s = await loginWith('branchA1', CHROME_WINDOWS);
      await t.http.delete(`/api/auth/sessions/${s.sid}`).set(s.auth).expect(204);
      expectError(await t.http.get('/api/me').set(s.auth), 401, 'UNAUTHENTICATED');
    });

    it('ends all other sessions, keeps the current one and other users’ sessions; audited with the count', async () => {
      const current = await loginWith('county', CHROME_WINDOWS);
      const others = [await loginWith('county', WECHAT_ANDROID), await loginWith('county', SAFARI_IPHONE)];
      const stranger = await loginWith('committeeB', CHROME_WINDOWS);
      const alive = (await t.http.get('/api/auth/sessions').set(current.auth).expect(200)).body.length;
      const before = await lastAuditId(t.ds);
      const res = await t.http.post('/api/auth/sessions/end-others').set(current.auth).expect(200);
      expect(res.body).toEqual({ endedSessions: alive - 1 });
      for (const o of others) {
        expectError(await t.http.get('/api/me').set(o.auth), 401, 'UNAUTHENTICATED');
        expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: o.refreshToken }), 401, 'REFRESH_TOKEN_INVALID');
      }
      await t.http.get('/api/me').set(current.auth).expect(200);
      await t.http.get('/api/me').set(stranger.auth).expect(200);
      expect((await t.http.get('/api/auth/sessions').set(current.auth).expect(200)).body).toEqual([expect.objectContaining({ id: current.sid, current: true })]);
      expect(await auditSince(t.ds, before)).toEqual([
        expect.objectContaining({ action: 'auth.sessionsEnded', target_type: 'user', target_id: String(t.county.users.county), detail: JSON.stringify({ endedSessions: alive - 1 }) }),
      ]);
    });

    it('logout ends the refresh chain: the newest refresh token of the session is refused too', async () => {
      const s = await loginWith('memberA1', CHROME_WINDOWS);
      const r1 = await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
      await t.http.post('/api/auth/logout').set('Authorization', `Bearer ${r1.body.accessToken}`).expect(204);
      expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: r1.body.refreshToken }), 401, 'REFRESH_TOKEN_INVALID');
      const [row] = await t.ds.query('SELECT revoked_reason FROM sessions WHERE id = ?', [s.sid]);
      expect(row.revoked_reason).toBe('logout');
    });

    it('all need a token', async () => {
      expectError(await t.http.get('/api/auth/sessions'), 401, 'UNAUTHENTICATED');
      expectError(await t.http.post('/api/auth/sessions/end-others'), 401, 'UNAUTHENTICATED');
    });
  });
});
