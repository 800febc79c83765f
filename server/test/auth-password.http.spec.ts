import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTotp, passwordStep, sessionOf, totpCode } from './support/account';
import { auditSince, expectError, lastAuditId, login, type Session } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

const change = (t: TestApp, s: Session, currentPassword: string, newPassword: string) =>
  t.http.post('/api/auth/password').set(s.auth).send({ currentPassword, newPassword });

const hashOf = async (t: TestApp, username: string): Promise<string> => (await t.ds.query('SELECT password_hash AS h FROM users WHERE username = ?', [username]))[0].h;

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);

/** The fixture's other members log in by mobile number; these tests name a few. */
async function startWithNamedMembers(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp(env);
  for (const name of ['memberA2', 'memberAG1', 'retiredB1']) {
    await t.ds.createQueryBuilder().update('users').set({ username: name }).where('member_id = :id', { id: t.county.members[name] }).execute();
  }
  return t;
}

describe('passwords under SECURITY_PROFILE=asvs (the default)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startWithNamedMembers()));
  afterAll(() => t.close());

  it('publishes the policy: 12–128 characters, no composition rule, no rotation, no history', async () => {
    const res = await t.http.get('/api/auth/password-policy').expect(200);
    expect(res.body).toEqual({ profile: 'asvs', minLength: 12, maxLength: 128, requiredClasses: 0, maxAgeDays: null, historySize: 0, lockout: { maxFailures: 5, seconds: 900 } });
  });

  it('refuses weak passwords with every reason, and changes nothing', async () => {
    const s = await login(t, 'memberA1');
    const before = await hashOf(t, 'memberA1');
    const audit = await lastAuditId(t.ds);
    const cases: [string, string[]][] = [
      ['short-pass1', ['TOO_SHORT']],
      ['x'.repeat(129), ['TOO_LONG']],
      ['password1234', ['COMMON_PASSWORD']],
      ['qwertyuiop123', ['COMMON_PASSWORD']],
      ['Password2026!', ['COMMON_PASSWORD']],
      ['!!Iloveyou!!2026', ['COMMON_PASSWORD']],
      ['my name is memberA1 ok', ['CONTAINS_USERNAME']],
      ['Demo-2026-zhdj', ['DEMO_PASSWORD']],
      ['demo_2027_ZHDJ', ['DEMO_PASSWORD']],
      ['Demo26zhdj', ['TOO_SHORT', 'DEMO_PASSWORD']],
    ];
    for (const [password, reasons] of cases) {
      const res = await change(t, s, t.county.password, password);
      expectError(res, 400, 'PASSWORD_TOO_WEAK');
      expect(res.body.details, password).toEqual({ reasons });
      expect(JSON.stringify(res.body)).not.toContain(password);
    }
    expectError(await change(t, s, t.county.password, 'x'.repeat(257)), 400, 'VALIDATION_FAILED');
    expectError(await t.http.post('/api/auth/password').set(s.auth).send({ newPassword: 'a fine long passphrase' }), 400, 'VALIDATION_FAILED');
    expect(await hashOf(t, 'memberA1')).toBe(before);
    expect(await auditSince(t.ds, audit)).toEqual([]);
  });

  it('needs the current password; a wrong one is refused with 403 (never 401), counted and recorded', async () => {
    const s = await login(t, 'memberA2');
    const before = await lastAuditId(t.ds);
    expectError(await change(t, s, 'not-the-password-1', 'a fine long passphrase'), 403, 'PASSWORD_INCORRECT');
    const [row] = await t.ds.query('SELECT failed_logins AS n FROM users WHERE username = ?', ['memberA2']);
    expect(Number(row.n)).toBe(1);
    expect((await auditSince(t.ds, before)).map((a) => [a.action, JSON.parse(a.detail!).reason])).toEqual([['auth.loginFailed', 'badPassword']]);
    await t.http.get('/api/me').set(s.auth).expect(200);
  });

  it('accepts length without composition; ends the other sessions, keeps this one; audited without the password', async () => {
    const s = await login(t, 'memberA2');
    const other = await login(t, 'memberA2');
    const before = await lastAuditId(t.ds);
    const res = await change(t, s, t.county.password, 'correct horse battery staple').expect(200);
    expect(res.body.endedSessions).toBeGreaterThanOrEqual(1);
    expectError(await t.http.get('/api/me').set(other.auth), 401, 'UNAUTHENTICATED');
    expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: other.refreshToken }), 401, 'REFRESH_TOKEN_INVALID');
    await t.http.get('/api/me').set(s.auth).expect(200);
    expectError(await t.http.post('/api/auth/login').send({ username: 'memberA2', password: t.county.password }), 401, 'INVALID_CREDENTIALS');
    await login(t, 'memberA2', 'correct horse battery staple');
    const audit = await auditSince(t.ds, before);
    expect(audit.map((a) => a.action)).toEqual(['auth.passwordChanged', 'auth.loginFailed', 'auth.login']);
    expect(JSON.parse(audit[0].detail!)).toEqual({ via: 'self', endedSessions: res.body.endedSessions });
    expect(JSON.stringify(audit)).not.toMatch(/horse|Fixture/);
    expect(Number((await t.ds.query('SELECT failed_logins AS n FROM users WHERE username = ?', ['memberA2']))[0].n)).toBe(0);
  });

  it('a password the user never chose (issued by an administrator, no change date) must be replaced even without rotation', async () => {
    await t.ds.createQueryBuilder().update('users').set({ passwordChangedAt: null }).where('username = :u', { u: 'memberB1' }).execute();
    const res = await t.http.post('/api/auth/login').send({ username: 'memberB1', password: t.county.password });
    expectError(res, 403, 'PASSWORD_EXPIRED');
    expect(res.body.details).toMatchObject({ reason: 'issued' });
    const done = await t.http.post('/api/auth/password/expired').send({ changeToken: res.body.details.changeToken, newPassword: 'my own words for a password' }).expect(200);
    expect(done.body.user.username).toBe('memberB1');
    await login(t, 'memberB1', 'my own words for a password');
  });

  it('has no history rule and no forced rotation', async () => {
    const s = await login(t, 'memberA2', 'correct horse battery staple');
    await change(t, s, 'correct horse battery staple', t.county.password).expect(200);
    await t.ds.createQueryBuilder().update('users').set({ passwordChangedAt: daysAgo(400) }).where('username = :u', { u: 'memberA2' }).execute();
    await login(t, 'memberA2');
  });
});

describe('passwords under SECURITY_PROFILE=mlps3 (等保 2.0 level 3)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startWithNamedMembers({ SECURITY_PROFILE: 'mlps3' })));
  afterAll(() => t.close());

  it('publishes the policy: 8+ characters of three classes, 90-day rotation, last 5 not reused, 5 failures lock for 10 minutes', async () => {
    const res = await t.http.get('/api/auth/password-policy').expect(200);
    expect(res.body).toEqual({ profile: 'mlps3', minLength: 8, maxLength: 128, requiredClasses: 3, maxAgeDays: 90, historySize: 5, lockout: { maxFailures: 5, seconds: 600 } });
  });

  it('needs three of upper, lower, digit, symbol; accepts 8 characters', async () => {
    const s = await login(t, 'memberA1');
    const cases: [string, string[]][] = [
      ['Ab3$efg', ['TOO_SHORT']],
      ['alllowercaseletters', ['TOO_FEW_CLASSES']],
      ['lowerdigits42', ['TOO_FEW_CLASSES']],
      ['ALLUPPER-WITH-SYMBOLS', ['TOO_FEW_CLASSES']],
      ['Password1!', ['COMMON_PASSWORD']],
      ['Xx-memberA1', ['CONTAINS_USERNAME']],
    ];
    for (const [password, reasons] of cases) {
      const res = await change(t, s, t.county.password, password);
      expectError(res, 400, 'PASSWORD_TOO_WEAK');
      expect(res.body.details, password).toEqual({ reasons });
    }
    await change(t, s, t.county.password, 'Kq7#vbnz').expect(200);
    // …and, under this profile, not the previous one back.
    expectError(await change(t, s, 'Kq7#vbnz', t.county.password), 400, 'PASSWORD_REUSED');
  });

  it('refuses any of the last five passwords, the current one included; the sixth-oldest is allowed again', async () => {
    const s = await login(t, 'memberA2');
    const passwords = ['Rotation-one-1', 'Rotation-two-2', 'Rotation-three-3', 'Rotation-four-4'];
    let current = t.county.password;
    for (const p of passwords) {
      await change(t, s, current, p).expect(200);
      current = p;
    }
    // Now the last five are: the fixture password and the four above.
    const before = await hashOf(t, 'memberA2');
    for (const p of [t.county.password, ...passwords]) {
      const res = await change(t, s, current, p);
      expectError(res, 400, 'PASSWORD_REUSED');
      expect(res.body.details).toEqual({ historySize: 5 });
    }
    expect(await hashOf(t, 'memberA2')).toBe(before);
    await change(t, s, current, 'Rotation-five-5').expect(200);
    // The fixture password has dropped out of the last five.
    await change(t, s, 'Rotation-five-5', t.county.password).expect(200);
  });

  it('locks after five failures for ten minutes', async () => {
    for (let i = 0; i < 4; i++) expectError(await t.http.post('/api/auth/login').send({ username: 'retiredB1', password: 'Wrong-pass-1' }), 401, 'INVALID_CREDENTIALS');
    const res = await t.http.post('/api/auth/login').send({ username: 'retiredB1', password: 'Wrong-pass-1' });
    expectError(res, 423, 'ACCOUNT_LOCKED');
    const until = new Date(res.body.details.lockedUntil).getTime();
    expect(until - Date.now()).toBeGreaterThan(590_000);
    expect(until - Date.now()).toBeLessThanOrEqual(600_000);
  });

  describe('a password older than 90 days', () => {
    it('89 days old still logs in', async () => {
      await t.ds.createQueryBuilder().update('users').set({ passwordChangedAt: daysAgo(89) }).where('username = :u', { u: 'memberAG1' }).execute();
      await login(t, 'memberAG1');
    });

    it('is refused at login with 403 PASSWORD_EXPIRED and a change-only path; the new password must meet the rules; then the login completes', async () => {
      const other = await login(t, 'memberAG1');
      await t.ds.createQueryBuilder().update('users').set({ passwordChangedAt: daysAgo(91) }).where('username = :u', { u: 'memberAG1' }).execute();
      const sessions = Number((await t.ds.query('SELECT COUNT(*) AS n FROM sessions'))[0].n);
      const expired = await t.http.post('/api/auth/login').send({ username: 'memberAG1', password: t.county.password });
      expectError(expired, 403, 'PASSWORD_EXPIRED');
      expect(expired.body.details).toEqual({ changeToken: expect.any(String), expiresIn: 600, reason: 'expired' });
      expect(expired.body.accessToken).toBeUndefined();
      expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM sessions'))[0].n)).toBe(sessions);
      const changeToken = expired.body.details.changeToken as string;
      // The change token opens nothing but the change.
      expectError(await t.http.get('/api/me').set('Authorization', `Bearer ${changeToken}`), 401, 'UNAUTHENTICATED');
      expectError(await t.http.post('/api/auth/login/mfa').send({ mfaToken: changeToken, code: '123456' }), 401, 'MFA_TOKEN_INVALID');

      const refuse = async (newPassword: string, code: string) => {
        const res = await t.http.post('/api/auth/password/expired').send({ changeToken, newPassword });
        expectError(res, 400, code);
        return res;
      };
      expect((await refuse('short1A', 'PASSWORD_TOO_WEAK')).body.details).toEqual({ reasons: ['TOO_SHORT'] });
      await refuse(t.county.password, 'PASSWORD_REUSED');
      expectError(await t.http.post('/api/auth/password/expired').send({ changeToken: 'forged.token.value', newPassword: 'Fresh-start-91' }), 401, 'PASSWORD_CHANGE_TOKEN_INVALID');

      const before = await lastAuditId(t.ds);
      const done = await t.http.post('/api/auth/password/expired').send({ changeToken, newPassword: 'Fresh-start-91' }).expect(200);
      await t.http.get('/api/me').set(sessionOf(done.body).auth).expect(200);
      expect((await auditSince(t.ds, before)).map((a) => a.action)).toEqual(['auth.passwordChanged', 'auth.login']);
      // Sessions from before the change are ended; the token was good for one change only.
      expectError(await t.http.get('/api/me').set(other.auth), 401, 'UNAUTHENTICATED');
      expectError(await t.http.post('/api/auth/password/expired').send({ changeToken, newPassword: 'Another-start-92' }), 401, 'PASSWORD_CHANGE_TOKEN_INVALID');
      await login(t, 'memberAG1', 'Fresh-start-91');
    });

    it('with TOTP, the code comes first: the expiry is only revealed to someone who passed every factor', async () => {
      const s = await login(t, 'branchA1');
      const { secret } = await enrolTotp(t, s.auth);
      await t.ds.createQueryBuilder().update('users').set({ passwordChangedAt: daysAgo(120) }).where('username = :u', { u: 'branchA1' }).execute();
      const mfaToken = await passwordStep(t, 'branchA1');
      const res = await t.http.post('/api/auth/login/mfa').send({ mfaToken, code: totpCode(secret, 1) });
      expectError(res, 403, 'PASSWORD_EXPIRED');
      const done = await t.http.post('/api/auth/password/expired').send({ changeToken: res.body.details.changeToken, newPassword: 'After-the-code-7' }).expect(200);
      expect(done.body.accessToken).toBeTypeOf('string');
    });
  });
});
