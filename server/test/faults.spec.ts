import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { chinaDate } from '@zhdj/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordService } from '../src/auth/password.service';
import { User } from '../src/auth/entities/user.entity';
import { createApp } from '../src/app.factory';
import { Db } from '../src/common/database/db.service';
import { loadConfig } from '../src/config/app.config';
import { MemberWriter } from '../src/members/member-writer';
import { buildMiniCounty, memberInput, type MiniCounty } from './factories/mini-county';
import { PrivateMariaDb } from './support/private-mariadb';
import { resetSchema } from './support/test-db';
import { CHECKLIST, OUTSIDE } from './support/transfers';
import { expectTreeConsistent } from './support/tree';

/**
 * Faults (issue #7): the database goes away under load, and comes back.
 *
 * On MariaDB (DB_TYPE=mysql) the test starts a MariaDB server of its own (mariadb-install-db into a temporary
 * folder, its own port and socket — the machine's shared server is never touched), points a real app at it, runs
 * concurrent load — reads, bookings and cancellations by thirty members, transfers taken step by step — and kills
 * the server mid-load (SIGKILL: in-flight transactions are lost, as in a crash). While it is down every request
 * answers within a few seconds with 503 DATABASE_UNAVAILABLE and /api/health says so; when it is started again the
 * app serves again by itself, without a restart; and afterwards no business action is half-applied: every slot's
 * count equals its bookings, every transfer has one event per version and its last event names its state, every
 * organisation's stored counts equal a recount.
 *
 * With SQLite the database is a file inside the server's own process: it cannot "go away" while the process lives
 * (an open file survives being made read-only or removed), so making it unreachable or read-only is not meaningful
 * and there is no outage to recover from. What an operator can do to an embedded database is hold its write lock
 * from another process (a manual sqlite3 session, a tool): the SQLite run checks that — reads go on, business writes
 * give up at once with 503 DATABASE_UNAVAILABLE rather than hanging, and writes resume by themselves when the lock
 * is released. (A lone statement outside a transaction would instead wait the driver's busy timeout, 10 s, and
 * better-sqlite3 waits synchronously, holding up the whole process: keep such sessions short.)
 */

const mysql = process.env.DB_TYPE === 'mysql';
const ANSWER_WITHIN_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  label: string;
  startedAt: number;
  endedAt: number;
  status: number;
  code?: string;
}

class Client {
  outcomes: Outcome[] = [];
  constructor(readonly base: string) {}

  async call(label: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
    const startedAt = Date.now();
    let status: number;
    let json: any = null;
    try {
      const res = await fetch(this.base + path, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      status = res.status;
      json = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
    } catch {
      status = -1; // no answer at all (a hang cut short, or a dropped connection)
    }
    this.outcomes.push({ label, startedAt, endedAt: Date.now(), status, code: json?.code });
    return { status, body: json };
  }
}

async function startApp(env: Record<string, string>): Promise<{ app: NestFastifyApplication; ds: DataSource; county: MiniCounty; base: string }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_KEY: randomBytes(32).toString('hex'),
    DEMO_SEED: 'false',
    THROTTLE_LOGIN_PER_MINUTE: '100000',
    ...env,
  });
  const app = await createApp(config, { logger: ['error'], serveWeb: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const ds = app.get(DataSource);
  await resetSchema(ds);
  const county = await buildMiniCounty(app);
  // As main.ts serves: statements bounded in how long they wait for the database's answer once set up.
  if (config.db.type === 'mysql') app.get(Db).limitAnswerWait(config.db.answerTimeoutMs);
  await app.listen(0, '127.0.0.1');
  return { app, ds, county, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/** Members of branch A2 with accounts, logged in. */
async function members(app: NestFastifyApplication, county: MiniCounty, c: Client, n: number): Promise<string[]> {
  const db = app.get(Db);
  const hash = await app.get(PasswordService).hash(county.password);
  const ids = await db.tx((em) => app.get(MemberWriter).insert(em, Array.from({ length: n }, (_, i) => memberInput(`负载${i}`, county.orgs.branchA2)), hash));
  const users = await db.em.find(User, { where: ids.map((memberId) => ({ memberId })) });
  const tokens: string[] = [];
  for (const u of users) tokens.push((await c.call('login', 'POST', '/api/auth/login', undefined, { username: u.username, password: county.password })).body.accessToken);
  return tokens;
}

/** No business action half-applied: the stored counters and histories agree with the rows they summarise. */
async function expectNothingHalfApplied(ds: DataSource): Promise<void> {
  const slots: { id: number; booked: number; actual: number }[] = await ds.query(
    `SELECT s.id, s.booked, (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id AND b.status <> 'CANCELLED') AS actual FROM booking_slots s`,
  );
  expect(slots.filter((s) => Number(s.booked) !== Number(s.actual))).toEqual([]);
  const transfers: { id: number; state: string; version: number; events: number; last: string }[] = await ds.query(
    `SELECT t.id, t.state, t.version, (SELECT COUNT(*) FROM transfer_events e WHERE e.transfer_id = t.id) AS events,
            (SELECT e.to_state FROM transfer_events e WHERE e.transfer_id = t.id ORDER BY e.id DESC LIMIT 1) AS last FROM transfers t`,
  );
  expect(transfers.filter((t) => Number(t.events) !== Number(t.version) || t.last !== t.state)).toEqual([]);
  await expectTreeConsistent(ds);
}

/** Business load until stopped: reads, bookings and cancellations, transfers taken step by step. */
function load(c: Client, county: MiniCounty, admin: string, memberTokens: string[], centerId: number, slots: string[], newMember: () => Promise<number>) {
  let running = true;
  const worker = async (i: number) => {
    while (running) {
      const kind = i % 4;
      if (kind === 0) {
        await c.call('read', 'GET', `/api/organizations/${county.orgs.committeeA.id}`, admin);
        await c.call('read', 'GET', `/api/members?orgId=${county.orgs.branchA2.id}&limit=20`, admin);
      } else if (kind === 1 || kind === 2) {
        const token = memberTokens[(i * 7 + Math.floor(Math.random() * memberTokens.length)) % memberTokens.length];
        const start = slots[Math.floor(Math.random() * slots.length)];
        const b = await c.call('book', 'POST', '/api/bookings', token, { serviceCenterId: centerId, start, purpose: 'CONSULTATION' });
        // Every booking made is cancelled again, so the places never run out and bookings can succeed after the
        // outage too (a filled centre would answer 409 SLOT_FULL and prove nothing about recovery).
        if (b.status === 201) await c.call('cancel', 'POST', `/api/bookings/${b.body.id}/cancel`, token, {});
      } else {
        let memberId: number;
        try {
          memberId = await newMember();
        } catch {
          await sleep(100); // the test's own factory needs the database too
          continue;
        }
        let t = await c.call('transfer', 'POST', '/api/transfers', admin, { memberId, ...OUTSIDE.IN_PROVINCE });
        for (const [action, extra] of [['submit', {}], ['preApprove', { checklist: CHECKLIST }], ['approve', {}]] as const) {
          if (t.status !== 200 && t.status !== 201) break;
          t = await c.call('transfer', 'POST', `/api/transfers/${t.body.id}/actions`, admin, { action, version: t.body.version, ...extra });
        }
      }
    }
  };
  const workers = Array.from({ length: 16 }, (_, i) => worker(i));
  return {
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
}

describe(mysql ? 'faults: a private MariaDB server killed mid-load and started again (DB_TYPE=mysql)' : 'faults: the SQLite write lock held by another process (SQLite)', () => {
  if (mysql) {
    let mariadb: PrivateMariaDb;
    let app: NestFastifyApplication;
    let ds: DataSource;
    let county: MiniCounty;
    let c: Client;

    beforeAll(async () => {
      mariadb = await PrivateMariaDb.create();
      await mariadb.query('CREATE DATABASE zhdj_faults CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
      ({ app, ds, county } = await startApp({
        DB_TYPE: 'mariadb',
        DB_HOST: '127.0.0.1',
        DB_PORT: String(mariadb.port),
        DB_NAME: 'zhdj_faults',
        DB_USER: 'root',
        DB_PASSWORD: '',
        // Short, so that a frozen database's requests answer within ANSWER_WITHIN_MS (production: 30 s and 3 s).
        DB_ANSWER_TIMEOUT_MS: '2000',
        DB_CONNECT_TIMEOUT_MS: '2000',
      }));
    }, 180_000);

    afterAll(async () => {
      await app?.close();
      await mariadb?.destroy();
    });

    /** Thirty logged-in members, a service centre open every day with its next slots, and a way to add members. */
    async function setUpLoad() {
      c = new Client((await app.getUrl()).replace('[::1]', '127.0.0.1'));
      const admin = (await c.call('login', 'POST', '/api/auth/login', undefined, { username: 'county', password: county.password })).body.accessToken as string;
      const tokens = await members(app, county, c, 30);
      const centre = await c.call('setup', 'POST', '/api/service-centers', (await c.call('login', 'POST', '/api/auth/login', undefined, { username: 'committeeA', password: county.password })).body.accessToken, {
        orgId: county.orgs.committeeA.id,
        name: '负载测试服务中心',
        weeklyHours: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['08:00', '20:00']]])),
        slotMinutes: 30,
        capacity: 3,
        horizonDays: 30,
        minNoticeMinutes: 0,
        cancelCutoffMinutes: 0,
        acceptsProxy: false,
      });
      expect(centre.status).toBe(201);
      const today = chinaDate();
      const to = chinaDate(new Date(Date.now() + 20 * 86400_000));
      const days = (await c.call('setup', 'GET', `/api/service-centers/${centre.body.id}/availability?from=${today}&to=${to}`, tokens[0])).body as { slots: { start: string }[] }[];
      const slots = days.flatMap((d) => d.slots.map((s) => s.start)).filter((s) => new Date(s).getTime() > Date.now() + 3600_000).slice(0, 12);
      expect(slots.length).toBeGreaterThan(5);
      const writer = app.get(MemberWriter);
      const db = app.get(Db);
      const newMember = async () => (await db.tx((em) => writer.insert(em, [memberInput('转出党员', county.orgs.branchA1)])))[0];
      c.outcomes = [];
      return { admin, tokens, centerId: centre.body.id as number, slots, newMember };
    }

    /** When the health check first answers 200 again after `since` (it must within 30 s: no restart of the app). */
    async function healthyAgain(since: number, what: string): Promise<number> {
      let healthyAt = 0;
      while (!healthyAt && Date.now() - since < 30_000) {
        if ((await c.call('health', 'GET', '/api/health')).status === 200) healthyAt = Date.now();
        else await sleep(250);
      }
      expect(healthyAt, `healthy again within 30 s of ${what}`).toBeGreaterThan(0);
      return healthyAt;
    }

    /** Every request answered in time and never with a 500; those made in the outage, 503 DATABASE_UNAVAILABLE. */
    function expectOutageAnswered(all: Outcome[], outage: Outcome[], what: string, atLeast: number): void {
      const slow = all.filter((o) => o.endedAt - o.startedAt > ANSWER_WITHIN_MS || o.status === -1);
      expect(slow.map((o) => `${o.label} ${o.status} in ${o.endedAt - o.startedAt} ms`), 'every request answered within a few seconds').toEqual([]);
      expect(all.filter((o) => o.status >= 500 && o.code !== 'DATABASE_UNAVAILABLE').map((o) => `${o.label} ${o.status} ${o.code}`), 'no 500s').toEqual([]);
      expect(outage.length, `requests were made while the database was ${what}`).toBeGreaterThan(atLeast);
      expect(outage.filter((o) => !(o.status === 503 && o.code === 'DATABASE_UNAVAILABLE')).map((o) => `${o.label} ${o.status} ${o.code}`), `while ${what}: 503 DATABASE_UNAVAILABLE`).toEqual([]);
    }

    it('fails fast with 503 while the database is down, reports it, recovers without a restart, and leaves nothing half-applied', async () => {
      const { admin, tokens, centerId, slots, newMember } = await setUpLoad();

      const run = load(c, county, admin, tokens, centerId, slots, newMember);
      await sleep(4_000);
      const killedAt = Date.now();
      await mariadb.kill();
      await sleep(1_000);
      const downFrom = Date.now();
      // While it is down: the health check says so, quickly.
      for (let i = 0; i < 3; i++) {
        const h = await c.call('health', 'GET', '/api/health');
        expect({ status: h.status, code: h.body?.code }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
        await sleep(1_000);
      }
      await sleep(2_000);
      const downUntil = Date.now();
      await mariadb.start();
      const restartedAt = Date.now();
      // It serves again by itself: no restart of the app.
      const healthyAt = await healthyAgain(restartedAt, 'the database starting');
      await sleep(4_000);
      await run.stop();

      const all = c.outcomes;
      const down = all.filter((o) => o.startedAt >= downFrom && o.endedAt <= downUntil);
      expectOutageAnswered(all, down, 'down', 20);
      const before = all.filter((o) => o.endedAt < killedAt);
      const after = all.filter((o) => o.startedAt >= healthyAt);
      for (const [phase, outcomes] of [['before the outage', before], ['after it', after]] as const) {
        for (const label of ['read', 'book', 'transfer']) {
          expect(outcomes.filter((o) => o.label === label && o.status >= 200 && o.status < 300).length, `${label} succeeded ${phase}`).toBeGreaterThan(0);
        }
      }
      await expectNothingHalfApplied(ds);
      console.log(
        `faults (MariaDB): ${all.length} requests; ${down.length} while down, all 503 in at most ${Math.max(...down.map((o) => o.endedAt - o.startedAt))} ms; ` +
          `healthy ${healthyAt - restartedAt} ms after the database started`,
      );
    }, 180_000);

    it('answers 503 within seconds while the database is frozen, serves again when it resumes, and leaves nothing half-applied', async () => {
      // A hung server, or a network that silently drops packets: connections stay open and nothing answers. Without
      // the answer timeout (mysql-answer-wait.ts) requests waited until TCP gave up, many minutes.
      const { admin, tokens, centerId, slots, newMember } = await setUpLoad();
      const run = load(c, county, admin, tokens, centerId, slots, newMember);
      await sleep(3_000);
      const frozenAt = Date.now();
      mariadb.freeze();
      let thawedAt = 0;
      try {
        await sleep(500);
        const h = await c.call('health', 'GET', '/api/health');
        expect({ status: h.status, code: h.body?.code }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
        await sleep(6_000);
      } finally {
        thawedAt = Date.now();
        mariadb.thaw();
      }
      const healthyAt = await healthyAgain(thawedAt, 'the database resuming');
      await sleep(3_000);
      await run.stop();

      const all = c.outcomes;
      const frozen = all.filter((o) => o.startedAt >= frozenAt && o.endedAt <= thawedAt);
      expectOutageAnswered(all, frozen, 'frozen', 10);
      for (const label of ['read', 'book', 'transfer']) {
        expect(all.filter((o) => o.label === label && o.startedAt >= healthyAt && o.status >= 200 && o.status < 300).length, `${label} succeeded after it`).toBeGreaterThan(0);
      }
      await expectNothingHalfApplied(ds);
      console.log(
        `faults (MariaDB frozen): ${all.length} requests; ${frozen.length} while frozen, all 503 in at most ${Math.max(...frozen.map((o) => o.endedAt - o.startedAt))} ms; ` +
          `healthy ${healthyAt - thawedAt} ms after it resumed`,
      );
    }, 180_000);
  } else {
    let app: NestFastifyApplication;
    let ds: DataSource;
    let county: MiniCounty;
    let dbPath: string;
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'zhdj-faults-'));
      dbPath = join(dir, 'faults.sqlite');
      ({ app, ds, county } = await startApp({ DB_TYPE: 'sqlite', DB_PATH: dbPath }));
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reads go on while another process holds the write lock; writes answer 503 without hanging, then resume by themselves', async () => {
      const c = new Client((await app.getUrl()).replace('[::1]', '127.0.0.1'));
      const admin = (await c.call('login', 'POST', '/api/auth/login', undefined, { username: 'county', password: county.password })).body.accessToken as string;
      const other = new Database(dbPath);
      other.pragma('journal_mode = WAL');
      other.exec('BEGIN IMMEDIATE');
      try {
        c.outcomes = [];
        const reads = Array.from({ length: 5 }, () => c.call('read', 'GET', `/api/members?orgId=${county.orgs.branchA1.id}`, admin));
        const writes = Array.from({ length: 6 }, (_, i) =>
          c.call('write', 'PATCH', `/api/organizations/${county.orgs.branchA2.id}`, admin, { contactPerson: `联系人${i}` }),
        );
        const [readResults, writeResults] = await Promise.all([Promise.all(reads), Promise.all(writes)]);
        expect(readResults.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
        expect(writeResults.map((r) => [r.status, r.body?.code])).toEqual(writeResults.map(() => [503, 'DATABASE_UNAVAILABLE']));
        // A transaction that has read cannot take the write lock from another process (WAL): it gives up at once.
        expect(c.outcomes.filter((o) => o.endedAt - o.startedAt > 2_000).map((o) => `${o.label} in ${o.endedAt - o.startedAt} ms`), 'no request hangs').toEqual([]);
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
      const again = await c.call('write', 'PATCH', `/api/organizations/${county.orgs.branchA2.id}`, admin, { contactPerson: '联系人' });
      expect(again.status).toBe(200);
      await expectNothingHalfApplied(ds);
    }, 120_000);
  }
});
