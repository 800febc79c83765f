import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEDIA_DIR } from '../src/config/paths';
import { VIDEOS } from '../src/database/seed/study-content';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Study videos named as `/media/…` are served from MEDIA_DIR, with range requests (a phone seeks and resumes without
 * downloading the film); a missing one is a 404, never the web app's page (a video element would try to play HTML).
 * With the demo on, the videos its seed publishes are served from server/demo-media.
 */
describe('study media', () => {
  let t: TestApp;
  let media: string;
  let web: string;
  const film = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));

  beforeAll(async () => {
    media = mkdtempSync(join(tmpdir(), 'zhdj-media-'));
    mkdirSync(join(media, 'study'));
    writeFileSync(join(media, 'study', 'county-lecture.mp4'), film);
    writeFileSync(join(media, 'study', '.secret'), 'not for anyone');
    web = mkdtempSync(join(tmpdir(), 'zhdj-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><html><body><div id="app"></div></body></html>');
    t = await startTestApp({ MEDIA_DIR: media, DEMO_SEED: 'true' }, { serveWeb: web });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(media, { recursive: true, force: true });
    rmSync(web, { recursive: true, force: true });
  });

  it('serves a video from MEDIA_DIR whole, and in ranges', async () => {
    const whole = await t.app.inject({ method: 'GET', url: '/media/study/county-lecture.mp4' });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.equals(film)).toBe(true);
    const part = await t.app.inject({ method: 'GET', url: '/media/study/county-lecture.mp4', headers: { range: 'bytes=1000-1999' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${film.length}`);
    expect(part.rawPayload.equals(film.subarray(1000, 2000))).toBe(true);
  });

  it('serves a file copied into MEDIA_DIR after start-up', async () => {
    writeFileSync(join(media, 'study', 'added-later.mp4'), film.subarray(0, 100));
    const res = await t.app.inject({ method: 'GET', url: '/media/study/added-later.mp4' });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBe(100);
  });

  it('answers 404 for a missing video, a hidden file or a path out of the folder — not the web app’s page', async () => {
    for (const url of ['/media/study/missing.mp4', '/media/study/.secret', '/media/../package.json', '/media/%2e%2e/package.json', '/media/study/%2e%2e%2f%2e%2e%2fpackage.json']) {
      // Over a real socket: the path arrives as written, not normalised as a URL parser would.
      const res = await t.http.get(url).set('Accept', '*/*');
      expect([403, 404], `${url}: ${res.status}`).toContain(res.status);
      expect(res.text, url).not.toContain('<div id="app">');
      expect(res.text, url).not.toContain('not for anyone');
      expect(res.text, url).not.toContain('@zhdj');
    }
    // A page of the app still falls back to index.html.
    const page = await t.app.inject({ method: 'GET', url: '/m/study', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="app">');
  });

  it('has a playable file for every video the demo publishes, served when the demo is on', async () => {
    for (const v of VIDEOS) {
      const file = join(DEMO_MEDIA_DIR, 'study', v.file);
      expect(existsSync(file), file).toBe(true);
      const res = await t.app.inject({ method: 'GET', url: `/media/study/${v.file}`, headers: { range: 'bytes=0-15' } });
      expect(res.statusCode, v.file).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes 0-15/${statSync(file).size}`);
      // An MP4 opens with its file-type box.
      expect(res.rawPayload.subarray(4, 8).toString('latin1'), v.file).toBe('ftyp');
    }
  });
});
