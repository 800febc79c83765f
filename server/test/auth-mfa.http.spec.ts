import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordService } from '../src/auth/password.service';
import { SecretBox } from '../src/auth/secret-box';
import { IdNumberCipher } from '../src/common/crypto/id-number-cipher';
import { claimsOf, enrolTotp, passwordStep, sessionOf, totpCode } from './support/account';
import { auditSince, expectError, lastAuditId, login } from './support/http';
import { startTestApp, tableCounts, type TestApp } from './support/test-app';

const mfa = (t: TestApp, body: object) => t.http.post('/api/auth/login/mfa').send(body);

describe('TOTP for administrators (optional: MFA_REQUIRED_FOR_ADMINS off)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ LOGIN_LOCKOUT_SECONDS: '600' })));
  afterAll(() => t.close());

  it('is for administrators: a member may not enrol', async () => {
    const s = await login(t, 'memberA1');
    expect((await t.http.get('/api/auth/mfa').set(s.auth).expect(200)).body).toEqual({
      totpEnabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
      available: false,
      required: false,
    });
    expectError(await t.http.post('/api/auth/mfa/totp/setup').set(s.auth), 403, 'FORBIDDEN');
    expectError(await t.http.post('/api/auth/mfa/totp/confirm').set(s.auth).send({ code: '123456' }), 403, 'FORBIDDEN');
  });

  it('enrols with a QR code and a confirming code; the secret is encrypted at rest with its own key; 10 recovery codes are shown once and stored hashed', async () => {
    const s = await login(t, 'committeeA');
    const before = await lastAuditId(t.ds);
    const setup = await t.http.post('/api/auth/mfa/totp/setup').set(s.auth).expect(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.body as { secret: string; otpauthUrl: string; qrDataUrl: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('智慧党建');
    expect(decodeURIComponent(url.pathname)).toContain('committeeA');
    expect(qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrDataUrl.split(',')[1], 'base64').toString()).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);

    // Pending until confirmed, and never stored in the clear.
    const [pending] = await t.ds.query('SELECT secret_enc, pending_enc, enabled_at FROM user_totp WHERE user_id = ?', [t.county.users.committeeA]);
    expect(pending).toMatchObject({ secret_enc: null, enabled_at: null, pending_enc: expect.stringMatching(/^v1:/) });
    expect(pending.pending_enc).not.toContain(secret);
    expect(t.app.get(SecretBox).decryptTotp(pending.pending_enc)).toBe(secret);
    expect(() => t.app.get(IdNumberCipher).decrypt(pending.pending_enc)).toThrow();

    // A wrong code changes nothing.
    const wrong = totpCode(secret) === '000000' ? '111111' : '000000';
    expectError(await t.http.post('/api/auth/mfa/totp/confirm').set(s.auth).send({ code: wrong }), 400, 'MFA_CODE_INVALID');
    expectError(await t.http.post('/api/auth/mfa/totp/confirm').set(s.auth).send({ code: '12345' }), 400, 'VALIDATION_FAILED');
    expect((await t.http.get('/api/auth/mfa').set(s.auth).expect(200)).body.totpEnabled).toBe(false);

    const confirmed = await t.http.post('/api/auth/mfa/totp/confirm').set(s.auth).send({ code: totpCode(secret) }).expect(200);
    const codes = confirmed.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored: { code_hash: string }[] = await t.ds.query('SELECT code_hash FROM recovery_codes WHERE user_id = ?', [t.county.users.committeeA]);
    expect(stored).toHaveLength(10);
    for (const r of stored) {
      expect(r.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(codes.map((c) => c.replace('-', ''))).not.toContain(r.code_hash);
    }
    const [enabled] = await t.ds.query('SELECT secret_enc, pending_enc, enabled_at FROM user_totp WHERE user_id = ?', [t.county.users.committeeA]);
    expect(enabled).toMatchObject({ secret_enc: pending.pending_enc, pending_enc: null, enabled_at: expect.anything() });
    expect((await t.http.get('/api/auth/mfa').set(s.auth).expect(200)).body).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10, available: true, required: false });

    // Enrolling again needs TOTP off first.
    expectError(await t.http.post('/api/auth/mfa/totp/setup').set(s.auth), 409, 'MFA_ALREADY_ENABLED');

    const audit = await auditSince(t.ds, before);
    expect(audit.map((a) => a.action)).toEqual(['auth.mfa.setup', 'auth.mfa.enabled']);
    const text = JSON.stringify(audit);
    expect(text).not.toContain(secret);
    for (const c of codes) expect(text).not.toContain(c);
  });

  describe('login in two steps', () => {
    let secret: string;
    let recoveryCodes: string[];
    beforeAll(async () => ({ secret, recoveryCodes } = await enrolTotp(t, (await login(t, 'branchA1')).auth)));

    it('the password alone gives a challenge, not a session; the challenge token opens nothing else', async () => {
      const mfaToken = await passwordStep(t, 'branchA1');
      expectError(await t.http.get('/api/me').set('Authorization', `Bearer ${mfaToken}`), 401, 'UNAUTHENTICATED');
      expectError(await t.http.post('/api/auth/refresh').send({ refreshToken: mfaToken.slice(0, 200) }), 401, 'REFRESH_TOKEN_INVALID');
      expect(claimsOf(mfaToken)).toMatchObject({ sub: String(t.county.users.branchA1), aud: 'zhdj-web:mfa' });
      expect(claimsOf(mfaToken).exp as number).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 300);
    });

    it('a current code completes the login; the same code is not accepted twice', async () => {
      const code = totpCode(secret, 1);
      const before = await lastAuditId(t.ds);
      const res = await mfa(t, { mfaToken: await passwordStep(t, 'branchA1'), code }).expect(200);
      const s = sessionOf(res.body);
      expect(res.body.user.username).toBe('branchA1');
      await t.http.get('/api/organizations').set(s.auth).expect(200);
      expect((await auditSince(t.ds, before)).map((a) => [a.action, a.detail && JSON.parse(a.detail).mfa])).toEqual([['auth.login', 'totp']]);
      // Replayed (even with a fresh challenge): refused and counted.
      expectError(await mfa(t, { mfaToken: await passwordStep(t, 'branchA1'), code }), 401, 'MFA_CODE_INVALID');
      await t.ds.query('UPDATE users SET failed_logins = 0 WHERE id = ?', [t.county.users.branchA1]);
    });

    it('a recovery code completes the login once', async () => {
      const [code] = recoveryCodes;
      const before = await lastAuditId(t.ds);
      const res = await mfa(t, { mfaToken: await passwordStep(t, 'branchA1'), recoveryCode: code.toUpperCase() }).expect(200);
      await t.http.get('/api/me').set(sessionOf(res.body).auth).expect(200);
      const audit = await auditSince(t.ds, before);
      expect(audit.map((a) => a.action)).toEqual(['auth.login']);
      expect(JSON.parse(audit[0].detail!)).toMatchObject({ mfa: 'recoveryCode', recoveryCodesLeft: 9 });
      expectError(await mfa(t, { mfaToken: await passwordStep(t, 'branchA1'), recoveryCode: code }), 401, 'MFA_CODE_INVALID');
      const used = await t.ds.query('SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NOT NULL', [t.county.users.branchA1]);
      expect(Number(used[0].n)).toBe(1);
      await t.ds.query('UPDATE users SET failed_logins = 0 WHERE id = ?', [t.county.users.branchA1]);
    });

    it('another user’s recovery code does not work', async () => {
      const other = await enrolTotp(t, (await login(t, 'sysadmin')).auth);
      expectError(await mfa(t, { mfaToken: await passwordStep(t, 'branchA1'), recoveryCode: other.recoveryCodes[0] }), 401, 'MFA_CODE_INVALID');
      await t.ds.query('UPDATE users SET failed_logins = 0 WHERE id = ?', [t.county.users.branchA1]);
    });

    it('refuses a malformed second step, and tokens that are not a live challenge for this user', async () => {
      const mfaToken = await passwordStep(t, 'branchA1');
      const counts = await tableCounts(t.ds, ['sessions', 'refresh_tokens']);
      expectError(await mfa(t, { mfaToken }), 400, 'VALIDATION_FAILED');
      expectError(await mfa(t, { mfaToken, code: totpCode(secret), recoveryCode: recoveryCodes[1] }), 400, 'VALIDATION_FAILED');
      expectError(await mfa(t, { mfaToken, code: 'abcdef' }), 400, 'VALIDATION_FAILED');
      expectError(await mfa(t, { mfaToken, code: '123456', extra: 1 }), 400, 'VALIDATION_FAILED');
      const access = (await login(t, 'memberA1')).accessToken;
      const counted = await tableCounts(t.ds, ['sessions', 'refresh_tokens']);
      for (const bad of [access, mfaToken.slice(0, -2) + (mfaToken.endsWith('AA') ? 'BB' : 'AA'), 'not-a-token']) {
        expectError(await mfa(t, { mfaToken: bad, code: totpCode(secret) }), 401, 'MFA_TOKEN_INVALID');
      }
      // A challenge earned before the password changed is dead once it changes.
      await t.ds.query('UPDATE users SET password_hash = ? WHERE id = ?', [await hashOf(t, 'Another-passphrase-2026'), t.county.users.branchA1]);
      expectError(await mfa(t, { mfaToken, code: totpCode(secret) }), 401, 'MFA_TOKEN_INVALID');
      await t.ds.query('UPDATE users SET password_hash = ? WHERE id = ?', [await hashOf(t, t.county.password), t.county.users.branchA1]);
      expect(await tableCounts(t.ds, ['sessions', 'refresh_tokens'])).toEqual(counted);
      expect(counted.sessions).toBe(counts.sessions + 1);
    });

    it('wrong codes count towards the lock-out, and a new password step does not reset the count', async () => {
      const wrong = (token: string) => mfa(t, { mfaToken: token, code: totpCode(secret) === '999999' ? '888888' : '999999' });
      const before = await lastAuditId(t.ds);
      let token = await passwordStep(t, 'branchA1');
      for (let i = 0; i < 2; i++) expectError(await wrong(token), 401, 'MFA_CODE_INVALID');
      token = await passwordStep(t, 'branchA1');
      for (let i = 0; i < 2; i++) expectError(await wrong(token), 401, 'MFA_CODE_INVALID');
      const fifth = await wrong(token);
      expectError(fifth, 423, 'ACCOUNT_LOCKED');
      // Locked: neither the right code nor the right password gets in.
      expectError(await mfa(t, { mfaToken: token, code: totpCode(secret, 1) }), 423, 'ACCOUNT_LOCKED');
      expectError(await t.http.post('/api/auth/login').send({ username: 'branchA1', password: t.county.password }), 423, 'ACCOUNT_LOCKED');
      const audit = await auditSince(t.ds, before);
      expect(audit.filter((a) => a.action === 'auth.loginFailed' && JSON.parse(a.detail!).reason === 'badMfaCode')).toHaveLength(5);
      expect(audit.filter((a) => a.action === 'auth.locked')).toHaveLength(1);
      await t.ds.query('UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE id = ?', [t.county.users.branchA1]);
    });
  });

  describe('turning it off', () => {
    let secret: string;
    let auth: { Authorization: string };
    beforeAll(async () => {
      const s = await login(t, 'committeeB');
      auth = s.auth;
      ({ secret } = await enrolTotp(t, auth));
    });

    it('needs a current code or the password; wrong ones are refused, counted, and change nothing', async () => {
      const before = await lastAuditId(t.ds);
      expectError(await t.http.post('/api/auth/mfa/totp/disable').set(auth).send({}), 400, 'VALIDATION_FAILED');
      expectError(await t.http.post('/api/auth/mfa/totp/disable').set(auth).send({ code: '123456', password: t.county.password }), 400, 'VALIDATION_FAILED');
      expectError(await t.http.post('/api/auth/mfa/totp/disable').set(auth).send({ password: 'not-the-password-1' }), 403, 'PASSWORD_INCORRECT');
      expectError(await t.http.post('/api/auth/mfa/totp/disable').set(auth).send({ code: totpCode(secret) === '000000' ? '111111' : '000000' }), 403, 'MFA_CODE_INVALID');
      const [row] = await t.ds.query('SELECT failed_logins AS n FROM users WHERE id = ?', [t.county.users.committeeB]);
      expect(Number(row.n)).toBe(2);
      expect((await t.http.get('/api/auth/mfa').set(auth).expect(200)).body.totpEnabled).toBe(true);
      expect((await auditSince(t.ds, before)).map((a) => a.action)).toEqual(['auth.loginFailed', 'auth.loginFailed']);
    });

    it('with a current code: TOTP and the recovery codes are gone, and the login is one step again', async () => {
      const before = await lastAuditId(t.ds);
      await t.http.post('/api/auth/mfa/totp/disable').set(auth).send({ code: totpCode(secret, 1) }).expect(204);
      expect(await auditSince(t.ds, before)).toEqual([expect.objectContaining({ action: 'auth.mfa.disabled', detail: JSON.stringify({ by: 'code' }) })]);
      expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ?', [t.county.users.committeeB]))[0].n)).toBe(0);
      expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM user_totp WHERE user_id = ?', [t.county.users.committeeB]))[0].n)).toBe(0);
      const res = await t.http.post('/api/auth/login').send({ username: 'committeeB', password: t.county.password }).expect(200);
      expect(res.body.accessToken).toBeTypeOf('string');
      expectError(await t.http.post('/api/auth/mfa/totp/disable').set(auth).send({ password: t.county.password }), 409, 'MFA_NOT_ENABLED');
    });

    it('with the password, after enrolling again; recovery codes can be replaced with a code', async () => {
      const again = await enrolTotp(t, auth);
      const fresh = await t.http.post('/api/auth/mfa/recovery-codes').set(auth).send({ code: totpCode(again.secret, 1) }).expect(200);
      expect(fresh.body.recoveryCodes).toHaveLength(10);
      // The old set no longer works; the new one does.
      expectError(await mfa(t, { mfaToken: await passwordStep(t, 'committeeB'), recoveryCode: again.recoveryCodes[0] }), 401, 'MFA_CODE_INVALID');
      await mfa(t, { mfaToken: await passwordStep(t, 'committeeB'), recoveryCode: fresh.body.recoveryCodes[0] }).expect(200);
      await t.http.post('/api/auth/mfa/totp/disable').set(auth).send({ password: t.county.password }).expect(204);
      await t.ds.query('UPDATE users SET failed_logins = 0 WHERE id = ?', [t.county.users.committeeB]);
    });
  });
});

describe('TOTP made mandatory for administrators (MFA_REQUIRED_FOR_ADMINS=true)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ MFA_REQUIRED_FOR_ADMINS: 'true' })));
  afterAll(() => t.close());

  it('an administrator without TOTP gets an enrolment-only session until enrolled', async () => {
    const s = await login(t, 'committeeA');
    expect(s.body.user as object).toMatchObject({ username: 'committeeA', mfaEnrolmentRequired: true });
    // Nothing but enrolment, who-am-I and logout.
    expectError(await t.http.get('/api/organizations').set(s.auth), 403, 'MFA_ENROLMENT_REQUIRED');
    expectError(await t.http.get('/api/auth/sessions').set(s.auth), 403, 'MFA_ENROLMENT_REQUIRED');
    expectError(await t.http.post('/api/auth/password').set(s.auth).send({ currentPassword: t.county.password, newPassword: 'a brand new passphrase' }), 403, 'MFA_ENROLMENT_REQUIRED');
    expect((await t.http.get('/api/me').set(s.auth).expect(200)).body.mfaEnrolmentRequired).toBe(true);
    expect((await t.http.get('/api/auth/mfa').set(s.auth).expect(200)).body).toMatchObject({ totpEnabled: false, required: true, available: true });

    const setup = await t.http.post('/api/auth/mfa/totp/setup').set(s.auth).expect(200);
    await t.http.post('/api/auth/mfa/totp/confirm').set(s.auth).send({ code: totpCode(setup.body.secret) }).expect(200);
    // The same session now has full access.
    await t.http.get('/api/organizations').set(s.auth).expect(200);
    expect((await t.http.get('/api/me').set(s.auth).expect(200)).body.mfaEnrolmentRequired).toBeUndefined();
    // The next login asks for the code.
    const token = await passwordStep(t, 'committeeA');
    const res = await mfa(t, { mfaToken: token, code: authenticator.clone({ epoch: Date.now() + 30_000 }).generate(setup.body.secret) }).expect(200);
    expect(res.body.user.mfaEnrolmentRequired).toBeUndefined();
  });

  it('logout works during enrolment; a refreshed enrolment-only session stays enrolment-only', async () => {
    const s = await login(t, 'county');
    const r = await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    expect(r.body.user.mfaEnrolmentRequired).toBe(true);
    expectError(await t.http.get('/api/organizations').set('Authorization', `Bearer ${r.body.accessToken}`), 403, 'MFA_ENROLMENT_REQUIRED');
    await t.http.post('/api/auth/logout').set('Authorization', `Bearer ${r.body.accessToken}`).expect(204);
  });

  it('turning TOTP off puts an administrator back on the enrolment-only path', async () => {
    const s = await login(t, 'branchA1');
    const { secret } = await enrolTotp(t, s.auth);
    await t.http.get('/api/organizations').set(s.auth).expect(200);
    await t.http.post('/api/auth/mfa/totp/disable').set(s.auth).send({ code: totpCode(secret, 1) }).expect(204);
    expectError(await t.http.get('/api/organizations').set(s.auth), 403, 'MFA_ENROLMENT_REQUIRED');
  });

  it('members are not affected', async () => {
    const s = await login(t, 'memberA1');
    expect((s.body.user as { mfaEnrolmentRequired?: boolean }).mfaEnrolmentRequired).toBeUndefined();
    await t.http.get('/api/auth/sessions').set(s.auth).expect(200);
  });
});

function hashOf(t: TestApp, password: string): Promise<string> {
  return t.app.get(PasswordService).hash(password);
}
