import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get, request } from 'node:http';
import { createConnection, createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/app.config';
import { addMembers, buildMiniCounty } from './factories/mini-county';
import { ensureBuilt, REPO } from './support/built';
import { resetSchema } from './support/test-db';
import { itOn } from './support/driver';

/**
 * Graceful shutdown (issue #7): the built server (node server/dist/main.js, as production runs it) gets SIGTERM while
 * a slow request is in flight — a member export the client reads slowly — and must stop accepting connections at
 * once, finish that response in full (a complete workbook with every member), and then exit with status 0.
 *
 * The database is prepared by the test (migrations, the small county and a few thousand members) and handed to the
 * server through DATA_DIR/DB_PATH with DEMO_SEED=false. server/dist is rebuilt first when it is older than the sources
 * (CI builds before testing, so there it is fresh). SQLite is used on both drivers' runs: the behaviour is the HTTP
 * server's and the process's, not the database's.
 */

const repo = REPO;
const MEMBERS = 6_000;

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/** An IPv4 address of this machine other than loopback, if it has one. */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

/** Whether a new TCP connection to the port is accepted (on this machine's loopback unless `host` says). */
function accepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((ok) => {
    const s = createConnection({ host, port });
    s.once('connect', () => {
      s.destroy();
      ok(true);
    });
    s.once('error', () => ok(false));
  });
}

function postJson(port: number, path: string, body: unknown): Promise<{ status: number; body: any }> {
  return new Promise((ok, fail) => {
    const data = JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
    });
    req.on('error', fail);
    req.end(data);
  });
}

describe('graceful shutdown of the built server', () => {
  let dir: string;
  let server: ChildProcess;
  let port: number;
  let log = '';
  const env = { JWT_SECRET: randomBytes(32).toString('hex'), DATA_KEY: randomBytes(32).toString('hex') };

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'zhdj-shutdown-'));
    const dbPath = join(dir, 'zhdj.sqlite');
    // The database the server will find: migrated, the small county, and enough members for a long export.
    const config = loadConfig({ NODE_ENV: 'test', DEMO_SEED: 'false', DATA_DIR: dir, DB_TYPE: 'sqlite', DB_PATH: dbPath, ...env });
    const app = await createApp(config, { logger: ['error'], serveWeb: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    await resetSchema(app.get(DataSource));
    const county = await buildMiniCounty(app);
    await addMembers(app, county.orgs.branchA2, MEMBERS);
    await app.close();

    // Started until it is *this* server that listens: a port found free may be taken again before the server binds it
    // (the other worker's test apps listen on ports of the same range), and a test talking to another app on that port
    // (a mini county too, with the same accounts) saw its 13 members instead of these 6,000. The server's own start-up
    // line names this test's database; a server that lost the port exits, and another port is tried.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      log = '';
      server = spawn(process.execPath, [join(repo, 'server', 'dist', 'main.js')], {
        cwd: repo,
        env: { ...process.env, ...env, NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://dj.example.gov.cn', DB_TYPE: 'sqlite', DATA_DIR: dir, DB_PATH: dbPath, PORT: String(port), DEMO_SEED: 'false', JOBS: 'false', MFA_REQUIRED_FOR_ADMINS: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout!.on('data', (c: Buffer) => (log += c.toString()));
      server.stderr!.on('data', (c: Buffer) => (log += c.toString()));
      const deadline = Date.now() + 60_000;
      while (!log.includes(`database: SQLite ${dbPath}`) && server.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (log.includes(`database: SQLite ${dbPath}`) && (await accepts(port))) break;
      if (server.exitCode === null) server.kill('SIGKILL');
      if (attempt === 3 || !log.includes('EADDRINUSE')) throw new Error(`the server did not start:\n${log}`);
    }
  }, 240_000);

  afterAll(() => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // In production the server listens on every interface (a container's port mapping reaches it on its own address).
  itOn(!!outsideAddress())('in production answers on the machine\'s own network address, not only on its loopback', async () => {
    expect(await accepts(port, outsideAddress())).toBe(true);
  });

  it('on SIGTERM stops accepting, finishes the export in flight, then exits 0', async () => {
    const login = await postJson(port, '/api/auth/login', { username: 'county', password: 'Fixture-pass-2026' });
    expect(login.status, JSON.stringify(login.body)).toBe(200);

    const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((ok) => server.once('exit', (code, signal) => ok({ code, signal, at: Date.now() })));
    // The export starts; the client reads its first bytes, then stops reading (a slow phone line).
    const chunks: Buffer[] = [];
    let finishedAt = 0;
    const response = await new Promise<import('node:http').IncomingMessage>((ok, fail) => {
      const req = get({ host: '127.0.0.1', port, path: '/api/members/export', headers: { Authorization: `Bearer ${login.body.accessToken}` } }, ok);
      req.on('error', fail);
    });
    expect(response.statusCode).toBe(200);
    const body = new Promise<Buffer>((ok, fail) => {
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        finishedAt = Date.now();
        ok(Buffer.concat(chunks));
      });
      response.on('error', fail);
    });
    await new Promise((r) => response.once('data', r));
    response.pause();

    const signalledAt = Date.now();
    server.kill('SIGTERM');
    // New connections are refused while the export is still in flight.
    let refusedAt = 0;
    while (!refusedAt && Date.now() - signalledAt < 5_000) {
      if (!(await accepts(port))) refusedAt = Date.now();
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(refusedAt, 'new connections refused within 5 s of SIGTERM').toBeGreaterThan(0);
    expect(finishedAt, 'the export is still in flight when connections are refused').toBe(0);
    expect(server.exitCode, 'the process waits for the request in flight').toBeNull();

    // The client reads on: the whole workbook arrives, with every member.
    await new Promise((r) => setTimeout(r, 500));
    response.resume();
    const xlsx = await body;
    const wb = new Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].actualRowCount;
    expect(rows).toBeGreaterThanOrEqual(MEMBERS + 1);

    const exit = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 20_000))]);
    expect(exit, `the server did not exit after the export:\n${log.slice(-2000)}`).not.toBeNull();
    expect({ code: exit!.code, signal: exit!.signal }).toEqual({ code: 0, signal: null });
    expect(exit!.at).toBeGreaterThanOrEqual(finishedAt);
    console.log(`graceful shutdown: refused new connections ${refusedAt - signalledAt} ms after SIGTERM; the export (${xlsx.length} bytes, ${rows} rows) finished ${finishedAt - signalledAt} ms after it; exit 0 ${exit!.at - finishedAt} ms later`);
  }, 120_000);
});
