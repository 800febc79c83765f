import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Response headers (issue #7): a Content-Security-Policy that lets the SPA run from its own origin and nothing else
 * (no inline or evaluated script, no framing, no plugins), helmet's other defaults on every response — successes,
 * refusals and unknown routes alike — and CORS answering only the origins configured in CORS_ORIGINS. (The browser
 * journey web/e2e/xss.spec.ts checks that the built SPA runs under this policy without a single violation.)
 */

const ALLOWED = 'https://dangjian.xinyi.example.gov.cn';

function csp(res: Response): Map<string, string[]> {
  const header = res.headers['content-security-policy'] as string | undefined;
  expect(header, 'Content-Security-Policy header').toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('response headers', () => {
  let t: TestApp;
  let closed: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: `${ALLOWED}, https://other-allowed.example` });
    closed = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
    await closed?.close();
  });

  const samples = async (): Promise<[string, Response][]> => [
    ['a public success', await t.http.get('/api/health')],
    ['an authenticated success', await t.http.get('/api/me').set(await t.as('memberA1'))],
    ['a refusal (401)', await t.http.get('/api/members')],
    ['a validation error', await t.http.post('/api/auth/login').send({ username: 1 })],
    ['an unknown route', await t.http.get('/api/no-such-thing')],
  ];

  it('a Content-Security-Policy for an SPA served from its own origin: no inline or evaluated script, no framing, no plugins', async () => {
    for (const [what, res] of await samples()) {
      const d = csp(res);
      expect(d.get('default-src'), what).toEqual(["'self'"]);
      expect(d.get('script-src'), what).toEqual(["'self'"]);
      expect(d.get('script-src-attr'), what).toEqual(["'none'"]);
      expect(d.get('object-src'), what).toEqual(["'none'"]);
      expect(d.get('base-uri'), what).toEqual(["'self'"]);
      expect(d.get('form-action'), what).toEqual(["'self'"]);
      expect(d.get('frame-ancestors'), what).toEqual(["'none'"]);
      expect(d.get('connect-src'), what).toEqual(["'self'"]);
      for (const [name, values] of d) {
        expect(values.filter((v) => v === '*' || v === "'unsafe-eval'" || (v === "'unsafe-inline'" && name !== 'style-src')), `${what}: ${name}`).toEqual([]);
      }
    }
  });

  it("helmet's defaults on every response, and never X-Powered-By", async () => {
    for (const [what, res] of await samples()) {
      expect(res.headers, what).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      });
      expect(res.headers['strict-transport-security'], what).toMatch(/max-age=\d{7,}; includeSubDomains/);
      expect(res.headers['x-powered-by'], what).toBeUndefined();
      // Personal data is never cached along the way.
      expect(res.headers['cache-control'], what).toBe('no-store');
    }
  });

  it('CORS: a configured origin may call the API; a preflight from any other origin gets no allow header', async () => {
    const preflight = (origin: string, app = t) =>
      app.http.options('/api/members').set('Origin', origin).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'authorization');

    const ok = await preflight(ALLOWED);
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(ok.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
    // Tokens travel in the Authorization header, never as cookies: no credentials mode.
    expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
    expect((await preflight('https://other-allowed.example')).headers['access-control-allow-origin']).toBe('https://other-allowed.example');

    for (const foreign of ['https://evil.example', `${ALLOWED}.evil.example`, 'http://dangjian.xinyi.example.gov.cn', 'null', 'https://dangjian.xinyi.example.gov.cn:8443']) {
      const res = await preflight(foreign);
      expect(res.headers['access-control-allow-origin'], foreign).toBeUndefined();
      expect(res.headers['access-control-allow-headers'], foreign).toBeUndefined();
      const simple = await t.http.get('/api/health').set('Origin', foreign);
      expect(simple.headers['access-control-allow-origin'], foreign).toBeUndefined();
    }
    expect((await t.http.get('/api/health').set('Origin', ALLOWED)).headers['access-control-allow-origin']).toBe(ALLOWED);

    // Without CORS_ORIGINS, no origin is allowed at all (the SPA is same-origin), and no CORS hook runs: the hook's
    // mark, Vary: Origin, is on the configured app's answers only.
    expect((await t.http.get('/api/health')).headers.vary).toMatch(/origin/i);
    expect((await closed.http.get('/api/health')).headers.vary).toBeUndefined();
    for (const origin of [ALLOWED, 'https://evil.example']) {
      const res = await preflight(origin, closed);
      expect(res.headers['access-control-allow-origin'], origin).toBeUndefined();
      expect((await closed.http.get('/api/health').set('Origin', origin)).headers['access-control-allow-origin'], origin).toBeUndefined();
    }
  });
});
