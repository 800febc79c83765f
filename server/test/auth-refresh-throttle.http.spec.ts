import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

/** One government NAT egress (or a proxy without TRUST_PROXY): every user of a township arrives from this address. */
const NAT = '203.0.113.80';
const USERS = ['county', 'committeeA', 'branchA1', 'memberA1'] as const;

const refresh = (t: TestApp, ip: string, refreshToken: string) => t.http.post('/api/auth/refresh').set('X-Forwarded-For', ip).send({ refreshToken });
const login = (t: TestApp, ip: string, username: string, password = t.county.password) =>
  t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });

describe('refresh has its own budget per address, sized for many users behind one address', () => {
  let t: TestApp;
  // The production defaults for both budgets; behind one proxy, so the test can speak from chosen addresses.
  beforeAll(async () => (t = await startTestApp({ THROTTLE_LOGIN_PER_MINUTE: '30', TRUST_PROXY: '1' })));
  afterAll(() => t.close());

  it('answers 45 refreshes from one address within a minute, and login keeps its own 30 a minute', async () => {
    const tokens: string[] = [];
    for (const username of USERS) {
      const res = await login(t, NAT, username);
      expect(res.status).toBe(200);
      tokens.push(res.body.refreshToken);
    }
    // The township's open tabs refresh in turn: 45 in all from the one address, every one answered.
    for (let i = 0; i < 45; i++) {
      const k = i % tokens.length;
      const res = await refresh(t, NAT, tokens[k]);
      expect({ i, status: res.status, code: res.body.code }).toEqual({ i, status: 200, code: undefined });
      tokens[k] = res.body.refreshToken;
    }
    // Login's budget was spent only by the 4 logins above: 26 more are answered (unknown names, so that no account
    // locks), and the 31st of the minute is refused.
    for (let i = 0; i < 26; i++) expectError(await login(t, NAT, `nobody-${i}`), 401, 'INVALID_CREDENTIALS');
    const over = await login(t, NAT, 'committeeA');
    expectError(over, 429, 'TOO_MANY_REQUESTS');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // A refused login leaves the refreshes alone.
    expect((await refresh(t, NAT, tokens[1])).status).toBe(200);
  });
});

describe('the refresh budget is still a limit', () => {
  const LIMIT = 5;
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ THROTTLE_REFRESH_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' })));
  afterAll(() => t.close());

  it('refuses refreshes over it with 429 and the standard Retry-After the web client waits for; the token stays usable', async () => {
    let token = (await login(t, '198.51.100.80', 'county')).body.refreshToken as string;
    for (let i = 0; i < LIMIT; i++) {
      const res = await refresh(t, NAT, token);
      expect(res.status).toBe(200);
      token = res.body.refreshToken;
    }
    const over = await refresh(t, NAT, token);
    expectError(over, 429, 'TOO_MANY_REQUESTS');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // The refused refresh never reached the token: it is not spent, so a later attempt (here from elsewhere) succeeds
    // rather than being taken for a replay that ends the session.
    const elsewhere = await refresh(t, '198.51.100.81', token);
    expect(elsewhere.status).toBe(200);
    // Login from the throttled address has its own budget.
    expect((await login(t, NAT, 'committeeA')).status).toBe(200);
  });
});
