import { JwtService } from '@nestjs/jwt';
import { keyIdOf } from '../src/auth/token.service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, expectError, lastAuditId, login, sleep } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

const LOCKOUT_SECONDS = 3;

describe('auth over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: '30', LOGIN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS) })));
  afterAll(() => t.close());

  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

  describe('login', () => {
    it('logs in and returns tokens and the session user', async () => {
      const res = await t.http.post('/api/auth/login').send({ username: 'committeeA', password: t.county.password }).expect(200);
      expect(res.body.accessToken).toBeTypeOf('string');
      expect(res.body.refreshToken).toBeTypeOf('string');
      expect(res.body.expiresIn).toBe(30);
      const claims = claimsOf(res.body.accessToken);
      expect(Number(claims.exp) - Number(claims.iat)).toBe(30);
      expect(res.body.user.roles).toEqual([{ role: 'COMMITTEE_ADMIN', org: expect.objectContaining({ id: t.county.orgs.committeeA.id }) }]);
      const me = await t.http.get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body.username).toBe('committeeA');
      expect(me.body.permissions).toContain('org.manage');
    });

    it('tells a member who they are: their member record and only member permissions', async () => {
      const s = await login(t, 'memberA1');
      const me = await t.http.get('/api/me').set(s.auth).expect(200);
      expect(me.body).toMatchObject({ username: 'memberA1', memberId: t.county.members.memberA1, roles: [{ role: 'MEMBER', org: null }] });
      expect(me.body.permissions).toEqual(expect.arrayContaining(['member.readSelf', 'org.directory']));
      for (const adminOnly of ['org.read', 'org.manage', 'member.read', 'member.write', 'member.revealId', 'member.import', 'member.export', 'audit.read']) {
        expect(me.body.permissions).not.toContain(adminOnly);
      }
    });

    it('refuses a wrong password and an unknown user alike, and records both', async () => {
      const before = await lastAuditId(t.ds);
      const wrong = await t.http.post('/api/auth/login').send({ username: 'county', password: 'wrong-password-123' });
      expectError(wrong, 401, 'INVALID_CREDENTIALS');
      const unknown = await t.http.post('/api/auth/login').send({ username: 'nobody-here', password: 'wrong-password-123' });
      expectError(unknown, 401, 'INVALID_CREDENTIALS');
      expect(unknown.body.message).toBe(wrong.body.message);
      const audit = await auditSince(t.ds, before);
      expect(audit.map((a) => [a.action, a.target_id, JSON.parse(a.detail!).reason])).toEqual([
        ['auth.loginFailed', String(t.county.users.county), 'badPassword'],
        ['auth.loginFailed', null, 'unknownUser'],
      ]);
      // The typed text is never stored: people type passwords into the username box.
      expect(JSON.stringify(audit)).not.toContain('nobody-here');
      expect(audit.every((a) => a.ip !== '')).toBe(true);
      // A successful login later resets the count.
      await login(t, 'county');
      expect(Number((await t.ds.query('SELECT failed_logins AS n FROM users WHERE username = ?', ['county']))[0].n)).toBe(0);
    });

    it('records a successful login with the user and address', async () => {
      const before = await lastAuditId(t.ds);
      await login(t, 'branchA1');
      const audit = await auditSince(t.ds, before);
      expect(audit).toEqual([expect.objectContaining({ action: 'auth.login', target_type: 'user', target_id: String(t.county.users.branchA1), ip: expect.stringMatching(/\S/) })]);
    });

    it('stores passwords as argon2id hashes only', async () => {
      const rows: { username: string; password_hash: string }[] = await t.ds.query(
        `SELECT username, password_hash FROM users WHERE username IN ('county', 'committeeA', 'memberA1')`,
      );
      expect(rows).toHaveLength(3);
      for (const r of rows) {
        expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
        expect(r.password_hash).not.toContain(t.county.password);
      }
    });

    it('validates the login body: missing, extra, wrong-typed and over-long fields', async () => {
      const cases: [unknown, string[]][] = [
        [{}, ['username', 'password']],
        [{ username: 'county' }, ['password']],
        [{ username: 'county', password: t.county.password, role: 'COUNTY_ADMIN' }, ['role']],
        [{ username: 'x'.repeat(65), password: t.county.password }, ['username']],
        [{ username: 'county', password: 'p'.repeat(129) }, ['password']],
        [{ username: 42, password: ['a'] }, ['username', 'password']],
        [{ username: '', password: '' }, ['username', 'password']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http.post('/api/auth/login').send(body as object);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.body.details).toEqual(expect.arrayContaining(fields.map((field) => expect.objectContaining({ field, constraint: expect.any(String), message: expect.any(String) }))));
        expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(fields));
      }
    });
  });

  describe('lockout', () => {
    const wrong = (username: string) => t.http.post('/api/auth/login').send({ username, password: 'not-the-password-1' });

    it('answers a mobile number with no account as it answers a member’s: locked after five failures, for as long', async () => {
      // Members log in with their mobile number: a lock-out only accounts reached told anyone whether a number is a
      // Party member's.
      const statuses: number[] = [];
      const answers = [];
      for (let i = 0; i < 6; i++) {
        const r = await wrong('13999990000');
        statuses.push(r.status);
        answers.push(r);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
      expectError(answers[4], 423, 'ACCOUNT_LOCKED');
      const until = new Date(answers[5].body.details.lockedUntil).getTime();
      expect(until).toBeGreaterThan(Date.now());
      expect(until).toBeLessThanOrEqual(Date.now() + LOCKOUT_SECONDS * 1000);
      expect(Object.keys(answers[5].body.details)).toEqual(['lockedUntil']);
    });

    it('locks the account after five consecutive failures; the right password is then refused with 423', async () => {
      const before = await lastAuditId(t.ds);
      for (let i = 0; i < 4; i++) expectError(await wrong('memberB1'), 401, 'INVALID_CREDENTIALS');
      const fifth = await wrong('memberB1');
      expectError(fifth, 423, 'ACCOUNT_LOCKED');
      const right = await t.http.post('/api/auth/login').send({ username: 'memberB1', password: t.county.password });
      expectError(right, 423, 'ACCOUNT_LOCKED');
      const lockedUntil = new Date(right.body.details.lockedUntil).getTime();
      expect(lockedUntil).toBeGreaterThan(Date.now());
      expect(lockedUntil).toBeLessThanOrEqual(Date.now() + LOCKOUT_SECONDS * 1000);

      const audit = await auditSince(t.ds, before);
      const actions = audit.map((a) => a.action);
      expect(actions.filter((a) => a === 'auth.loginFailed')).toHaveLength(6);
      expect(actions.filter((a) => a === 'auth.locked')).toHaveLength(1);
      const lock = audit.find((a) => a.action === 'auth.locked')!;
      expect(lock).toMatchObject({ target_type: 'user', target_id: String(t.county.users.memberB1), ip: expect.stringMatching(/\S/) });
      expect(JSON.parse(audit.at(-1)!.detail!).reason).toBe('locked');

      // When the lock runs out, the right password works again and the count starts afresh.
      await sleep(Math.max(0, lockedUntil - Date.now()) + 200);
      await login(t, 'memberB1');
      const row = (await t.ds.query('SELECT failed_logins AS n, locked_until AS u FROM users WHERE username = ?', ['memberB1']))[0];
      expect(Number(row.n)).toBe(0);
      expect(row.u).toBeNull();
    });

    it('counts failures that arrive all at once: a burst of guesses locks the account too', async () => {
      const before = await lastAuditId(t.ds);
      const burst = await Promise.all(Array.from({ length: 8 }, () => wrong('committeeB')));
      // Every guess is counted: the first four are refused as wrong, the fifth locks, the rest meet the lock.
      expect(burst.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 423, 423, 423, 423]);
      expect((await auditSince(t.ds, before)).filter((a) => a.action === 'auth.locked')).toHaveLength(1);
      expectError(await t.http.post('/api/auth/login').send({ username: 'committeeB', password: t.county.password }), 423, 'ACCOUNT_LOCKED');
      // Unlock for the tests that follow.
      await t.ds.query('UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE username = ?', ['committeeB']);
    });

    it('counts only consecutive failures: a success in between resets the count', async () => {
      for (let i = 0; i < 4; i++) expectError(await wrong('sysadmin'), 401, 'INVALID_CREDENTIALS');
      await login(t, 'sysadmin');
      for (let i = 0; i < 4; i++) expectError(await wrong('sysadmin'), 401, 'INVALID_CREDENTIALS');
      await login(t, 'sysadmin');
    });
  });

  describe('refresh tokens', () => {
    it('rotate: the new pair works and the old refresh token is dead', async () => {
      const s = await login(t, 'committeeB');
      const r1 = await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
      expect(r1.body.refreshToken).not.toBe(s.refreshToken);
      expect(r1.body.user.username).toBe('committeeB');
      await t.http.get('/api/me').set('Authorization', `Bearer ${r1.body.accessToken}`).expect(200);
      const r2 = await t.http.post('/api/auth/refresh').send({ refreshToken: r1.body.refreshToken }).expect(200);
      await t.http.get('/api/me').set('Authorization', `Bearer ${r2.body.accessToken}`).expect(200);
      const hashes: { used_at: unknown }[] = await t.ds.query(
        'SELECT rt.used_at FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id WHERE s.id = ? ORDER BY rt.id',
        [claimsOf(s.accessToken).sid],
      );
      expect(hashes.map((h) => h.used_at !== null)).toEqual([true, true, false]);
    });

    it('presenting a used refresh token revokes the whole chain, the newer tokens too', async () => {
      const s = await login(t, 'committeeB');
      const next = await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
      const before = await lastAuditId(t.ds);
      expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken }), 401, 'REFRESH_TOKEN_REUSED');
      expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: next.body.refreshToken }), 401, 'REFRESH_TOKEN_INVALID');
      expectError(await t.http.get('/api/me').set('Authorization', `Bearer ${next.body.accessToken}`), 401, 'UNAUTHENTICATED');
      expectError(await t.http.get('/api/me').set(s.auth), 401, 'UNAUTHENTICATED');
      const audit = await auditSince(t.ds, before);
      expect(audit.map((a) => a.action)).toEqual(['auth.refreshReuse']);
      expect(audit[0]).toMatchObject({ target_type: 'session', target_id: String(claimsOf(s.accessToken).sid) });
      // Another session of the same user is not affected.
      const other = await login(t, 'committeeB');
      await t.http.post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
    });

    it('of two concurrent refreshes with the same token, exactly one succeeds', async () => {
      for (let round = 0; round < 20; round++) {
        const s = await login(t, 'committeeB');
        const results = await Promise.all([0, 1].map(() => t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken })));
        const statuses = results.map((r) => r.status).sort();
        expect(statuses, JSON.stringify(results.map((r) => r.body))).toEqual([200, 401]);
        const loser = results.find((r) => r.status === 401)!;
        expectError(loser, 401, 'REFRESH_TOKEN_REUSED');
        // The database agrees: the token was spent once and one successor was issued.
        const tokens: { used_at: unknown }[] = await t.ds.query('SELECT used_at FROM refresh_tokens WHERE session_id = ? ORDER BY id', [claimsOf(s.accessToken).sid]);
        expect(tokens.map((x) => x.used_at !== null)).toEqual([true, false]);
      }
    });

    it('refuses unknown and malformed refresh tokens', async () => {
      expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: 'not-a-token' }), 401, 'REFRESH_TOKEN_INVALID');
      expectError(await t.http.post('/api/auth/refresh').send({}), 400, 'VALIDATION_FAILED');
      expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: 'x'.repeat(201) }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('logout', () => {
    it('ends the session: its access and refresh tokens are refused afterwards; other sessions live on', async () => {
      const s = await login(t, 'branchA1');
      const other = await login(t, 'branchA1');
      const before = await lastAuditId(t.ds);
      await t.http.post('/api/auth/logout').set(s.auth).expect(204);
      expectError(await t.http.get('/api/me').set(s.auth), 401, 'UNAUTHENTICATED');
      expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken }), 401, 'REFRESH_TOKEN_INVALID');
      await t.http.get('/api/me').set(other.auth).expect(200);
      const audit = await auditSince(t.ds, before);
      expect(audit).toEqual([
        expect.objectContaining({ action: 'auth.logout', actor_user_id: t.county.users.branchA1, target_type: 'session', target_id: String(claimsOf(s.accessToken).sid) }),
      ]);
    });

    it('needs a token', async () => {
      expectError(await t.http.post('/api/auth/logout'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('access tokens', () => {
    const sign = (payload: object, options: Record<string, unknown>) =>
      t.app.get(JwtService).signAsync(payload, {
        secret: t.config.auth.jwtSecret,
        algorithm: 'HS256',
        issuer: t.config.auth.jwtIssuer,
        audience: t.config.auth.jwtAudience,
        keyid: keyIdOf(t.config.auth.jwtSecret),
        ...options,
      });

    it('an expired access token is refused with TOKEN_EXPIRED', async () => {
      const s = await login(t, 'county');
      const { sub, sid } = claimsOf(s.accessToken);
      const now = Math.floor(Date.now() / 1000);
      const expired = await sign({ sid, iat: now - 120, exp: now - 60 }, { subject: String(sub) });
      expectError(await t.http.get('/api/me').set('Authorization', `Bearer ${expired}`), 401, 'TOKEN_EXPIRED');
      // The same claims, still valid, are accepted: only the expiry made the difference.
      const fresh = await sign({ sid, iat: now, exp: now + 60 }, { subject: String(sub) });
      await t.http.get('/api/me').set('Authorization', `Bearer ${fresh}`).expect(200);
    });

    it('refuses tampered tokens, other algorithms, other secrets, issuers and audiences', async () => {
      const s = await login(t, 'committeeA');
      const [header, payload, signature] = s.accessToken.split('.');
      const claims = claimsOf(s.accessToken);
      // Claim to be the county administrator, keeping the committee admin's signature.
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: String(t.county.users.county) })).toString('base64url');
      const sid = claims.sid;
      const subject = String(claims.sub);
      const bad = [
        `${header}.${forged}.${signature}`,
        `${header}.${payload}.${signature.slice(0, -3)}${signature.endsWith('AAA') ? 'BBB' : 'AAA'}`,
        await sign({ sid }, { subject, algorithm: 'HS512' }),
        await sign({ sid }, { subject, secret: 'another-secret-of-at-least-32-characters!!' }),
        await sign({ sid }, { subject, issuer: 'someone-else' }),
        await sign({ sid }, { subject, audience: 'another-app' }),
        `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`,
        'not-a-jwt-at-all',
      ];
      for (const token of bad) {
        expectError(await t.http.get('/api/me').set('Authorization', `Bearer ${token}`), 401, 'UNAUTHENTICATED');
      }
      expectError(await t.http.get('/api/me').set('Authorization', s.accessToken), 401, 'UNAUTHENTICATED');
      await t.http.get('/api/me').set(s.auth).expect(200);
    });

    it('a disabled account cannot log in, and its open sessions stop at once', async () => {
      const s = await login(t, 'committeeA');
      await t.ds.query('UPDATE users SET disabled = ? WHERE username = ?', [true, 'committeeA']);
      try {
        expectError(await t.http.get('/api/me').set(s.auth), 401, 'UNAUTHENTICATED');
        expectError(await t.http.post('/api/auth/login').send({ username: 'committeeA', password: t.county.password }), 403, 'ACCOUNT_DISABLED');
      } finally {
        await t.ds.query('UPDATE users SET disabled = ? WHERE username = ?', [false, 'committeeA']);
      }
    });

    it('a role taken away takes effect at once, not when the token expires', async () => {
      const s = await login(t, 'committeeB');
      expect((await t.http.get('/api/organizations').set(s.auth)).status).toBe(200);
      const [ra] = await t.ds.query('SELECT id, role, org_id, created_at FROM role_assignments WHERE user_id = ?', [t.county.users.committeeB]);
      await t.ds.query('DELETE FROM role_assignments WHERE id = ?', [ra.id]);
      try {
        expectError(await t.http.get('/api/organizations').set(s.auth), 403, 'FORBIDDEN');
        expect((await t.http.get('/api/me').set(s.auth)).body.roles).toEqual([]);
      } finally {
        await t.ds.query('INSERT INTO role_assignments (id, user_id, role, org_id, created_at) VALUES (?, ?, ?, ?, ?)', [ra.id, t.county.users.committeeB, ra.role, ra.org_id, ra.created_at]);
      }
      expect((await t.http.get('/api/organizations').set(s.auth)).status).toBe(200);
    });

    it('a session past its absolute end, or a refresh token past its own, is refused', async () => {
      const s = await login(t, 'county');
      const sid = claimsOf(s.accessToken).sid;
      const past = new Date(Date.now() - 60_000);
      await t.ds.createQueryBuilder().update('refresh_tokens').set({ expiresAt: past }).where('session_id = :sid', { sid }).execute();
      expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken }), 401, 'REFRESH_TOKEN_INVALID');
      // An expired refresh token is not a stolen one: the session lives on until its own end.
      await t.http.get('/api/me').set(s.auth).expect(200);
      await t.ds.createQueryBuilder().update('sessions').set({ expiresAt: past }).where('id = :sid', { sid }).execute();
      expectError(await t.http.get('/api/me').set(s.auth), 401, 'UNAUTHENTICATED');
    });

    it('requires a token everywhere but public routes', async () => {
      expectError(await t.http.get('/api/me'), 401, 'UNAUTHENTICATED');
      await t.http.get('/api/health').expect(200);
    });
  });
});
