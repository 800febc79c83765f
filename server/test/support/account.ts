import { authenticator } from 'otplib';
import { expect } from 'vitest';
import { login, type Session } from './http';
import type { TestApp } from './test-app';

/** A TOTP code for the secret at a moment `offsetSteps` 30-second steps from now (the server accepts ±1). */
export function totpCode(secret: string, offsetSteps = 0): string {
  return authenticator.clone({ epoch: Date.now() + offsetSteps * 30_000 }).generate(secret);
}

/** Enrols TOTP for a signed-in administrator; returns the secret and the recovery codes. */
export async function enrolTotp(t: TestApp, auth: { Authorization: string }): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await t.http.post('/api/auth/mfa/totp/setup').set(auth).expect(200);
  const confirmed = await t.http.post('/api/auth/mfa/totp/confirm').set(auth).send({ code: totpCode(setup.body.secret) }).expect(200);
  return { secret: setup.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

/** The first login step for an account with TOTP: asserts the challenge and returns its token. */
export async function passwordStep(t: TestApp, username: string, password = t.county.password): Promise<string> {
  const res = await t.http.post('/api/auth/login').send({ username, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), expiresIn: 300 });
  return res.body.mfaToken as string;
}

export function sessionOf(body: Record<string, unknown>): Session {
  const accessToken = body.accessToken as string;
  return { accessToken, refreshToken: body.refreshToken as string, auth: { Authorization: `Bearer ${accessToken}` }, body };
}

export const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

export { login };
