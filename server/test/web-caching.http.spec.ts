import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Caching and compression (issue #6): the built SPA's hashed assets are cached for a year and compressed; index.html
 * is revalidated every time (a deploy reaches everyone at the next visit); client routes fall back to it; API
 * answers are never stored by a browser or proxy and are not compressed (small, per-user, mostly on a LAN).
 * A web build of our own in a temporary folder stands in for web/dist, so the test does not need `npm run build`.
 */
describe('the web app and the API over HTTP caches', () => {
  let t: TestApp;
  let dir: string;
  // Large and repetitive enough that gzip pays (compression skips bodies under 1 KB).
  const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `党员${i}`))};\n`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhdj-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="app"></div></body></html>');
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), script);
    // The build writes each text file's Brotli and gzip forms beside it (web/vite.config.ts). gzip at level 1 here, so
    // that the bytes sent tell the file written at build time from a compression made per request (level 6).
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync(script));
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js.gz'), gzipSync(script, { level: 1 }));
    writeFileSync(join(dir, 'assets', 'chart-Ef56Gh78.js'), script); // built without compressed forms
    writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: '新沂市智慧党建平台', start_url: '/' }));
    t = await startTestApp({}, { serveWeb: dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves hashed assets for a year, immutable and gzipped', async () => {
    const res = await t.http.get('/assets/index-Ab12Cd34.js').set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text).toBe(script); // supertest unzips: the same bytes arrive
  });

  it('sends the compressed files the build wrote, as they are, by the encodings the browser accepts', async () => {
    const get = (file: string, encodings: string) => t.app.inject({ method: 'GET', url: `/assets/${file}`, headers: { 'accept-encoding': encodings } });
    const br = await get('index-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toMatch(/immutable/);
    expect(br.rawPayload.equals(brotliCompressSync(script))).toBe(true);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await get('index-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.equals(gzipSync(script, { level: 1 })), 'the build-time file, not a fresh compression').toBe(true);

    const plain = await get('index-Ab12Cd34.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);

    // A file the build left uncompressed is still compressed on its way out.
    const other = await get('chart-Ef56Gh78.js', 'gzip');
    expect(other.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(other.rawPayload).toString()).toBe(script);

    // The compressed forms are not addressable on their own.
    expect((await get('index-Ab12Cd34.js.br', 'br')).statusCode).toBe(404);
  });

  it('serves the installable app’s manifest as a manifest, revalidated within the hour like the other root files', async () => {
    const res = await t.http.get('/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(res.headers['cache-control']).toMatch(/max-age=3600/);
    expect(res.headers['cache-control']).not.toMatch(/immutable/);
    expect(JSON.parse(res.text)).toEqual({ name: '新沂市智慧党建平台', start_url: '/' });
  });

  it('answers a missing asset with 404 rather than the app page', async () => {
    const res = await t.http.get('/assets/index-gone1234.js');
    expect(res.status).toBe(404);
  });

  it('revalidates index.html and serves it for client routes', async () => {
    for (const path of ['/', '/m/profile', '/admin/transfers/12']) {
      const res = await t.http.get(path).set('Accept', 'text/html');
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-cache');
      expect(res.text, path).toContain('<div id="app">');
      // The page the policy is for carries it (and helmet's other headers), as every API answer does.
      expect(res.headers['content-security-policy'], path).toMatch(/script-src 'self'.*frame-ancestors 'none'|frame-ancestors 'none'.*script-src 'self'/);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('never lets the API be cached, and does not compress it', async () => {
    const res = await t.http.get('/api/me').set(await t.as('memberA1')).set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-encoding']).toBeUndefined();
    const unknown = await t.http.get('/api/no-such-thing').set('Accept', 'text/html');
    expect(unknown.status, 'an unknown API route is not the app page').toBe(404);
    expect(unknown.headers['content-type']).toMatch(/json/);
  });
});
