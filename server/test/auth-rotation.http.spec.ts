import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.factory';
import { keyIdOf } from '../src/auth/token.service';
import type { AppConfig } from '../src/config/app.config';
import { claimsOf } from './support/account';
import { expectError, login } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

const secret = () => randomBytes(32).toString('base64url');

/**
 * JWT key rotation: every token names its key (`kid`); JWT_SECRET signs and JWT_PREVIOUS_SECRETS still verify.
 * The app is restarted on the same database with rotated configuration, as an operator would.
 */
describe('JWT key rotation', () => {
  const old = secret();
  const current = secret();
  const retired = secret();
  let t: TestApp;
  let rotated: NestFastifyApplication;
  let afterRetirement: NestFastifyApplication;

  beforeAll(async () => {
    t = await startTestApp({ JWT_SECRET: old });
    const restart = async (auth: Partial<AppConfig['auth']>) => {
      const app = await createApp({ ...t.config, auth: { ...t.config.auth, ...auth } }, { logger: ['error'], serveWeb: false });
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      return app;
    };
    rotated = await restart({ jwtSecret: current, jwtPreviousSecrets: [old] });
    afterRetirement = await restart({ jwtSecret: current, jwtPreviousSecrets: [] });
  });
  afterAll(async () => {
    await rotated.close();
    await afterRetirement.close();
    await t.close();
  });

  const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
  const sign = (app: NestFastifyApplication, key: string, claims: { sub: unknown; sid: unknown }, kid: string | undefined) =>
    app.get(JwtService).signAsync(
      { sid: claims.sid },
      { secret: key, algorithm: 'HS256', subject: String(claims.sub), issuer: 'zhdj', audience: 'zhdj-web', expiresIn: 60, ...(kid ? { keyid: kid } : {}) },
    );

  it('tokens carry the kid of the key that signed them, and the key id reveals nothing of the secret', async () => {
    const s = await login(t, 'county');
    expect(header(s.accessToken)).toEqual({ alg: 'HS256', typ: 'JWT', kid: keyIdOf(old) });
    expect(keyIdOf(old)).not.toBe(keyIdOf(current));
    expect(keyIdOf(old)).not.toContain(old.slice(0, 8));
    const fresh = await request(rotated.getHttpServer()).post('/api/auth/login').send({ username: 'county', password: t.county.password }).expect(200);
    expect(header(fresh.body.accessToken).kid).toBe(keyIdOf(current));
  });

  it('after rotation, a token signed with the previous secret still works; new tokens use the new one; refresh tokens are unaffected', async () => {
    const s = await login(t, 'committeeA');
    const http = request(rotated.getHttpServer());
    expect((await http.get('/api/me').set(s.auth).expect(200)).body.username).toBe('committeeA');
    const next = await http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    expect(header(next.body.accessToken).kid).toBe(keyIdOf(current));
    await http.get('/api/me').set('Authorization', `Bearer ${next.body.accessToken}`).expect(200);
    // The old instance does not know the new key (a rolling deploy adds the new secret as "previous" first).
    expectError(await t.http.get('/api/me').set('Authorization', `Bearer ${next.body.accessToken}`), 401, 'UNAUTHENTICATED');
  });

  it('once the previous secret is retired, tokens it signed are refused — but the session lives on through its refresh token', async () => {
    const s = await login(t, 'branchA1');
    const http = request(afterRetirement.getHttpServer());
    expectError(await http.get('/api/me').set(s.auth), 401, 'UNAUTHENTICATED');
    const next = await http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    await http.get('/api/me').set('Authorization', `Bearer ${next.body.accessToken}`).expect(200);
  });

  it('refuses a wrong kid, a missing kid, an unknown kid, and a retired secret', async () => {
    const s = await login(t, 'county');
    const { sub, sid } = claimsOf(s.accessToken);
    const claims = { sub, sid };
    const http = request(rotated.getHttpServer());
    const bad = [
      await sign(rotated, old, claims, keyIdOf(current)), // signed with the old key, claiming the new one
      await sign(rotated, current, claims, keyIdOf(old)), // and the reverse
      await sign(rotated, current, claims, undefined),
      await sign(rotated, current, claims, 'no-such-key'),
      await sign(rotated, retired, claims, keyIdOf(retired)),
    ];
    for (const token of bad) expectError(await http.get('/api/me').set('Authorization', `Bearer ${token}`), 401, 'UNAUTHENTICATED');
    // The same claims, properly signed with either configured key, are accepted.
    await http.get('/api/me').set('Authorization', `Bearer ${await sign(rotated, current, claims, keyIdOf(current))}`).expect(200);
    await http.get('/api/me').set('Authorization', `Bearer ${await sign(rotated, old, claims, keyIdOf(old))}`).expect(200);
  });
});
