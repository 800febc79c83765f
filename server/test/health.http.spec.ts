import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

describe('health, errors and the API surface over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('GET /api/health answers 200 with the database up, without a token', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('runs requests through no Express-style middleware layer (skipMiddie: its hook cost ~10% of a light request)', () => {
    const fastify = t.app.getHttpAdapter().getInstance() as unknown as { use?: unknown; hasPlugin(name: string): boolean };
    expect(fastify.hasPlugin('@fastify/middie')).toBe(false);
    expect(fastify.use).toBeUndefined();
  });

  it('answers unknown API routes with 404 in the error shape, with or without a token', async () => {
    expectError(await t.http.get('/api/no-such-thing'), 404, 'NOT_FOUND');
    expectError(await t.http.post('/api/organizations/1/explode').send({}), 404, 'NOT_FOUND');
    expectError(await t.http.get('/api/no-such-thing').set(await t.as('county')), 404, 'NOT_FOUND');
    expectError(await t.http.delete(`/api/members/${t.county.members.memberA1}`).set(await t.as('county')), 404, 'NOT_FOUND');
    // Without echoing the path asked for.
    const long = await t.http.get(`/api/${'<b>x</b>'.repeat(100)}`);
    expectError(long, 404, 'NOT_FOUND');
    expect(JSON.stringify(long.body)).not.toContain('<b>');
  });

  it('answers a path that is not valid percent-encoded UTF-8 in the error shape', async () => {
    for (const path of ['/api/members/%E0%A4%A', '/api/%ZZ', '/api/members/%C0%AF']) {
      const res = await t.http.get(path).set(await t.as('county'));
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('answers a malformed JSON body with 400 in the error shape', async () => {
    const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": "county", "password": ');
    expectError(res, 400, 'VALIDATION_FAILED');
    expectError(await t.http.post('/api/auth/refresh').set('Content-Type', 'application/json').send('not json at all'), 400, 'VALIDATION_FAILED');
  });

  it('takes a trailing slash as the same route, and refuses a body type it does not read with 415 in the error shape', async () => {
    expect((await t.http.get('/api/health/')).status).toBe(200);
    const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/xml').send('<login><username>county</username></login>');
    expectError(res, 415, 'VALIDATION_FAILED');
    expect(res.body.message).toMatch(/JSON/);
    // Nor an HTML form's body, which any site's page could post here without a CORS preflight.
    const form = await t.http.post('/api/auth/login').type('form').send({ username: 'county', password: t.county.password });
    expectError(form, 415, 'VALIDATION_FAILED');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: 'county', password: 'x'.repeat(300 * 1024) });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    const auth = await t.as('county');
    expectError(await t.http.patch(`/api/organizations/${t.county.orgs.root.id}`).set(auth).send({ address: 'y'.repeat(300 * 1024) }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('describes every foundation endpoint in the OpenAPI document', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    const expected: [string, string][] = [
      ['/api/auth/login', 'post'],
      ['/api/auth/refresh', 'post'],
      ['/api/auth/logout', 'post'],
      ['/api/me', 'get'],
      ['/api/health', 'get'],
      ['/api/organizations', 'get'],
      ['/api/organizations', 'post'],
      ['/api/organizations/directory', 'get'],
      ['/api/organizations/{id}', 'get'],
      ['/api/organizations/{id}', 'patch'],
      ['/api/organizations/{id}/children', 'get'],
      ['/api/organizations/{id}/move', 'post'],
      ['/api/members', 'get'],
      ['/api/members', 'post'],
      ['/api/members/{id}', 'get'],
      ['/api/members/{id}', 'patch'],
      ['/api/members/{id}/reveal-id', 'post'],
      ['/api/members/import', 'post'],
      ['/api/members/import-template', 'get'],
      ['/api/members/export', 'get'],
    ];
    for (const [path, method] of expected) expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(Object.keys(res.body.components.schemas)).toEqual(expect.arrayContaining(['LoginDto', 'CreateMemberDto', 'OrgDetailDto', 'MemberPageDto']));
    // The files written in the caller's language say which header picks it.
    for (const path of ['/api/transfers/export', '/api/organizations/{id}/unstaffed/export', '/api/study/stats/export', '/api/audit/export', '/api/bookings/{id}/booking.ics']) {
      const parameters = (paths[path]?.get as { parameters?: { in: string; name: string }[] } | undefined)?.parameters ?? [];
      expect(parameters.filter((p) => p.in === 'header').map((p) => p.name), path).toEqual(['Accept-Language']);
    }
  });

  it('answers 503 DATABASE_UNAVAILABLE when the database is gone', async () => {
    await t.ds.destroy();
    const res = await t.http.get('/api/health');
    expectError(res, 503, 'DATABASE_UNAVAILABLE');
  });
});
