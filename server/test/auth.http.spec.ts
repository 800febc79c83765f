import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

describe('auth over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('logs in and returns tokens and the session user', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: 'committeeA', password: t.county.password }).expect(200);
    expect(res.body.accessToken).toBeTypeOf('string');
    expect(res.body.expiresIn).toBe(900);
    expect(res.body.user.roles).toEqual([{ role: 'COMMITTEE_ADMIN', org: expect.objectContaining({ id: t.county.orgs.committeeA.id }) }]);
    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.username).toBe('committeeA');
  });

  it('refuses a wrong password with a clear code', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: 'county', password: 'wrong-password-123' }).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
  });

  it('requires a token everywhere but public routes', async () => {
    expect((await t.http.get('/api/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
    await t.http.get('/api/health').expect(200);
  });
});
