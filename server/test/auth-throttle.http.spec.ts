import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

const LIMIT = 3;

describe('login throttling per client address', () => {
  let t: TestApp;
  // Behind one proxy, so each test can speak from its own address through X-Forwarded-For.
  beforeAll(async () => (t = await startTestApp({ THROTTLE_LOGIN_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' })));
  afterAll(() => t.close());

  const attempt = (ip: string, password: string, username = 'county') =>
    t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  it('refuses attempts over the limit with 429 in the error shape, even with the right password', async () => {
    for (let i = 0; i < LIMIT; i++) expectError(await attempt('203.0.113.7', 'wrong-password-123'), 401, 'INVALID_CREDENTIALS');
    const over = await attempt('203.0.113.7', t.county.password);
    expectError(over, 429, 'TOO_MANY_REQUESTS');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // The refused attempt never reached the password check: the account's failure count did not grow.
    const row = (await t.ds.query('SELECT failed_logins AS n FROM users WHERE username = ?', ['county']))[0];
    expect(Number(row.n)).toBe(LIMIT);
  });

  it('counts each address separately', async () => {
    for (let i = 0; i < LIMIT; i++) await attempt('198.51.100.1', 'wrong-password-123', 'committeeA');
    expectError(await attempt('198.51.100.1', t.county.password, 'committeeA'), 429, 'TOO_MANY_REQUESTS');
    const other = await attempt('198.51.100.2', t.county.password, 'committeeA');
    expect(other.status).toBe(200);
    expect(other.body.accessToken).toBeTypeOf('string');
  });

  it('counts each route separately: an address refused at login can still refresh its session', async () => {
    const session = (await attempt('192.0.2.44', t.county.password)).body;
    for (let i = 1; i < LIMIT; i++) await attempt('192.0.2.44', 'wrong-password-123');
    expectError(await attempt('192.0.2.44', t.county.password), 429, 'TOO_MANY_REQUESTS');
    const refreshed = await t.http.post('/api/auth/refresh').set('X-Forwarded-For', '192.0.2.44').send({ refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.accessToken).toBeTypeOf('string');
  });
});
