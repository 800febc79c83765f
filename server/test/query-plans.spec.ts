import { randomBytes } from 'node:crypto';
import { chinaYearMonth } from '@zhdj/shared';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.factory';
import { addDays, isWorkingDay, shanghaiDate } from '../src/common/calendar/china-calendar';
import { loadConfig } from '../src/config/app.config';
import { seedDemo } from '../src/database/prepare';
import { toDate } from '../src/common/database/db.service';
import { reserveOpenSteps } from '../src/transfers/transfer-serving';
import { captureQueries, type CapturedQuery, type QueryCapture } from './support/query-capture';
import { resetSchema, testDatabaseConfig } from './support/test-db';

/**
 * The SQL behind every hot path, captured from the real endpoints on the county-scale demo seed, must use indexes:
 * no full scan of the big tables and no sort of more than a page (architecture.md §9). MySQL answers EXPLAIN; SQLite
 * answers EXPLAIN QUERY PLAN — both are checked, with each driver's own words for the same two faults.
 */
const BIG = ['members', 'transfers', 'transfer_events', 'bookings', 'booking_slots', 'study_progress', 'study_enrolments', 'users', 'audit_log'];
const PASSWORD = 'Demo-2026-zhdj';

describe(`query plans of the hot paths on the county seed (${process.env.DB_TYPE ?? 'sqlite'})`, () => {
  let ds: DataSource;
  let http: ReturnType<typeof request>;
  let capture: QueryCapture;
  let close: () => Promise<void>;
  const tokens: Record<string, string> = {};
  const mysql = process.env.DB_TYPE === 'mysql';

  beforeAll(async () => {
    const { db, cleanup } = testDatabaseConfig();
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: randomBytes(32).toString('hex'), DATA_KEY: randomBytes(32).toString('hex'), DEMO_SEED: 'false', THROTTLE_LOGIN_PER_MINUTE: '1000' });
    config.db = db;
    const app = await createApp(config, { logger: ['error'], serveWeb: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    ds = app.get(DataSource);
    await resetSchema(ds);
    await seedDemo(app, 1, { write: () => true } as unknown as NodeJS.WriteStream);
    // MySQL keeps statistics of its own (ANALYZE makes them current after the bulk seed). SQLite has none unless
    // ANALYZE is run, and the app never runs it: its plans are checked as the embedded database makes them.
    if (mysql) await ds.query('ANALYZE TABLE members, transfers, transfer_events, bookings, booking_slots, organizations, users');
    http = request(app.getHttpServer());
    for (const u of ['admin', 'committee', 'branch', 'member']) {
      const r = await http.post('/api/auth/login').send({ username: u, password: PASSWORD });
      tokens[u] = r.body.accessToken;
    }
    capture = captureQueries(ds);
    close = async () => {
      await app.close();
      cleanup();
    };
  }, 600_000);
  afterAll(() => close?.());

  /**
   * SQLite names a scanned table by its alias (`SCAN a` for `FROM audit_log a`): the statement's own FROM and JOIN
   * clauses say which table that is.
   */
  function tablesByAlias(sql: string): Map<string, string> {
    const named = new Map<string, string>();
    const keyword = /^(WHERE|ON|USING|LEFT|RIGHT|INNER|OUTER|CROSS|NATURAL|JOIN|GROUP|ORDER|LIMIT|UNION|SET|AND|OR)$/i;
    for (const [, table, alias] of sql.matchAll(/\b(?:FROM|JOIN)\s+[`"]?(\w+)[`"]?(?:\s+(?:AS\s+)?[`"]?(\w+)[`"]?)?/gi)) {
      if (alias && !keyword.test(alias)) named.set(alias, table);
    }
    return named;
  }

  /** Asks the database how it would run each captured statement; returns the faults found. */
  async function faults(queries: CapturedQuery[]): Promise<string[]> {
    const found: string[] = [];
    for (const q of queries) {
      if (!/^\s*(SELECT|UPDATE|DELETE)/i.test(q.sql)) continue;
      if (mysql) {
        const rows: { table: string | null; type: string | null; rows: number | null; Extra: string | null; key: string | null }[] = await ds.query(`EXPLAIN ${q.sql}`, q.params);
        const named = tablesByAlias(q.sql);
        for (const r of rows) {
          const shown = (r.table ?? '').replace(/`/g, '');
          const table = named.get(shown) ?? shown;
          const base = BIG.find((b) => table === b || table.startsWith(b));
          if (base && r.type === 'ALL') found.push(`full scan of ${table} (${r.rows} rows): ${q.sql.slice(0, 160)}`);
          // A sort of keys read from an index alone (a page's ids, found before its lines are read) is cheap; a sort of
          // whole rows is the fault.
          const keysOnly = /Using index(?! condition)/i.test(r.Extra ?? '');
          if (base && /filesort/i.test(r.Extra ?? '') && !keysOnly && !/GROUP BY/i.test(q.sql) && Number(r.rows) > 100) found.push(`filesort over ${r.rows} rows of ${table}: ${q.sql.slice(0, 160)}`);
        }
      } else {
        const plan: { detail: string }[] = await ds.query(`EXPLAIN QUERY PLAN ${q.sql}`, q.params);
        const named = tablesByAlias(q.sql);
        for (const step of plan) {
          const scan = /^SCAN (\w+)(?: AS \w+)?$/.exec(step.detail.trim());
          const table = scan ? (named.get(scan[1]) ?? scan[1]) : undefined;
          if (table && BIG.some((b) => table === b || table.startsWith(b))) found.push(`full scan of ${table}: ${q.sql.slice(0, 160)}`);
        }
        // A temporary B-tree for ORDER BY means sorting every matching row rather than reading them in index order.
        // Sorting the groups of an aggregate (bounded by the number of organisations) is not a row sort.
        if (plan.some((s) => /USE TEMP B-TREE FOR ORDER BY/.test(s.detail)) && !/GROUP BY/i.test(q.sql) && BIG.some((b) => new RegExp(`\\b${b}\\b`).test(q.sql))) {
          const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM (${q.sql.replace(/\s+LIMIT\s+\d+\s*$/i, '')}) AS x`, q.params).catch(() => [{ n: 0 }]);
          if (Number(n) > 100) found.push(`sort of ${n} rows: ${q.sql.slice(0, 160)}`);
        }
      }
    }
    return found;
  }

  const scenario = (name: string, send: () => Promise<request.Response>) =>
    it(name, async () => {
      capture.start();
      const res = await send();
      const queries = capture.stop();
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBeLessThan(300);
      expect(queries.length).toBeGreaterThan(0);
      expect(await faults(queries)).toEqual([]);
    });

  it('the seed keeps the booking rules the API enforces, and has visits cancelled in the past as well as to come', async () => {
    // One visit a day per member at a centre (SAME_DAY_BOOKING), a cancelled one aside.
    const visits = (await ds.query("SELECT member_id, center_id, start_at FROM bookings WHERE status <> 'CANCELLED'")) as { member_id: number; center_id: number; start_at: unknown }[];
    // MySQL answers a Date; SQLite the UTC text `YYYY-MM-DD HH:MM:SS.sss`.
    const instant = (v: unknown) => (v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`));
    const chinaDay = (v: unknown) => new Date(instant(v).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const days = new Set(visits.map((v) => `${v.member_id}:${v.center_id}:${chinaDay(v.start_at)}`));
    expect(visits.length).toBeGreaterThan(1000);
    expect(days.size).toBe(visits.length);
    const [past] = await ds.query("SELECT COUNT(*) AS n FROM bookings WHERE status = 'CANCELLED' AND start_at < ?", [new Date()]);
    expect(Number(past.n)).toBeGreaterThan(0);
    // Proxy visits only where the centre accepts proxies (PROXY_NOT_ACCEPTED), and some where it does.
    const [proxies] = await ds.query(
      'SELECT SUM(CASE WHEN c.accepts_proxy THEN 0 ELSE 1 END) AS refused, SUM(CASE WHEN c.accepts_proxy THEN 1 ELSE 0 END) AS accepted FROM bookings b JOIN service_centers c ON c.id = b.center_id WHERE b.proxy_name IS NOT NULL',
    );
    expect(Number(proxies.refused ?? 0)).toBe(0);
    expect(Number(proxies.accepted)).toBeGreaterThan(0);
  });

  it('recognises the faults it looks for (a full scan and a large sort)', async () => {
    const bad = await faults([
      { sql: 'SELECT id FROM members WHERE is_mobile = ? ORDER BY birth_date LIMIT 20', params: [true] },
      { sql: 'SELECT id FROM transfers WHERE reason_detail = ?', params: ['x'] },
      { sql: 'SELECT a.id FROM audit_log a WHERE a.ip = ?', params: ['x'] },
    ]);
    expect(bad.join('\n')).toMatch(/members/);
    expect(bad.join('\n')).toMatch(/transfers/);
    // Both databases name an aliased table by its alias in their plans.
    expect(bad.join('\n')).toMatch(/full scan of audit_log\b/);
  });

  const as = (u: string) => ({ Authorization: `Bearer ${tokens[u]}` });
  const bigCommittee = async () => (await ds.query(`SELECT id, path FROM organizations WHERE level = 'COMMITTEE' ORDER BY subtree_member_count DESC, id LIMIT 1`))[0];
  const nextWorkingDay = () => {
    let d = addDays(shanghaiDate(new Date()), 2);
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };

  scenario('GET /api/me', () => http.get('/api/me').set(as('member')));
  scenario('GET /api/organizations/:root/children', async () => http.get('/api/organizations/1/children').set(as('admin')));
  // The county's organisations without an administrator, and those of them holding steps: per organisation, an index
  // look-up of who administers it (and of its open steps), never a scan of the users or the transfers.
  scenario('GET /api/organizations/:root/unstaffed (county)', async () => http.get('/api/organizations/1/unstaffed').set(as('admin')));
  scenario('GET /api/organizations/:root/unstaffed?waiting=true (county)', async () => http.get('/api/organizations/1/unstaffed?waiting=true').set(as('admin')));
  scenario('GET /api/members (first page of the largest committee)', async () => http.get(`/api/members?orgId=${(await bigCommittee()).id}&limit=20`).set(as('admin')));
  scenario('GET /api/members (a deep page)', async () => {
    const c = await bigCommittee();
    const rows = await ds.query('SELECT org_path, id FROM members WHERE org_path LIKE ? ORDER BY org_path, id', [c.path + '%']);
    const deep = rows[Math.floor(rows.length * 0.9)];
    const cursor = Buffer.from(JSON.stringify([deep.org_path, Number(deep.id)])).toString('base64url');
    return http.get(`/api/members?orgId=${c.id}&limit=20&cursor=${cursor}`).set(as('admin'));
  });
  // A filter's total, asked once per search: a committee of the median size reads its own range. (For the county, or
  // its largest committee with a fifth of the members, MariaDB reads the whole table instead, the cheaper plan for
  // that share: 8–10 ms on the county seed, measured 2026-12-03.)
  scenario('GET /api/members/count (probationary members of a median committee)', async () => {
    const committees: { id: number }[] = await ds.query(`SELECT id FROM organizations WHERE level = 'COMMITTEE' ORDER BY subtree_member_count, id`);
    return http.get(`/api/members/count?orgId=${committees[committees.length >> 1].id}&category=PROBATIONARY`).set(as('admin'));
  });
  scenario('GET /api/members?q= (name search in a committee)', async () => http.get(`/api/members?orgId=${(await bigCommittee()).id}&q=${encodeURIComponent('王')}`).set(as('admin')));
  scenario('GET /api/transfers?queue=todo (county)', () => http.get('/api/transfers?queue=todo').set(as('admin')));
  scenario('GET /api/transfers?queue=watching (county)', () => http.get('/api/transfers?queue=watching').set(as('admin')));
  scenario('GET /api/transfers?queue=todo (committee)', () => http.get('/api/transfers?queue=todo').set(as('committee')));
  scenario('GET /api/transfers?queue=todo (branch)', () => http.get('/api/transfers?queue=todo').set(as('branch')));
  scenario('GET /api/transfers?queue=done (committee)', () => http.get('/api/transfers?queue=done').set(as('committee')));
  scenario('GET /api/transfers/overview (county)', () => http.get('/api/transfers/overview').set(as('admin')));
  scenario('GET /api/transfers/mine (member)', () => http.get('/api/transfers/mine').set(as('member')));
  scenario('GET /api/notifications (member)', () => http.get('/api/notifications').set(as('member')));
  scenario('GET /api/service-centers/:id/availability (two weeks)', async () => {
    const [c] = await ds.query('SELECT id FROM service_centers ORDER BY id LIMIT 1');
    const from = shanghaiDate(new Date());
    return http.get(`/api/service-centers/${c.id}/availability?from=${from}&to=${addDays(from, 13)}`).set(as('member'));
  });
  scenario('POST /api/bookings (a booking)', async () => {
    const [c] = await ds.query('SELECT id FROM service_centers ORDER BY id DESC LIMIT 1');
    const day = nextWorkingDay();
    const days = (await http.get(`/api/service-centers/${c.id}/availability?from=${day}&to=${addDays(day, 6)}`).set(as('member'))).body as { slots: { start: string; free: number }[] }[];
    const slot = days.flatMap((d) => d.slots).find((s) => s.free > 0)!;
    capture.start(); // only the booking itself
    return http.post('/api/bookings').set(as('member')).send({ serviceCenterId: c.id, start: slot.start, purpose: 'CONSULTATION' });
  });
  it('a booking attempt reads only the member’s own visits (not every booked visit since the slot began)', async () => {
    const [c] = await ds.query('SELECT id FROM service_centers ORDER BY id LIMIT 1');
    const day = addDays(nextWorkingDay(), 1);
    const days = (await http.get(`/api/service-centers/${c.id}/availability?from=${day}&to=${addDays(day, 6)}`).set(as('member'))).body as { slots: { start: string; free: number }[] }[];
    const slot = days.flatMap((d) => d.slots).find((s) => s.free > 0)!;
    capture.start();
    const res = await http.post('/api/bookings').set(as('member')).send({ serviceCenterId: c.id, start: slot.start, purpose: 'CONSULTATION' });
    const queries = capture.stop();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const byMember = queries.filter((q) => /^\s*SELECT/i.test(q.sql) && /\bFROM\s+`?bookings`?/i.test(q.sql) && /member_id`?\s*=/i.test(q.sql));
    expect(byMember.length).toBeGreaterThan(0);
    for (const q of byMember) {
      const plan = mysql
        ? ((await ds.query(`EXPLAIN ${q.sql}`, q.params)) as { key: string | null }[]).map((r) => r.key ?? 'none').join(' ')
        : ((await ds.query(`EXPLAIN QUERY PLAN ${q.sql}`, q.params)) as { detail: string }[]).map((r) => r.detail).join(' ');
      expect(plan, q.sql).toMatch(/member/);
    }
  });
  scenario('GET /api/bookings/mine (member)', () => http.get('/api/bookings/mine').set(as('member')));
  scenario('GET /api/study/my (member)', () => http.get('/api/study/my').set(as('member')));
  scenario('GET /api/study/stats (root)', () => http.get('/api/study/stats?orgId=1').set(as('admin')));
  scenario('GET /api/study/stats (committee)', async () => {
    const [c] = await ds.query(`SELECT o.id FROM role_assignments ra JOIN users u ON u.id = ra.user_id JOIN organizations o ON o.id = ra.org_id WHERE u.username = 'committee'`);
    return http.get(`/api/study/stats?orgId=${c.id}`).set(as('committee'));
  });
  scenario('GET /api/letters/verify/:token', async () => {
    const [l] = await ds.query(`SELECT token FROM letters ORDER BY id LIMIT 1`);
    return http.get(`/api/letters/verify/${l.token}`);
  });
  // The audit screen's searches: an exact action (a rare one reads its own records, not the log back to its start) and
  // an account's records (through the actor and target indexes).
  scenario('GET /api/audit?action= (an exact action)', () => http.get('/api/audit?action=member.revealId').set(as('admin')));
  scenario('GET /api/audit?username= (an account)', () => http.get('/api/audit?username=member').set(as('admin')));

  it('the seeded transfers have a holder exactly while they are open (the to-do reads and the watching count rely on it)', async () => {
    const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM transfers WHERE (state IN ('COMPLETED', 'REJECTED', 'WITHDRAWN')) <> (holder_kind = 'NONE')`);
    expect(Number(n)).toBe(0);
  });

  it('the seeded transfers have the deadlines the API sets: none on an expired or revoked letter, a receipt due at the end of a day', async () => {
    // An expired or revoked letter waits for the member to ask for another: the seed once left its deadline running,
    // and 34 such transfers showed as overdue in the county's figures.
    const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM transfers WHERE state IN ('EXPIRED', 'REVOKED') AND due_at IS NOT NULL`);
    expect(Number(n)).toBe(0);
    const receipts: { due_at: string | Date }[] = await ds.query(
      `SELECT due_at FROM transfers WHERE state = 'LETTER_ISSUED' AND channel IN ('IN_PROVINCE', 'CROSS_PROVINCE', 'OUT_OF_SYSTEM')`,
    );
    expect(receipts.length).toBeGreaterThan(0);
    expect(receipts.filter((r) => !new Date(r.due_at).toISOString().endsWith('T15:59:59.999Z'))).toEqual([]);
  });

  it('no two seeded organisations share a full name (a destination is chosen by it, and letters carry it)', async () => {
    const same: { name: string }[] = await ds.query('SELECT name FROM organizations GROUP BY name HAVING COUNT(*) > 1');
    expect(same).toEqual([]);
  });

  it('the seeded open steps are served as the demo’s administrators stand (the to-do lists read it)', async () => {
    // Nothing left to re-serve, and a step at the committee the seed leaves without an administrator is the county's.
    expect(await reserveOpenSteps((sql, params) => ds.query(sql, params))).toBe(0);
    const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM transfers WHERE holder_kind IN ('BRANCH', 'COMMITTEE') AND served_org_path = '/1/'`);
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('the demo administrators’ 已办 holds the steps seeded in their name, which the timelines show them taking', async () => {
    for (const u of ['admin', 'committee', 'branch']) {
      const done = await http.get('/api/transfers?queue=done&limit=5').set(as(u));
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.items.length, u).toBeGreaterThan(0);
    }
    // No step left anonymous where the account it names exists.
    const [{ n }] = await ds.query(
      `SELECT COUNT(*) AS n FROM transfer_events e JOIN role_assignments r ON r.org_id = e.actor_org_id AND r.role = e.actor_role JOIN users u ON u.id = r.user_id AND u.display_name = e.actor_name
        WHERE e.actor_user_id IS NULL`,
    );
    expect(Number(n)).toBe(0);
  });

  it('the seeded events are numbered in the order they happened, so each administrator’s 已办 reads latest first', async () => {
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM transfer_events a JOIN transfer_events b ON b.id = a.id + 1 WHERE b.at < a.at');
    expect(Number(n)).toBe(0);
    for (const u of ['admin', 'committee', 'branch']) {
      const done = await http.get('/api/transfers?queue=done&limit=20').set(as(u));
      const times = (done.body.items as { actedAt: string }[]).map((s) => s.actedAt);
      expect(times, u).toEqual([...times].sort().reverse());
    }
  });

  it('the seeded members whose transfers passed a pre-review or a letter had paid their dues by then (the API refuses both otherwise)', async () => {
    const rows: { dues: string; at: unknown }[] = await ds.query(
      `SELECT m.dues_paid_through AS dues, MAX(e.at) AS at FROM transfers t JOIN members m ON m.id = t.member_id JOIN transfer_events e ON e.transfer_id = t.id
        WHERE e.action IN ('preApprove', 'issueLetter', 'reissue') AND t.channel <> 'INBOUND' GROUP BY t.id, m.dues_paid_through`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const behind = rows.filter((r) => r.dues < chinaYearMonth(toDate(r.at)!));
    expect(behind).toEqual([]);
  });

  it('the seeded transfers carry a return note only while returned (resubmitting clears it, as the API does)', async () => {
    const rows: { state: string; n: unknown }[] = await ds.query(`SELECT state, COUNT(*) AS n FROM transfers WHERE return_note IS NOT NULL GROUP BY state`);
    expect(rows.filter((r) => r.state !== 'RETURNED').map((r) => [r.state, Number(r.n)])).toEqual([]);
    expect(rows.some((r) => r.state === 'RETURNED')).toBe(true);
  });

  it('the seeded expired letters ran out before the expiry job closed them, and their transfers expired after that', async () => {
    const letters: { validUntil: unknown; closedAt: unknown; expiredAt: unknown }[] = await ds.query(
      `SELECT l.valid_until AS validUntil, l.closed_at AS closedAt, (SELECT MAX(e.at) FROM transfer_events e WHERE e.transfer_id = l.transfer_id AND e.action = 'expire') AS expiredAt
         FROM letters l WHERE l.status = 'EXPIRED'`,
    );
    expect(letters.length).toBeGreaterThan(0);
    const ms = (v: unknown) => (v instanceof Date ? v.getTime() : Date.parse(`${String(v).replace(' ', 'T')}Z`));
    expect(letters.filter((l) => !(ms(l.closedAt) > ms(l.validUntil) && ms(l.expiredAt) > ms(l.validUntil) && ms(l.expiredAt) <= Date.now()))).toEqual([]);
  });

  // The county's to-do holds about a dozen steps on the county seed and a hundred at ten times it. Its conditions read
  // the holder index out of queue order, so its matches are sorted: that must not be a sort of whole lines joined to
  // their names. SQLite sorts the page's ids alone; MySQL sorts the transfers (the top 21, as it reads them) before it
  // joins the names, which its plan shows as a filesort of the first table without a temporary table. Here a hundred
  // and twenty more steps wait at the county for the length of the check.
  it('GET /api/transfers?queue=todo (county, with a hundred more steps waiting)', async () => {
    const moved: { id: number; holder_kind: string; holder_org_id: number; holder_org_path: string }[] = await ds.query(
      // Branches' and committees' steps alike, about 600 of them: branches alone hold barely more than 120 (118 on a
      // seed made on 2026-12-07, before the seed drew the same numbers whatever the day).
      `SELECT id, holder_kind, holder_org_id, holder_org_path FROM transfers WHERE holder_kind IN ('BRANCH', 'COMMITTEE') ORDER BY id LIMIT 120`,
    );
    expect(moved.length).toBe(120);
    const ids = moved.map((t) => t.id);
    await ds.query(`UPDATE transfers SET holder_kind = 'COUNTY', holder_org_id = 1, holder_org_path = '/1/' WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
    try {
      capture.start();
      const res = await http.get('/api/transfers?queue=todo').set(as('admin'));
      const queries = capture.stop();
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(20);
      expect(res.body.counts.todo).toBeGreaterThan(99);
      const found = await faults(queries);
      if (mysql) {
        const page = queries.find((q) => /step_started_at/.test(q.sql) && /\bJOIN\b/.test(q.sql))!;
        // The page's own tables (the statement also carries the tabs' counts, subqueries of their own with ids above 1:
        // 'done' counts distinct transfers through a temporary table, as it did in a statement of its own).
        const plan: { id: number | string; table: string | null; Extra: string | null }[] = (await ds.query(`EXPLAIN ${page.sql}`, page.params)).filter(
          (r: { id: number | string }) => Number(r.id) === 1,
        );
        expect(plan[0].table).toBe('t');
        expect(plan.map((r) => r.Extra ?? '').join('; ')).not.toMatch(/Using temporary/);
        expect(found.filter((f) => !f.startsWith('filesort over'))).toEqual([]);
      } else {
        expect(found).toEqual([]);
      }
    } finally {
      for (const t of moved) await ds.query('UPDATE transfers SET holder_kind = ?, holder_org_id = ?, holder_org_path = ? WHERE id = ?', [t.holder_kind, t.holder_org_id, t.holder_org_path, t.id]);
    }
  });
});
