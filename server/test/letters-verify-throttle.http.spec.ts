import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';
import { TransferClient } from './support/transfers';

const LIMIT = 3;

describe('public letter verification is rate-limited per client address', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_VERIFY_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' });
    const issued = await new TransferClient(t).issued('memberA1', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' });
    token = (issued.letter as { verifyUrl: string }).verifyUrl.split('/').pop()!;
  });
  afterAll(() => t.close());

  const check = (ip: string, tok = token) => t.http.get(`/api/letters/verify/${tok}`).set('X-Forwarded-For', ip);

  it('answers up to the limit, then 429 with Retry-After — guessing tokens counts too', async () => {
    expect((await check('203.0.113.9')).status).toBe(200);
    expect((await check('203.0.113.9', 'AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await check('203.0.113.9')).status).toBe(200);
    const over = await check('203.0.113.9');
    expectError(over, 429, 'TOO_MANY_REQUESTS');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expectError(await check('203.0.113.9', 'AAAAAAAAAAAAAAAAAAAAAB'), 429, 'TOO_MANY_REQUESTS');
  });

  it('counts each address separately, and does not touch the logged-in API', async () => {
    const other = await check('198.51.100.9');
    expect(other.status).toBe(200);
    expect(other.body.status).toBe('valid');
    for (let i = 0; i < LIMIT + 2; i++) {
      const r = await t.http.get('/api/transfers/mine').set('X-Forwarded-For', '203.0.113.9').set(await t.as('memberA1'));
      expect(r.status).toBe(200);
    }
  });
});
