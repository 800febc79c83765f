import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import { connect, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { Agent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpRedirect } from '../src/common/https-server';
import { addMembers } from './factories/mini-county';
import { startTestApp, type TestApp } from './support/test-app';
import { selfSignedCertificate } from './support/tls';
import { importFile, readSheet, validRow } from './support/xlsx';

/**
 * HTTPS served by the app itself (TLS_CERT_FILE / TLS_KEY_FILE): browsers get HTTP/2 — every file of a screen over one
 * connection — and other clients HTTP/1.1 over TLS, with the same answers, headers, uploads and downloads as over
 * plain HTTP; shutdown stays graceful; and a plain-HTTP port can send visitors to the HTTPS address. Real TLS on a
 * real port, with Node's own HTTP/2 and HTTPS clients; the certificate is made by openssl for the run.
 */
describe('HTTPS with HTTP/2', () => {
  let t: TestApp;
  let dir: string;
  let origin: string;
  let ca: Buffer;
  const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `党员${i}`))};\n`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhdj-https-'));
    const { certFile, keyFile } = selfSignedCertificate(dir);
    ca = readFileSync(certFile);
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><html lang="zh-CN"><body><div id="app"></div></body></html>');
    writeFileSync(join(web, 'assets', 'index-Ab12Cd34.js'), script);
    writeFileSync(join(web, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync(script));
    t = await startTestApp({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile }, { serveWeb: web });
    await t.app.listen(0, '127.0.0.1');
    origin = `https://localhost:${(t.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One HTTP/2 request on a session; the body is collected unless `hold` keeps the stream paused for the caller. */
  function h2(session: ClientHttp2Session, path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}) {
    const stream = session.request({ ':method': init.method ?? 'GET', ':path': path, ...init.headers });
    stream.end(init.body);
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let headers: IncomingHttpHeaders = {};
      stream.on('response', (h) => (headers = h));
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve({ status: Number(headers[':status']), headers, body: Buffer.concat(chunks) }));
      stream.on('error', reject);
    });
  }
  const session = () => connect(origin, { ca });
  const json = (r: { body: Buffer }) => JSON.parse(r.body.toString());

  async function login(s: ClientHttp2Session, username: string): Promise<string> {
    const res = await h2(s, '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: t.county.password }) });
    expect(res.status, res.body.toString()).toBe(200);
    return json(res).accessToken as string;
  }

  it('answers browsers over HTTP/2 with the API, its security headers, and the app’s files as over HTTP/1.1', async () => {
    const s = session();
    try {
      await new Promise((ok) => s.once('connect', ok));
      expect(s.alpnProtocol).toBe('h2');
      const health = await h2(s, '/api/health');
      expect(health.status).toBe(200);
      expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(health.headers['cache-control']).toBe('no-store');
      expect(health.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);

      const token = await login(s, 'memberA1');
      const me = await h2(s, '/api/me', { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(json(me).username).toBe('memberA1');
      // The client's address reaches the app over HTTP/2 as over HTTP/1.1 (sessions, login limits and the audit use it).
      const sessions = json(await h2(s, '/api/auth/sessions', { headers: { authorization: `Bearer ${token}` } }));
      expect(sessions.items ?? sessions).toEqual(expect.arrayContaining([expect.objectContaining({ current: true, ip: expect.stringMatching(/127\.0\.0\.1$/) })]));
      const refused = await h2(s, '/api/me');
      expect(refused.status).toBe(401);
      expect(json(refused).code).toBeTruthy();

      // Several requests at once on the one connection, as a browser loads a screen's files.
      const [page, asset, route] = await Promise.all([
        h2(s, '/', { headers: { accept: 'text/html' } }),
        h2(s, '/assets/index-Ab12Cd34.js', { headers: { 'accept-encoding': 'gzip, br' } }),
        h2(s, '/m/profile', { headers: { accept: 'text/html' } }),
      ]);
      expect(page.status).toBe(200);
      expect(page.body.toString()).toContain('<div id="app">');
      expect(route.body.toString()).toContain('<div id="app">');
      expect(asset.status).toBe(200);
      expect(asset.headers['content-encoding']).toBe('br');
      expect(asset.headers['cache-control']).toMatch(/immutable/);
      expect(brotliDecompressSync(asset.body).toString()).toBe(script);
    } finally {
      s.close();
    }
  });

  it('takes an upload and streams a download over HTTP/2', async () => {
    const s = session();
    try {
      const token = await login(s, 'branchA1');
      const auth = { authorization: `Bearer ${token}` };
      const boundary = 'zhdj-boundary-7f3a';
      const file = await importFile([validRow(7101, 'T-branchA1'), validRow(7102, 'T-branchA1')]);
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="members.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const imported = await h2(s, '/api/members/import', { method: 'POST', headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
      expect(imported.status, imported.body.toString()).toBe(201);
      expect(json(imported)).toEqual({ imported: 2 });

      const roster = await h2(s, '/api/members/export', { headers: auth });
      expect(roster.status).toBe(200);
      expect(roster.headers['content-disposition']).toMatch(/attachment/);
      const { rows } = await readSheet(roster.body);
      const phone = String(validRow(7101, 'T-branchA1').phone);
      expect(rows.some((r) => r.includes(phone)), 'the imported member is in the roster').toBe(true);
    } finally {
      s.close();
    }
  });

  it('answers HTTP/1.1 clients over TLS too', async () => {
    const res = await new Promise<{ status: number; version: string; body: string }>((resolve, reject) => {
      httpsRequest(`${origin}/api/health`, { ca }, (r) => {
        let body = '';
        r.on('data', (c) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode!, version: r.httpVersion, body }));
      })
        .on('error', reject)
        .end();
    });
    expect(res).toMatchObject({ status: 200, version: '1.1' });
    expect(JSON.parse(res.body).status).toBeTruthy();
  });

  it('refuses plain HTTP on the HTTPS port rather than answering it in clear', async () => {
    const port = new URL(origin).port;
    const outcome = await new Promise<string>((resolve) => {
      httpRequest({ host: '127.0.0.1', port, path: '/api/health', timeout: 5000 }, (r) => resolve(`answered ${r.statusCode}`))
        .on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
        .on('timeout', function (this: { destroy(): void }) {
          this.destroy();
          resolve('timeout');
        })
        .end();
    });
    expect(outcome).not.toMatch(/^answered 2/);
  });

  it('shuts down gracefully: a download in flight finishes, idle browser and HTTP/1.1 connections do not hold it up', async () => {
    // A separate app, as closing is what is tested; enough members that the roster outruns HTTP/2's flow-control window.
    const { certFile, keyFile } = selfSignedCertificate(dir, 'closing');
    const app = await startTestApp({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile });
    let closed = false;
    try {
      await addMembers(app.app, app.county.orgs.branchA1, 3000);
      await app.app.listen(0, '127.0.0.1');
      const at = `https://localhost:${(app.app.getHttpServer().address() as { port: number }).port}`;
      const certificate = readFileSync(certFile);
      // An idle HTTP/1.1 keep-alive connection, as a script or an older client leaves one.
      const agent = new Agent({ keepAlive: true, ca: certificate });
      await new Promise<void>((ok, fail) => httpsRequest(`${at}/api/health`, { agent }, (r) => r.resume().on('end', ok)).on('error', fail).end());
      // A browser's session: one idle tab and one roster download that has not been read yet.
      const s = connect(at, { ca: certificate });
      const loginRes = await h2(s, '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'branchA1', password: app.county.password }) });
      const token = json(loginRes).accessToken as string;
      const stream = s.request({ ':path': '/api/members/export', authorization: `Bearer ${token}` });
      stream.end();
      stream.pause();
      const status = await new Promise<number>((ok) => stream.once('response', (h) => ok(Number(h[':status']))));
      expect(status).toBe(200);

      const closing = app.close().then(() => (closed = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(closed, 'still sending the roster').toBe(false);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.resume();
      await new Promise((ok, fail) => stream.on('end', ok).on('error', fail));
      const { rows } = await readSheet(Buffer.concat(chunks));
      expect(rows.length).toBeGreaterThan(3000);
      // Once the roster is sent, nothing else holds the server: it closes well within the sessions' idle time (72 s).
      await Promise.race([closing, new Promise((_, fail) => setTimeout(() => fail(new Error('the server did not close within 5 s')), 5000))]);
      expect(closed).toBe(true);
      agent.destroy();
      s.close();
    } finally {
      // Without the graceful close over TLS this close never ends; the test has failed by then and must not hang.
      if (!closed) await Promise.race([app.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
    }
  });
});

describe('the plain-HTTP port in front of HTTPS', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = await startHttpRedirect(0, 'https://dj.xinyi.gov.cn', '127.0.0.1');
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  const ask = (method: string, path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; location?: string }>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, method, path, headers }, (r) => {
        r.resume();
        resolve({ status: r.statusCode!, location: r.headers.location });
      })
        .on('error', reject)
        .end();
    });

  it('sends each request to the same path at the configured HTTPS address, whatever Host the request names', async () => {
    expect(await ask('GET', '/m/profile?tab=study')).toEqual({ status: 301, location: 'https://dj.xinyi.gov.cn/m/profile?tab=study' });
    expect(await ask('HEAD', '/')).toEqual({ status: 301, location: 'https://dj.xinyi.gov.cn/' });
    expect(await ask('GET', '/verify/abc', { host: 'evil.example' })).toEqual({ status: 301, location: 'https://dj.xinyi.gov.cn/verify/abc' });
    // A POST keeps its method and body on the way (308), so a form sent to the old address is not turned into a GET.
    expect(await ask('POST', '/api/auth/login')).toEqual({ status: 308, location: 'https://dj.xinyi.gov.cn/api/auth/login' });
    // An absolute-form request target names no path of ours: it goes to the home page, not to the host it names.
    expect(await ask('GET', 'http://evil.example/x')).toEqual({ status: 301, location: 'https://dj.xinyi.gov.cn/' });
  });
});
