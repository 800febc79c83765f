import { chinaDate, shiftDate, TRANSFER_CHANNEL_LABELS_EN, TRANSFER_CHANNEL_LABELS_ZH, TRANSFER_STATE_LABELS_EN, TRANSFER_STATE_LABELS_ZH } from '@zhdj/shared';
import { getWorkdaysInRange } from 'chinese-days';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeIdNumber } from './factories/mini-county';
import { addLoginMembers, extendForTransfers } from './factories/transfer-county';
import { auditSince, expectError, lastAuditId, login } from './support/http';
import { captureQueries } from './support/query-capture';
import { fillWorkingDays } from '../src/database/migrations/1764740000000-transfer-working-days';
import { rebuildTransferTally } from '../src/transfers/transfer-tally';
import { toDate } from '../src/common/database/db.service';
import { startTestApp, type TestApp } from './support/test-app';
import { expectTallyAsRebuilt, recountOverview } from './support/transfer-tally';
import { CHECKLIST, OUTSIDE, TransferClient } from './support/transfers';
import { binary, readSheet } from './support/xlsx';

type Queue = 'todo' | 'watching' | 'done' | 'all';
interface Summary {
  id: number;
  state: string;
  channel: string;
  dueAt: string | null;
  overdue: boolean;
  holder: { kind: string; org: { id: number } | null };
  actedAt?: string;
}

const shanghaiDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
/** Working days after `from` up to and including `to`, on the official calendar (调休 Saturdays count). */
const workingDaysAfter = (from: string, to: string) => (to <= from ? 0 : getWorkdaysInRange(addDays(from, 1), to, true).length);

/** Queues (to do, watching, done) with counts, filters and keyset pages; deadlines and overdue; notifications; the overview. */
describe('transfer queues, deadlines, notifications and overview over HTTP', () => {
  let t: TestApp;
  let tc: TransferClient;
  const T: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp();
    tc = new TransferClient(t);
    await extendForTransfers(t);
    const { orgs } = t.county;
    await addLoginMembers(t, orgs.branchA1, ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10']);
    await addLoginMembers(t, orgs.branchA2, ['a2a', 'a2b']);
    const toB1 = { channel: 'IN_COUNTY', destinationOrgId: orgs.branchB1.id, reason: 'JOB_CHANGE' };
    T.draft = (await tc.create('q1', toB1)).id;
    T.returned = (await tc.submitted('q2', toB1)).id;
    await tc.step('branchA1', T.returned, 'return', 'RETURNED', { missing: ['请补充联系电话', '请补交党费 2 个月'] });
    for (const q of ['q3', 'q4', 'q5', 'q6']) T[q] = (await tc.submitted(q, toB1)).id;
    T.preApproved = (await tc.preApproved('q7', toB1)).id;
    T.approved = (await tc.approved('q8', toB1)).id;
    // branchA2 has no administrator of its own: its committee is told, and must find it in its queue.
    T.noBranchAdmin = (await tc.submitted('a2a', toB1)).id;
    T.issuedToB = (await tc.issued('a2b', toB1, 'committeeA')).id;
    const cp = await tc.submitted('memberB1', OUTSIDE.CROSS_PROVINCE);
    await tc.step('branchB1', cp.id, 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
    T.atCounty = (await tc.step('committeeB', cp.id, 'approve', 'COMMITTEE_APPROVED')).id;
    T.completed = (await tc.issued('memberA1', toB1)).id;
    await tc.step('committeeB', T.completed, 'accept', 'ACCEPTED', { destinationBranchId: orgs.branchB1.id });
    await tc.step('branchB1', T.completed, 'confirmReported', 'COMPLETED');
    for (const q of ['q9', 'q10']) {
      T[q] = (await tc.issued(q, OUTSIDE.IN_PROVINCE)).id;
      await tc.step('committeeA', T[q], 'recordReceipt', 'COMPLETED', { receiptHandler: '李四' });
    }
  });
  afterAll(() => t.close());

  async function waiting(user: string): Promise<{ todo: number; overdue: number }> {
    const r = await t.http.get('/api/transfers/waiting').set(await t.as(user));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { todo: number; overdue: number };
  }

  async function page(user: string, queue: Queue, query: Record<string, string | number | boolean> = {}) {
    const r = await t.http.get('/api/transfers').query({ queue, ...query }).set(await t.as(user));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { items: Summary[]; nextCursor: string | null; counts: Record<Queue, number>; total?: number };
  }

  /** Walks every page of a queue; fails on a repeated item. */
  async function all(user: string, queue: Queue, query: Record<string, string | number | boolean> = {}, limit = 100): Promise<Summary[]> {
    const out: Summary[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const p = await page(user, queue, { ...query, limit, ...(cursor ? { cursor } : {}) });
      out.push(...p.items);
      cursor = p.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(out.map((s) => s.id)).size, 'no item on two pages').toBe(out.length);
    return out;
  }
  const ids = (items: Summary[]) => items.map((s) => s.id).sort((a, b) => a - b);
  const sorted = (...xs: number[]) => [...xs].sort((a, b) => a - b);

  describe('queues', () => {
    it('a member: their draft or returned application is to do; the rest they watch; what they did is done', async () => {
      expect(ids(await all('q1', 'todo'))).toEqual([T.draft]);
      expect(ids(await all('q2', 'todo'))).toEqual([T.returned]);
      expect(ids(await all('q3', 'todo'))).toEqual([]);
      expect(ids(await all('q3', 'watching'))).toEqual([T.q3]);
      expect(ids(await all('q3', 'done'))).toEqual([T.q3]);
      const p = await page('q3', 'todo');
      expect(p.counts).toEqual({ todo: 0, watching: 1, done: 1 });
      // Finished transfers leave the to-do and watching queues, and stay in done.
      expect(ids(await all('memberA1', 'watching'))).toEqual([]);
      expect(ids(await all('memberA1', 'done'))).toEqual([T.completed]);
    });

    it('a branch administrator: pre-reviews to do; later steps of their members watched; what they acted on done', async () => {
      const todo = await all('branchA1', 'todo');
      expect(ids(todo)).toEqual(sorted(T.q3, T.q4, T.q5, T.q6));
      expect(todo.every((s) => s.state === 'SUBMITTED' && s.holder.kind === 'BRANCH')).toBe(true);
      // Oldest waiting first.
      expect(todo.map((s) => s.id)).toEqual([T.q3, T.q4, T.q5, T.q6]);
      expect(ids(await all('branchA1', 'watching'))).toEqual(sorted(T.draft, T.returned, T.preApproved, T.approved));
      const done = await all('branchA1', 'done', {}, 4);
      expect(ids(done)).toEqual(sorted(T.returned, T.preApproved, T.approved, T.completed, T.q9, T.q10));
      // In the order the branch acted, latest first, each with when it did (not when anyone last did), across pages.
      const [me] = await t.ds.query('SELECT id FROM users WHERE username = ?', ['branchA1']);
      const acted = await t.ds.query('SELECT transfer_id, MAX(at) AS at FROM transfer_events WHERE actor_user_id = ? GROUP BY transfer_id', [me.id]);
      const when = new Map(acted.map((r: { transfer_id: unknown; at: unknown }) => [Number(r.transfer_id), toDate(r.at)!.toISOString()]));
      expect(done.map((s) => s.actedAt)).toEqual(done.map((s) => when.get(s.id)));
      expect(done.map((s) => s.actedAt!)).toEqual(done.map((s) => s.actedAt!).sort().reverse());
      expect((await all('branchA1', 'todo')).every((s) => s.actedAt === undefined)).toBe(true);
      expect((await page('branchA1', 'todo')).counts).toEqual({ todo: 4, watching: 4, done: 6 });
    });

    it('a committee administrator: approvals, letters to issue, and the steps of branches without an administrator', async () => {
      const todo = ids(await all('committeeA', 'todo'));
      expect(todo).toEqual(sorted(T.preApproved, T.approved, T.noBranchAdmin));
      const watching = ids(await all('committeeA', 'watching'));
      expect(watching).toEqual(sorted(T.draft, T.returned, T.q3, T.q4, T.q5, T.q6, T.issuedToB));
      const counts = (await page('committeeA', 'watching')).counts;
      expect(counts).toMatchObject({ todo: 3, watching: 7 });
      // The receiving side: committeeB accepts the letter addressed to it and watches what is coming — once submitted;
      // a draft is still the applicant's own business.
      expect(ids(await all('committeeB', 'todo'))).toEqual([T.issuedToB]);
      expect(ids(await all('committeeB', 'watching'))).toEqual(
        sorted(T.returned, T.q3, T.q4, T.q5, T.q6, T.preApproved, T.approved, T.noBranchAdmin, T.atCounty),
      );
      expect((await t.http.get(`/api/transfers/${T.draft}`).set(await t.as('committeeB'))).status).toBe(404);
    });

    it('the county administrator: what only the county approves is to do; everything else open is watched', async () => {
      expect(ids(await all('county', 'todo'))).toEqual([T.atCounty]);
      const open: { id: number }[] = await t.ds.query(`SELECT id FROM transfers WHERE state NOT IN ('COMPLETED', 'REJECTED', 'WITHDRAWN') AND id <> ?`, [T.atCounty]);
      expect(ids(await all('county', 'watching'))).toEqual(open.map((r) => Number(r.id)).sort((a, b) => a - b));
      // The county approved nothing yet, so its done queue is empty; the counts agree with the lists.
      expect((await page('county', 'done')).counts).toEqual({ todo: 1, watching: open.length, done: 0 });
    });

    it('a transfer has a holder exactly while it is open (the to-do reads and the watching count rely on it)', async () => {
      const [{ n }] = await t.ds.query(
        `SELECT COUNT(*) AS n FROM transfers WHERE (state IN ('COMPLETED', 'REJECTED', 'WITHDRAWN')) <> (holder_kind = 'NONE')`,
      );
      expect(Number(n)).toBe(0);
      const [{ total }] = await t.ds.query(`SELECT COUNT(*) AS total FROM transfers WHERE holder_kind = 'NONE'`);
      expect(Number(total)).toBeGreaterThan(0);
    });

    it('filters by state, channel, organisation and overdue', async () => {
      expect(ids(await all('committeeA', 'watching', { state: 'SUBMITTED' }))).toEqual(sorted(T.q3, T.q4, T.q5, T.q6));
      expect(ids(await all('county', 'todo', { channel: 'CROSS_PROVINCE' }))).toEqual([T.atCounty]);
      expect(ids(await all('county', 'watching', { channel: 'CROSS_PROVINCE' }))).toEqual([]);
      expect(ids(await all('committeeA', 'watching', { orgId: t.county.orgs.branchA2.id }))).toEqual([T.issuedToB]);
      expect(ids(await all('county', 'done', { channel: 'IN_PROVINCE' }))).toEqual([]);
      expect(ids(await all('committeeA', 'done', { channel: 'IN_PROVINCE' }))).toEqual(sorted(T.q9, T.q10));
      // An organisation outside your scope is not a filter you can use.
      const r = await t.http.get('/api/transfers').query({ queue: 'watching', orgId: t.county.orgs.branchB1.id }).set(await t.as('committeeA'));
      expect(r.status).toBe(404);
      for (const bad of [{ queue: 'mine' }, { state: 'LOST' }, { limit: 0 }, { limit: 101 }, { overdue: 'maybe' }, { cursor: 'not-a-cursor' }]) {
        const b = await t.http.get('/api/transfers').query(bad).set(await t.as('county'));
        expect(b.status, JSON.stringify(bad)).toBe(400);
      }
    });

    it('every page carries the whole queues’ counts, never the size of a filtered or partial page', async () => {
      for (const user of ['q3', 'branchA1', 'committeeA', 'county']) {
        const whole = Object.fromEntries(await Promise.all((['todo', 'watching', 'done'] as Queue[]).map(async (q) => [q, (await all(user, q)).length])));
        for (const queue of ['todo', 'watching', 'done'] as Queue[]) {
          const first = await page(user, queue, { limit: 1 });
          const pages = [first, await page(user, queue), await page(user, queue, { state: 'SUBMITTED' }), await page(user, queue, { channel: 'CROSS_PROVINCE' })];
          if (first.nextCursor) pages.push(await page(user, queue, { limit: 100, cursor: first.nextCursor }));
          for (const p of pages) expect(p.counts, `${user} ${queue}`).toEqual(whole);
        }
      }
    });

    it('on MySQL a to-do or watching page reads its lines and the tabs’ counts in one statement after the session’s', async () => {
      // A second statement for the counts cost MySQL another round trip: a fifth of a queue page's time in the database.
      // (SQLite, with no round trips, reads the counts on their own: its to-do page is read in another form.) A to-do
      // page that holds its whole queue is its count; a watching page is usually full, and carries its own count.
      const capture = captureQueries(t.ds);
      for (const user of ['branchA1', 'committeeA', 'county']) {
        const auth = await t.as(user);
        for (const [queue, limit] of [['todo', 20], ['watching', 2]] as [Queue, number][]) {
          capture.start();
          const r = await t.http.get('/api/transfers').query({ queue, limit }).set(auth).expect(200);
          const statements = capture.stop().map((q) => q.sql.replace(/\s+/g, ' '));
          // The to-do condition reads nothing first: each transfer names the organisation serving its step.
          expect(statements.filter((sql) => /FROM [`"]?role_assignments/.test(sql)), `${user} ${queue}`).toEqual([]);
          const reads = statements.filter((sql) => /FROM [`"]?transfers[`"]? t\b/.test(sql));
          expect(reads, `${user} ${queue}:\n${statements.join('\n')}`).toHaveLength(process.env.DB_TYPE === 'mysql' ? 1 : 2);
          expect(r.body.counts, `${user} ${queue}`).toEqual((await page(user, 'done')).counts);
        }
      }
    });

    it('keyset pages walk every queue without repeating or losing an item', async () => {
      for (const [user, queue] of [
        ['branchA1', 'todo'],
        ['branchA1', 'watching'],
        ['branchA1', 'done'],
        ['committeeA', 'watching'],
        ['committeeB', 'watching'],
        ['county', 'watching'],
        ['committeeA', 'done'],
      ] as [string, Queue][]) {
        const whole = await all(user, queue);
        expect(whole.length, `${user} ${queue}`).toBeGreaterThan(2);
        for (const limit of [1, 2, 3]) {
          const paged = await all(user, queue, {}, limit);
          expect(paged.map((s) => s.id), `${user} ${queue} by ${limit}`).toEqual(whole.map((s) => s.id));
        }
      }
    });
    it('every line names the member and the organisations its transfer’s detail names, incoming and outbound ones too', async () => {
      // The lines read these names in the page's own statement (LEFT JOINs), the detail by id: they must agree.
      let checked = 0;
      const kinds = new Set<string>();
      for (const [user, queue] of [
        ['county', 'watching'],
        ['county', 'todo'],
        ['committeeA', 'done'],
        ['committeeB', 'watching'],
        ['branchA1', 'done'],
        ['memberA1', 'done'],
      ] as [string, Queue][]) {
        for (const line of (await all(user, queue)) as (Summary & Record<string, unknown>)[]) {
          const detail = await t.http.get(`/api/transfers/${line.id}`).set(await t.as(user));
          expect(detail.status).toBe(200);
          const pick = (x: Record<string, unknown>) => ({ member: x.member, source: x.source, destination: x.destination, holder: x.holder });
          expect(pick(line), `transfer ${line.id} in ${user}'s ${queue}`).toEqual(pick(detail.body));
          kinds.add(`${line.channel} ${(line.destination as { org: unknown }).org ? 'org' : 'named'} ${line.holder.org ? 'held' : 'free'}`);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
      // Lines with and without a destination organisation and a holding organisation were among them.
      expect([...kinds].some((k) => k.includes(' named'))).toBe(true);
      expect([...kinds].some((k) => k.includes(' org'))).toBe(true);
      expect([...kinds].some((k) => k.endsWith('free'))).toBe(true);
      expect([...kinds].some((k) => k.endsWith('held'))).toBe(true);
    });
  });

  describe('the ledger (all) and its export', () => {
    /** Every application (not a draft) whose source, issuer or receiving committee lies under one of the paths. */
    async function inScope(...paths: string[]): Promise<number[]> {
      const rows: { id: number }[] = await t.ds.query(
        `SELECT id FROM transfers WHERE state <> 'DRAFT' AND (${paths.map(() => '(source_org_path LIKE ? OR issuer_org_path LIKE ? OR destination_committee_path LIKE ?)').join(' OR ')})`,
        paths.flatMap((p) => [`${p}%`, `${p}%`, `${p}%`]),
      );
      return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    }

    it('lists every application in scope whatever its state, finished ones too, drafts never, the latest moved first', async () => {
      const { orgs } = t.county;
      const branch = await all('branchA1', 'all');
      expect(ids(branch)).toEqual(sorted(T.returned, T.q3, T.q4, T.q5, T.q6, T.preApproved, T.approved, T.completed, T.q9, T.q10));
      expect(ids(await all('committeeA', 'all'))).toEqual(await inScope(orgs.committeeA.path));
      expect(ids(await all('committeeB', 'all'))).toEqual(await inScope(orgs.committeeB.path));
      const everything: { id: number }[] = await t.ds.query(`SELECT id FROM transfers WHERE state <> 'DRAFT'`);
      expect(ids(await all('county', 'all'))).toEqual(everything.map((r) => Number(r.id)).sort((a, b) => a - b));
      // Finished ones are here, where no other list of an administrator who did not act on them shows them.
      expect(ids(await all('committeeB', 'all'))).toEqual(expect.arrayContaining([T.completed]));
      expect(ids(await all('committeeB', 'done'))).not.toContain(T.q9);
      // A member: their own applications, not their draft.
      expect(ids(await all('q3', 'all'))).toEqual([T.q3]);
      expect(ids(await all('q1', 'all'))).toEqual([]);
      // The most recently moved first, as in the watching list.
      const moved: { id: number; updated_at: string }[] = await t.ds.query(
        `SELECT id, updated_at FROM transfers WHERE id IN (${branch.map(() => '?').join(',')}) ORDER BY updated_at DESC, id DESC`,
        branch.map((s) => s.id),
      );
      expect(branch.map((s) => s.id)).toEqual(moved.map((r) => Number(r.id)));
    });

    it('filters as the other lists do, pages without repeats, and leaves the three tabs’ counts as they are', async () => {
      expect(ids(await all('committeeA', 'all', { state: 'COMPLETED' }))).toEqual(sorted(T.completed, T.q9, T.q10));
      expect(ids(await all('committeeA', 'all', { channel: 'IN_PROVINCE' }))).toEqual(sorted(T.q9, T.q10));
      expect(ids(await all('committeeA', 'all', { orgId: t.county.orgs.branchA2.id }))).toEqual(sorted(T.noBranchAdmin, T.issuedToB));
      for (const user of ['branchA1', 'committeeA', 'county']) {
        const whole = await all(user, 'all');
        expect(whole.length).toBeGreaterThan(3);
        for (const limit of [1, 3]) expect((await all(user, 'all', {}, limit)).map((s) => s.id), `${user} by ${limit}`).toEqual(whole.map((s) => s.id));
        // The first page says how many match, whether it holds them all or not; a later page does not repeat it.
        for (const limit of [1, 100]) expect((await page(user, 'all', { limit })).total, `${user} by ${limit}`).toBe(whole.length);
        const completed = await all(user, 'all', { state: 'COMPLETED' });
        expect((await page(user, 'all', { state: 'COMPLETED', limit: 1 })).total).toBe(completed.length);
        const second = await page(user, 'all', { limit: 1, cursor: (await page(user, 'all', { limit: 1 })).nextCursor! });
        expect(second.total).toBeUndefined();
        expect((await page(user, 'watching')).total).toBeUndefined();
        const counts = (await page(user, 'todo')).counts;
        expect(Object.keys(counts).sort()).toEqual(['done', 'todo', 'watching']);
        expect((await page(user, 'all')).counts, user).toEqual(counts);
        expect((await page(user, 'all', { limit: 1 })).counts, user).toEqual(counts);
      }
    });

    it('narrows any list to the days of submission, as Xinyi counts them', async () => {
      const submitted: { id: number; submitted_at: string | Date }[] = await t.ds.query(`SELECT id, submitted_at FROM transfers WHERE state <> 'DRAFT'`);
      const days = [...new Set(submitted.map((r) => shanghaiDay(new Date(r.submitted_at).toISOString())))].sort();
      const first = days[0];
      const last = days[days.length - 1];
      expect(ids(await all('county', 'all', { submittedFrom: first, submittedTo: last }))).toHaveLength(submitted.length);
      expect(ids(await all('county', 'all', { submittedFrom: addDays(last, 1) }))).toEqual([]);
      expect(ids(await all('county', 'all', { submittedTo: addDays(first, -1) }))).toEqual([]);
      // A transfer submitted at 07:30 in Xinyi (23:30 UTC the day before) belongs to Xinyi's day.
      const day = addDays(last, 20);
      await t.ds.query('UPDATE transfers SET submitted_at = ? WHERE id = ?', [new Date(`${addDays(day, -1)}T23:30:00Z`), T.q9]);
      try {
        expect(ids(await all('county', 'all', { submittedFrom: day, submittedTo: day }))).toEqual([T.q9]);
        expect(ids(await all('committeeA', 'done', { submittedFrom: day }))).toEqual([T.q9]);
        expect(ids(await all('county', 'all', { submittedTo: addDays(day, -1) }))).not.toContain(T.q9);
      } finally {
        await t.ds.query('UPDATE transfers SET submitted_at = ? WHERE id = ?', [submitted.find((r) => Number(r.id) === T.q9)!.submitted_at, T.q9]);
      }
      for (const bad of [{ submittedFrom: '2026-13-01' }, { submittedTo: '1 Dec 2026' }, { submittedFrom: '2026-12-02', submittedTo: '2026-12-01' }]) {
        expectError(await t.http.get('/api/transfers').query({ queue: 'all', ...bad }).set(await t.as('county')), 400, 'VALIDATION_FAILED');
      }
    });

    const exportOf = async (who: string, query: Record<string, string | number> = {}) =>
      t.http.get('/api/transfers/export').query(query).set(await t.as(who)).buffer(true).parse(binary);

    it('exports the ledger as a workbook: the list’s applications in the order submitted, numbered, with their letters', async () => {
      // One application submitted before all the others (an earlier id does not make it earlier in the ledger).
      const [{ first }] = await t.ds.query(`SELECT MIN(submitted_at) AS first FROM transfers`);
      const [{ was }] = await t.ds.query('SELECT submitted_at AS was FROM transfers WHERE id = ?', [T.q6]);
      await t.ds.query('UPDATE transfers SET submitted_at = ? WHERE id = ?', [new Date(new Date(first).getTime() - 86400_000), T.q6]);
      try {
        await exportsInOrder();
      } finally {
        await t.ds.query('UPDATE transfers SET submitted_at = ? WHERE id = ?', [was, T.q6]);
      }
    });

    async function exportsInOrder() {
      const res = await exportOf('committeeA');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('组织关系转接台账-'));
      expect(res.headers['cache-control']).toContain('no-store');
      const { sheetNames, rows } = await readSheet(res.body as Buffer);
      expect(sheetNames).toEqual(['转接台账']);
      const [header, ...lines] = rows;
      expect(header).toEqual(['序号', '姓名', '转接类型', '转出党组织', '转入党组织（去向）', '转接原因', '状态', '当前办理', '办理期限', '是否超期', '提交日期', '介绍信编号', '开具日期', '有效期至', '办结日期', '报到后谈话']);
      const col = (h: string) => header.indexOf(h);
      // In the order of submission (ties by id), not the list's latest-moved-first.
      const listed = [...((await all('committeeA', 'all')) as (Summary & { submittedAt: string })[])].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id - b.id);
      expect(lines).toHaveLength(listed.length);
      expect(lines.map((r) => r[col('序号')])).toEqual(listed.map((_, i) => String(i + 1)));
      for (const [i, line] of listed.entries()) {
        const detail = (await tc.get('committeeA', line.id)) as unknown as { member: { name: string }; letter: { serial: string; issuedAt: string; validUntil: string } | null; submittedAt: string };
        const row = lines[i];
        expect(row[col('姓名')], `transfer ${line.id}`).toBe(detail.member.name);
        expect(row[col('提交日期')]).toBe(shanghaiDay(detail.submittedAt));
        expect(row[col('介绍信编号')] ?? '').toBe(detail.letter?.serial ?? '');
      }
      expect(lines[0][col('姓名')]).toBe(((await tc.get('committeeA', T.q6)) as unknown as { member: { name: string } }).member.name);
      const byId = (id: number) => lines[listed.findIndex((s) => s.id === id)];
      expect(byId(T.completed)[col('状态')]).toBe('已完成');
      expect(byId(T.completed)[col('办结日期')]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(byId(T.completed)[col('当前办理')] ?? '').toBe('');
      // Completed into a branch of the county: the receiving branch's talk is due within seven days of reporting.
      expect(byId(T.completed)[col('报到后谈话')]).toMatch(/^待谈话（\d{4}-\d{2}-\d{2}前）$/);
      expect(byId(T.q3)[col('报到后谈话')] ?? '').toBe('');
      expect(byId(T.q3)[col('状态')]).toBe('待初审');
      expect(byId(T.q3)[col('当前办理')]).toBe(t.county.orgs.branchA1.name);
      expect(byId(T.q3)[col('转入党组织（去向）')]).toBe(t.county.orgs.branchB1.name);
      expect(byId(T.q9)[col('转接类型')]).toBe('省内转出');
      expect(byId(T.q9)[col('介绍信编号')]).toMatch(/\d{4}/);
      // Names and organisations only: no ID numbers, no phones.
      const text = rows.map((r) => r.join('\t')).join('\n');
      expect(text).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);
    }

    it('exports the ledger in English when the screen asks in English: the same rows, headed and worded in English', async () => {
      const zh = await readSheet((await exportOf('committeeA')).body as Buffer);
      const res = await t.http.get('/api/transfers/export').set(await t.as('committeeA')).set('Accept-Language', 'en').buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('Transfer ledger-'));
      const en = await readSheet(res.body as Buffer);
      expect(en.sheetNames).toEqual(['Transfers']);
      const [header, ...lines] = en.rows;
      expect(header).toEqual(['No.', 'Name', 'Kind', 'From', 'To', 'Reason', 'State', 'With', 'Due', 'Overdue', 'Submitted', 'Letter no.', 'Letter issued', 'Letter valid until', 'Completed', 'Talk after reporting']);
      expect(lines).toHaveLength(zh.rows.length - 1);
      // Cell for cell the Chinese ledger, its codes in English words: names, organisations, dates and serials as recorded.
      const inEnglish = (labelsZh: Record<string, string>, labelsEn: Record<string, string>) => (zhWord: string) => labelsEn[Object.keys(labelsZh).find((k) => labelsZh[k] === zhWord)!];
      const state = inEnglish(TRANSFER_STATE_LABELS_ZH, TRANSFER_STATE_LABELS_EN);
      const channel = inEnglish(TRANSFER_CHANNEL_LABELS_ZH, TRANSFER_CHANNEL_LABELS_EN);
      for (const [i, row] of lines.entries()) {
        const was = zh.rows[i + 1];
        for (const c of [0, 1, 3, 4, 8, 10, 11, 12, 13, 14]) expect(row[c] ?? '', `row ${i + 1}, column ${header[c]}`).toBe(was[c] ?? '');
        expect(row[6]).toBe(state(was[6]));
        expect(row[2]).toBe(channel(was[2]));
        expect(row[9]).toBe(was[9] === '是' ? 'yes' : 'no');
        expect(row[7] ?? '').toBe(was[7] === '本人' ? 'The member' : (was[7] ?? ''));
        expect(row[15] ?? '').toBe((was[15] ?? '').replace(/^待谈话（(.+)前(，已超期)?）$/, (_, due: string, late?: string) => `Due by ${due}${late ? ', overdue' : ''}`));
      }
      expect(lines.some((r) => r[15]?.startsWith('Due by '))).toBe(true);
      // Nothing left in Chinese but what was recorded so (names and organisations).
      const worded = lines.flatMap((r) => [r[2], r[5]?.split(': ')[0], r[6], r[7] === 'The member' ? r[7] : '', r[9], r[15]?.startsWith('Due') ? r[15] : '']);
      expect(worded.filter((w) => /[\u4e00-\u9fff]/.test(w ?? ''))).toEqual([]);
      // A garbled preference is no preference: the county's Chinese ledger, not a refusal.
      const garbled = await t.http.get('/api/transfers/export').set(await t.as('committeeA')).set('Accept-Language', "' OR 1=1").buffer(true).parse(binary);
      expect(garbled.status).toBe(200);
      expect((await readSheet(garbled.body as Buffer)).rows[0][0]).toBe('序号');
    });

    it('exports with the list’s filters, records who exported how many rows, and refuses what the list refuses', async () => {
      const before = await lastAuditId(t.ds);
      const res = await exportOf('committeeA', { state: 'COMPLETED', orgId: t.county.orgs.committeeA.id });
      expect(res.status).toBe(200);
      const { rows } = await readSheet(res.body as Buffer);
      expect(rows.length - 1).toBe(3);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent(`组织关系转接台账-${t.county.orgs.committeeA.shortName}-`));
      const audit = await auditSince(t.ds, before);
      expect(audit).toEqual([expect.objectContaining({ action: 'transfer.export', target_type: 'organization', target_id: String(t.county.orgs.committeeA.id), actor_user_id: t.county.users.committeeA })]);
      expect(JSON.parse(audit[0].detail!)).toMatchObject({ rows: 3, filter: { state: 'COMPLETED' } });

      const refused = await lastAuditId(t.ds);
      expectError(await t.http.get('/api/transfers/export').set(await t.as('q3')), 403, 'FORBIDDEN');
      expectError(await t.http.get('/api/transfers/export').query({ orgId: t.county.orgs.committeeA.id }).set(await t.as('committeeB')), 404, 'NOT_FOUND');
      expectError(await t.http.get('/api/transfers/export').query({ submittedFrom: '2026-12-02', submittedTo: '2026-12-01' }).set(await t.as('county')), 400, 'VALIDATION_FAILED');
      expectError(await t.http.get('/api/transfers/export').query({ state: 'LOST' }).set(await t.as('county')), 400, 'VALIDATION_FAILED');
      expectError(await t.http.get('/api/transfers/export'), 401, 'UNAUTHENTICATED');
      expect(await auditSince(t.ds, refused)).toEqual([]);
    });
  });

  describe('deadlines', () => {
    it('each administrative step is due at the end of the third working day on the official calendar', async () => {
      const view = await tc.get('branchA1', T.q3);
      const events = view.events as { action: string; at: string }[];
      const started = events.at(-1)!.at;
      const due = view.dueAt as string;
      expect(new Date(due).getTime() % 86400_000).toBe(16 * 3600_000 - 1); // 23:59:59.999 in Xinyi
      expect(workingDaysAfter(shanghaiDay(started), shanghaiDay(due))).toBe(3);
      expect(getWorkdaysInRange(shanghaiDay(due), shanghaiDay(due), true)).toEqual([shanghaiDay(due)]);
      // Steps the member holds have no organisational deadline; an outbound letter waits a month for its receipt.
      expect((await tc.get('q1', T.draft)).dueAt).toBeNull();
      expect((await tc.get('q2', T.returned)).dueAt).toBeNull();
    });

    it('a step past its due date is flagged overdue in the queues and filters', async () => {
      expect((await all('branchA1', 'todo', { overdue: true })).length).toBe(0);
      // The menu's badge: the to-do tab's count, and how many of those are overdue.
      const branchTodo = (await page('branchA1', 'todo')).counts.todo;
      const committeeTodo = (await page('committeeA', 'todo')).counts.todo;
      expect(branchTodo).toBeGreaterThan(0);
      expect(await waiting('branchA1')).toEqual({ todo: branchTodo, overdue: 0 });
      await t.ds.query('UPDATE transfers SET due_at = ? WHERE id = ?', [new Date(Date.now() - 3600_000), T.q4]);
      await recountOverview(t.ds);
      expect(await waiting('branchA1')).toEqual({ todo: branchTodo, overdue: 1 });
      expect(await waiting('committeeA')).toEqual({ todo: committeeTodo, overdue: 0 }); // watching it, not holding it
      const todo = await all('branchA1', 'todo');
      expect(todo.filter((s) => s.overdue).map((s) => s.id)).toEqual([T.q4]);
      expect(ids(await all('branchA1', 'todo', { overdue: true }))).toEqual([T.q4]);
      expect(ids(await all('committeeA', 'watching', { overdue: true }))).toEqual([T.q4]);
      expect((await tc.get('q4', T.q4)).overdue).toBe(true);
      // Acting on it starts a new step with a new deadline.
      const next = await tc.step('branchA1', T.q4, 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
      expect(next.overdue).toBe(false);
      expect(new Date(next.dueAt as string).getTime()).toBeGreaterThan(Date.now());
      expect(ids(await all('committeeA', 'todo', { overdue: true }))).toEqual([]);
      expect(await waiting('branchA1')).toEqual({ todo: branchTodo - 1, overdue: 0 });
      expect(await waiting('committeeA')).toEqual({ todo: committeeTodo + 1, overdue: 0 });
      // A member's own: an application returned to them to complete (no organisation's deadline on it), or nothing.
      expect(await waiting('q2')).toEqual({ todo: 1, overdue: 0 });
      expect(await waiting('q3')).toEqual({ todo: 0, overdue: 0 });
      expectError(await t.http.get('/api/transfers/waiting').set({}), 401, 'UNAUTHENTICATED');
    });

    it('filters the steps due later today (Xinyi’s day), the overdue ones, or both', async () => {
      const day = 86400_000;
      const xinyi = 8 * 3600_000;
      // Deadlines are the last millisecond of a day in Xinyi: tonight's, tomorrow night's, and one already past.
      const tonight = new Date(Math.floor((Date.now() + xinyi) / day) * day + day - xinyi - 1);
      const kept = (await t.ds.query('SELECT id, due_at FROM transfers WHERE id IN (?, ?, ?)', [T.q3, T.q5, T.q6])) as { id: number; due_at: unknown }[];
      const set = async (id: number, due: Date) => t.ds.query('UPDATE transfers SET due_at = ? WHERE id = ?', [due, id]);
      await set(T.q5, tonight);
      await set(T.q3, new Date(tonight.getTime() + day));
      await set(T.q6, new Date(Date.now() - 3600_000));
      try {
        expect(ids(await all('branchA1', 'todo', { dueToday: true }))).toEqual([T.q5]);
        expect(ids(await all('branchA1', 'todo', { overdue: true }))).toEqual([T.q6]);
        expect(ids(await all('branchA1', 'todo', { dueToday: true, overdue: true }))).toEqual(sorted(T.q5, T.q6));
        expect(ids(await all('branchA1', 'todo', { dueToday: false }))).toEqual(ids(await all('branchA1', 'todo')));
        // The county sees the same step due today among those it watches; a member's own list filters the same way.
        expect(ids(await all('county', 'watching', { dueToday: true }))).toContain(T.q5);
        expect(ids(await all('q5', 'watching', { dueToday: true }))).toEqual([T.q5]);
        expect(ids(await all('q3', 'watching', { dueToday: true }))).toEqual([]);
        // Only open steps have deadlines: the ledger's completed transfers are never due today.
        expect(ids(await all('committeeA', 'all', { dueToday: true }))).toEqual([T.q5]);
        expectError(await t.http.get('/api/transfers').query({ dueToday: 'maybe' }).set(await t.as('branchA1')), 400, 'VALIDATION_FAILED');
      } finally {
        for (const row of kept) await t.ds.query('UPDATE transfers SET due_at = ? WHERE id = ?', [row.due_at, row.id]);
      }
    });
  });

  describe('notifications', () => {
    interface Note {
      id: number;
      kind: string;
      title: string;
      body: string;
      link: string;
      read: boolean;
      params: Record<string, string | number> | null;
    }
    async function notes(user: string): Promise<Note[]> {
      const out: Note[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string | number> = cursor ? { limit: 7, cursor } : { limit: 7 };
        const r = await t.http.get('/api/notifications').query(query).set(await t.as(user));
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        const body = r.body as { items: Note[]; nextCursor: string | null };
        out.push(...body.items);
        cursor = body.nextCursor;
      } while (cursor);
      return out;
    }
    const about = (list: Note[], id: number, kind: string) => list.filter((n) => n.kind === kind && n.link.endsWith(`/transfers/${id}`));

    it('the member hears of every change; whoever must act next is told it is their turn', async () => {
      const { orgs } = t.county;
      await addLoginMembers(t, orgs.branchA1, ['n1']);
      for (const u of ['branchA1', 'committeeA', 'committeeB', 'branchB1', 'county', 'villageA']) await notes(u);
      const before = Object.fromEntries(await Promise.all(['branchA1', 'committeeA', 'committeeB', 'branchB1', 'villageA', 'memberB1'].map(async (u) => [u, (await notes(u)).length])));
      const id = (await tc.create('n1', { channel: 'IN_COUNTY', destinationOrgId: orgs.branchB1.id, reason: 'JOB_CHANGE' })).id;
      const steps: [string, string, string, Record<string, unknown>, string | null][] = [
        ['n1', 'submit', 'SUBMITTED', {}, 'branchA1'],
        ['branchA1', 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST }, 'committeeA'],
        ['committeeA', 'approve', 'APPROVED', {}, 'committeeA'],
        ['committeeA', 'issueLetter', 'LETTER_ISSUED', {}, 'committeeB'],
        ['committeeB', 'accept', 'ACCEPTED', { destinationBranchId: orgs.branchB1.id }, 'branchB1'],
        ['branchB1', 'confirmReported', 'COMPLETED', {}, null],
      ];
      for (const [n, [user, action, state, extra, next]] of steps.entries()) {
        await tc.step(user, id, action, state, extra);
        expect(about(await notes('n1'), id, 'transfer.changed'), `member after ${action}`).toHaveLength(n + 1);
        if (next) expect(about(await notes(next), id, 'transfer.actionNeeded').length, `${next} after ${action}`).toBeGreaterThanOrEqual(1);
      }
      const memberNotes = about(await notes('n1'), id, 'transfer.changed');
      expect(memberNotes[0].title).toContain('已完成');
      expect(memberNotes.at(-1)!.title).toContain('待初审');
      // With the facts they say, for the web app to word them in English: the state as its code, where it goes.
      expect(memberNotes[0].params).toEqual({ state: 'COMPLETED', destination: orgs.branchB1.name });
      // Once placed, the member is told the branch to report to, in the notice itself.
      const placed = memberNotes.find((n) => n.params?.state === 'ACCEPTED')!;
      expect(placed.params).toEqual({ state: 'ACCEPTED', destination: orgs.branchB1.name, branch: orgs.branchB1.name });
      expect(placed.body).toBe(`编入 ${orgs.branchB1.name}，请尽快到该支部报到`);
      // A returned application's notice lists everything to add, all at once (一次性告知).
      const returned = about(await notes('q2'), T.returned, 'transfer.changed').find((n) => n.params?.state === 'RETURNED')!;
      expect(returned.body).toBe('需要补正：请补充联系电话；请补交党费 2 个月');
      expect(returned.params).toMatchObject({ missing: '请补充联系电话；请补交党费 2 个月' });
      const todo = about(await notes('branchA1'), id, 'transfer.actionNeeded')[0];
      expect(todo.params).toEqual({ state: 'SUBMITTED', destination: orgs.branchB1.name, member: 'n1' });
      expect(todo.title).toBe('待办：n1 的组织关系转接（待初审）');
      // Each step taken settles the to-dos sent for it: none is left unread once the transfer is complete.
      for (const user of ['branchA1', 'committeeA', 'committeeB', 'branchB1']) {
        expect(about(await notes(user), id, 'transfer.actionNeeded').filter((n) => !n.read), user).toEqual([]);
      }
      // Each administrator was told once per step waiting on them, and uninvolved ones not at all.
      expect(about(await notes('branchA1'), id, 'transfer.actionNeeded')).toHaveLength(1);
      expect(about(await notes('committeeA'), id, 'transfer.actionNeeded')).toHaveLength(2);
      expect(about(await notes('committeeB'), id, 'transfer.actionNeeded')).toHaveLength(1);
      expect(about(await notes('branchB1'), id, 'transfer.actionNeeded')).toHaveLength(1);
      expect((await notes('villageA')).length).toBe(before.villageA);
      expect((await notes('memberB1')).length).toBe(before.memberB1);
      // A branch without its own administrator: the committee above is told instead, and told why it is theirs.
      const a = (await tc.get('committeeA', T.noBranchAdmin)) as unknown as { id: number; member: { name: string } };
      const served = about(await notes('committeeA'), a.id, 'transfer.holderUnstaffed');
      expect(served).toHaveLength(1);
      expect(served[0].title).toMatch(new RegExp(`^待办（.+ 尚无管理员）：${a.member.name} 的组织关系转接（待初审）$`));
      expect(about(await notes('committeeA'), a.id, 'transfer.actionNeeded')).toHaveLength(0);
    });

    it('unread count, list, mark one read, read all — and someone else’s notification is 404', async () => {
      const count = async (user: string) => (await t.http.get('/api/notifications/unread-count').set(await t.as(user)).expect(200)).body.unread as number;
      const list = await notes('n1');
      expect(list.length).toBeGreaterThanOrEqual(6);
      expect(await count('n1')).toBe(list.filter((n) => !n.read).length);
      expect(list.map((n) => n.id)).toEqual([...list.map((n) => n.id)].sort((a, b) => b - a));
      const first = list[0];
      const other = (await notes('branchA1')).find((n) => !n.read)!;
      let r = await t.http.post(`/api/notifications/${other.id}/read`).set(await t.as('n1'));
      expect(r.status).toBe(404);
      expect((await notes('branchA1')).find((n) => n.id === other.id)!.read).toBe(false);
      r = await t.http.post(`/api/notifications/999999/read`).set(await t.as('n1'));
      expect(r.status).toBe(404);
      const unreadBefore = await count('n1');
      r = await t.http.post(`/api/notifications/${first.id}/read`).set(await t.as('n1'));
      expect(r.status).toBe(204);
      expect(await count('n1')).toBe(unreadBefore - 1);
      // Marking it again is harmless.
      expect((await t.http.post(`/api/notifications/${first.id}/read`).set(await t.as('n1'))).status).toBe(204);
      expect(await count('n1')).toBe(unreadBefore - 1);
      const unreadOnly = await t.http.get('/api/notifications').query({ unread: true, limit: 50 }).set(await t.as('n1')).expect(200);
      expect(unreadOnly.body.items.map((n: Note) => n.id)).not.toContain(first.id);
      expect(unreadOnly.body.unread).toBe(unreadBefore - 1);
      const all = await t.http.post('/api/notifications/read-all').set(await t.as('n1'));
      expect(all.status).toBe(200);
      expect(all.body).toEqual({ marked: unreadBefore - 1 });
      expect(await count('n1')).toBe(0);
      expect(await count('branchA1')).toBeGreaterThan(0);
    });
  });

  describe('overview', () => {
    const stateCounts = (where: string, params: unknown[]) => stateCountsOf(t, where, params);

    it('counts by state, completed this month, median working days and overdue per organisation add up against the database', async () => {
      const { orgs } = t.county;
      // Every transfer so far was made through the API: the overview's counters were kept at each step.
      await expectTallyAsRebuilt(t.ds);
      // Give the three completed transfers known durations.
      const completed: { id: number; completed_at: unknown }[] = await t.ds.query(`SELECT id, completed_at FROM transfers WHERE state = 'COMPLETED' ORDER BY id`);
      const durations: number[] = [];
      for (const [i, row] of completed.entries()) {
        const done = await t.ds.query('SELECT completed_at FROM transfers WHERE id = ?', [row.id]);
        const completedAt = new Date(done[0].completed_at instanceof Date ? done[0].completed_at : `${String(done[0].completed_at).replace(' ', 'T')}Z`);
        const submittedAt = new Date(completedAt.getTime() - [3, 12, 25, 40][i % 4] * 86400_000);
        await t.ds.query('UPDATE transfers SET submitted_at = ? WHERE id = ?', [submittedAt, row.id]);
        durations.push(workingDaysAfter(shanghaiDay(submittedAt.toISOString()), shanghaiDay(completedAt.toISOString())));
      }
      // Durations are stored at completion; the migration's filler recomputes them from the times just set.
      await fillWorkingDays(t.ds);
      durations.sort((a, b) => a - b);
      const median = durations.length % 2 ? durations[(durations.length - 1) / 2] : (durations[durations.length / 2 - 1] + durations[durations.length / 2]) / 2;
      // Two more overdue steps, held by two organisations.
      await t.ds.query('UPDATE transfers SET due_at = ? WHERE id IN (?, ?)', [new Date(Date.now() - 86400_000), T.preApproved, T.issuedToB]);
      // Rows changed behind the API's back: the counters are computed again, as after a migration.
      await recountOverview(t.ds);

      const r = await t.http.get('/api/transfers/overview').set(await t.as('county'));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const all = await stateCounts('1 = 1', []);
      expect(Object.fromEntries(Object.entries(r.body.byState).filter(([, n]) => n))).toEqual(all);
      // In progress: the applications submitted and not yet finished — what the ledger lists less its finished ones. A
      // member's draft is theirs until they submit it (shown by state, not counted as in progress).
      expect(all.DRAFT).toBeGreaterThan(0);
      const [{ n: open }] = await t.ds.query(`SELECT COUNT(*) AS n FROM transfers WHERE state NOT IN ('COMPLETED', 'REJECTED', 'WITHDRAWN', 'DRAFT')`);
      expect(r.body.open).toBe(Number(open));
      const ledger = await t.http.get('/api/transfers').query({ queue: 'all' }).set(await t.as('county')).expect(200);
      const finished = (all.COMPLETED ?? 0) + (all.REJECTED ?? 0) + (all.WITHDRAWN ?? 0);
      expect(r.body.open).toBe(ledger.body.total - finished);
      const monthStart = new Date(Date.parse(`${shanghaiDay(new Date().toISOString()).slice(0, 8)}01T00:00:00Z`) - 8 * 3600_000);
      const [{ n: thisMonth }] = await t.ds.query(`SELECT COUNT(*) AS n FROM transfers WHERE state = 'COMPLETED' AND completed_at >= ?`, [monthStart]);
      expect(r.body.completedThisMonth).toBe(Number(thisMonth));
      expect(r.body.completedThisMonth).toBe(completed.length);
      expect(r.body.medianWorkingDays).toBe(median);
      const overdue: { holder_org_id: number; n: number }[] = await t.ds.query(
        `SELECT holder_org_id, COUNT(*) AS n FROM transfers WHERE state NOT IN ('COMPLETED', 'REJECTED', 'WITHDRAWN') AND due_at < ? GROUP BY holder_org_id`,
        [new Date()],
      );
      expect(r.body.overdue).toBe(overdue.reduce((s, o) => s + Number(o.n), 0));
      expect(r.body.overdue).toBeGreaterThanOrEqual(2);
      expect(
        r.body.overdueByOrganization.map((o: { org: { id: number }; overdue: number }) => [o.org.id, o.overdue]).sort((a: number[], b: number[]) => a[0] - b[0]),
      ).toEqual(overdue.map((o) => [Number(o.holder_org_id), Number(o.n)]).sort((a, b) => a[0] - b[0]));

      // A committee sees its own side: transfers from or to its subtree.
      const b = await t.http.get('/api/transfers/overview').set(await t.as('committeeB')).expect(200);
      const like = orgs.committeeB.path + '%';
      expect(Object.fromEntries(Object.entries(b.body.byState).filter(([, n]) => n))).toEqual(
        await stateCounts('(source_org_path LIKE ? OR destination_committee_path LIKE ?)', [like, like]),
      );
      const scoped = await t.http.get('/api/transfers/overview').query({ orgId: orgs.branchA1.id }).set(await t.as('committeeA')).expect(200);
      expect(Object.values(scoped.body.byState as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(
        Object.values(await stateCounts('source_org_path LIKE ?', [orgs.branchA1.path + '%'])).reduce((s, n) => s + n, 0),
      );
      expect((await t.http.get('/api/transfers/overview').query({ orgId: orgs.branchA1.id }).set(await t.as('committeeB'))).status).toBe(404);
      expect((await t.http.get('/api/transfers/overview').set(await t.as('q1'))).status).toBe(403);
    });

    it('an administrator of two committees sees both sides at once, a transfer between them counted once', async () => {
      const { orgs, users } = t.county;
      // committeeA's administrator is given committee B as well (counted from the transfers, not from one organisation's counters).
      await t.ds.query('INSERT INTO role_assignments (user_id, role, org_id, created_at) VALUES (?, ?, ?, ?)', [users.committeeA, 'COMMITTEE_ADMIN', orgs.committeeB.id, new Date()]);
      try {
        const r = await t.http.get('/api/transfers/overview').set(await t.as('committeeA'));
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        const [a, b] = [orgs.committeeA.path + '%', orgs.committeeB.path + '%'];
        const where = '(source_org_path LIKE ? OR destination_committee_path LIKE ? OR source_org_path LIKE ? OR destination_committee_path LIKE ?)';
        const both = await stateCounts(where, [a, a, b, b]);
        expect(Object.fromEntries(Object.entries(r.body.byState).filter(([, n]) => n))).toEqual(both);
        // Transfers from A to B are in both subtrees: the sum of the two committees' own overviews counts them twice.
        const between = await stateCounts('source_org_path LIKE ? AND destination_committee_path LIKE ?', [a, b]);
        expect(Object.values(between).reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
        const monthStart = new Date(Date.parse(`${shanghaiDay(new Date().toISOString()).slice(0, 8)}01T00:00:00Z`) - 8 * 3600_000);
        const done: { working_days: number | null; completed_at: unknown }[] = await t.ds.query(
          `SELECT working_days, completed_at FROM transfers WHERE ${where} AND state = 'COMPLETED' AND completed_at >= ?`,
          [a, a, b, b, monthStart],
        );
        expect(r.body.completedThisMonth).toBe(done.length);
        const days = done.map((d) => Number(d.working_days)).sort((x, y) => x - y);
        const median = days.length ? (days.length % 2 ? days[(days.length - 1) / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2) : null;
        expect(r.body.medianWorkingDays).toBe(median);
      } finally {
        await t.ds.query('DELETE FROM role_assignments WHERE user_id = ? AND org_id = ?', [users.committeeA, orgs.committeeB.id]);
      }
    });
  });

  it('the organisation directory serves a member’s destination picker: names, codes, levels, parents — no people, no counts', async () => {
    const r = await t.http.get('/api/organizations/directory').query({ q: 'branchB1' }).set(await t.as('q1'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual([
      { id: t.county.orgs.branchB1.id, name: t.county.orgs.branchB1.name, shortName: t.county.orgs.branchB1.shortName, code: 'T-branchB1', level: 'BRANCH', parentName: t.county.orgs.committeeB.name },
    ]);
    const byCode = await t.http.get('/api/organizations/directory').query({ q: 'T-committeeB' }).set(await t.as('q1')).expect(200);
    expect(byCode.body.map((o: { id: number }) => o.id)).toEqual([t.county.orgs.committeeB.id]);
    // What the picker returns is what an application accepts.
    const draft = await tc.get('q1', T.draft);
    const edited = await t.http.patch(`/api/transfers/${T.draft}`).set(await t.as('q1')).send({ version: draft.version, destinationOrgId: byCode.body[0].id });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.destination).toMatchObject({ org: { id: t.county.orgs.committeeB.id }, name: t.county.orgs.committeeB.name });
    // Sent outside the county instead: the receiving committee no longer counts the draft in its overview.
    const outside = await t.http.patch(`/api/transfers/${T.draft}`).set(await t.as('q1')).send({ version: edited.body.version, ...OUTSIDE.IN_PROVINCE });
    expect(outside.status, JSON.stringify(outside.body)).toBe(200);
    expect(outside.body.destination.org).toBeNull();
    await expectTallyAsRebuilt(t.ds);
    const people = await t.http.get('/api/organizations/directory').query({ q: 'q1' }).set(await t.as('q1')).expect(200);
    expect(people.body).toEqual([]);
  });
  describe('when the month has turned in Xinyi but not yet in UTC', () => {
    // 01:00 on 1 December 2026 in Xinyi is still 30 November in UTC: business dates follow Xinyi.
    const xinyiDecember = new Date('2026-11-30T17:00:00Z');

    it('“completed this month” and the probation flag follow the Xinyi calendar', async () => {
      const { orgs } = t.county;
      await addLoginMembers(t, orgs.branchA1, ['probEnds1130'], { category: 'PROBATIONARY', joinedAt: '2025-11-30', probationEndsAt: '2026-11-30', duesPaidThrough: '2026-12' });
      const s = await tc.submitted('probEnds1130', { channel: 'IN_COUNTY', destinationOrgId: orgs.branchB1.id, reason: 'JOB_CHANGE' });
      // Two completions either side of midnight in Xinyi on 30 November / 1 December.
      await t.ds.query('UPDATE transfers SET completed_at = ? WHERE id = ?', [new Date('2026-11-30T10:00:00Z'), T.q9]);
      await t.ds.query('UPDATE transfers SET completed_at = ? WHERE id = ?', [new Date('2026-11-30T16:30:00Z'), T.q10]);
      await rebuildTransferTally(t.ds);
      vi.useFakeTimers({ toFake: ['Date'], now: xinyiDecember });
      try {
        const county = await login(t, 'county');
        const branch = await login(t, 'branchA1');
        const r = await t.http.get('/api/transfers/overview').set(county.auth).expect(200);
        // December in Xinyi, both ends: the fixtures' other transfers completed at the real time of the run, which from
        // January 2027 on is after the month the faked clock stands in.
        const [{ n }] = await t.ds.query(`SELECT COUNT(*) AS n FROM transfers WHERE state = 'COMPLETED' AND completed_at >= ? AND completed_at < ?`, [
          new Date('2026-11-30T16:00:00Z'),
          new Date('2026-12-31T16:00:00Z'),
        ]);
        expect(r.body.completedThisMonth).toBe(Number(n));
        // Probation ended on 30 November: on 1 December (Xinyi) the reviewer is warned, and pre-approval refused.
        const seen = await t.http.get(`/api/transfers/${s.id}`).set(branch.auth).expect(200);
        expect(seen.body.flags).toEqual({ duesOwedMonths: 0, probationOverdue: true });
        const pre = await t.http.post(`/api/transfers/${s.id}/actions`).set(branch.auth).send({ action: 'preApprove', checklist: CHECKLIST, version: seen.body.version });
        expect({ status: pre.status, code: pre.body.code }).toEqual({ status: 409, code: 'TRANSFER_ACTION_NOT_ALLOWED' });
      } finally {
        vi.useRealTimers();
      }
    });
  });

  it('a branch moved to another committee takes its transfers along: paths, visibility and overview figures follow', async () => {
    const { orgs } = t.county;
    const oldPath = orgs.branchA1.path;
    const [{ n: before }] = await t.ds.query('SELECT COUNT(*) AS n FROM transfers WHERE source_org_path = ?', [oldPath]);
    expect(Number(before)).toBeGreaterThan(0);
    // A transfer from branchA1 to outside the county is none of committee B's business — until the branch is theirs.
    expect((await t.http.get(`/api/transfers/${T.q9}`).set(await t.as('committeeB'))).status).toBe(404);
    const moved = await t.http.post(`/api/organizations/${orgs.branchA1.id}/move`).set(await t.as('county')).send({ parentId: orgs.committeeB.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const newPath = `${orgs.committeeB.path}${orgs.branchA1.id}/`;
    const [{ n: after }] = await t.ds.query('SELECT COUNT(*) AS n FROM transfers WHERE source_org_path = ?', [newPath]);
    expect(Number(after)).toBe(Number(before));
    for (const column of ['source_org_path', 'holder_org_path', 'destination_branch_path']) {
      const [{ n: stale }] = await t.ds.query(`SELECT COUNT(*) AS n FROM transfers WHERE ${column} LIKE ?`, [oldPath + '%']);
      expect(Number(stale), column).toBe(0);
    }
    expect((await t.http.get(`/api/transfers/${T.q9}`).set(await t.as('committeeB'))).status).toBe(200);
    // Each side's overview counts what its subtree now holds.
    for (const [who, org] of [['committeeB', orgs.committeeB], ['committeeA', orgs.committeeA], ['committeeB', orgs.branchA1]] as const) {
      const r = await t.http.get('/api/transfers/overview').query({ orgId: org.id }).set(await t.as(who));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const [{ path }] = await t.ds.query('SELECT path FROM organizations WHERE id = ?', [org.id]);
      const like = path + '%';
      expect(Object.fromEntries(Object.entries(r.body.byState).filter(([, n]) => n)), `${who} → ${path}`).toEqual(
        await stateCountsOf(t, '(source_org_path LIKE ? OR destination_committee_path LIKE ?)', [like, like]),
      );
    }
  });

  describe('finding a transfer by who it is for', () => {
    const matching = async (where: string, params: unknown[]) =>
      ((await t.ds.query(`SELECT t.id FROM transfers t LEFT JOIN members m ON m.id = t.member_id WHERE t.state <> 'DRAFT' AND ${where}`, params)) as { id: number }[])
        .map((r) => Number(r.id))
        .sort((a, b) => a - b);

    it('by the beginning of the member’s name, a mobile number or a letter’s number, in any list, within scope only', async () => {
      const detail = (await tc.get('county', T.q3)) as unknown as { member: { name: string }; phone: string };
      const name = detail.member.name;
      const byName = await all('county', 'all', { q: name });
      expect(ids(byName)).toEqual(await matching('m.name LIKE ?', [`${name}%`]));
      expect(ids(byName)).toContain(T.q3);
      // The surname alone: everyone whose name begins with it (a prefix, not anywhere in the name).
      const surname = [...name][0];
      expect(ids(await all('county', 'all', { q: surname }))).toEqual(await matching('m.name LIKE ?', [`${surname}%`]));
      expect(ids(await all('county', 'all', { q: ` ${name} ` })), 'spaces around are ignored').toEqual(ids(byName));
      // The application's contact number.
      expect(ids(await all('county', 'all', { q: detail.phone }))).toEqual(await matching('(t.phone = ? OR m.phone = ?)', [detail.phone, detail.phone]));
      expect(ids(await all('county', 'all', { q: detail.phone }))).toContain(T.q3);
      // A letter's number: the one transfer.
      const letter = ((await tc.get('county', T.q9)) as unknown as { letter: { serial: string } }).letter;
      expect(ids(await all('county', 'all', { q: letter.serial }))).toEqual([T.q9]);
      // The other lists search the same way; a search never reaches past the caller's scope.
      expect(ids(await all('county', 'watching', { q: name }))).toContain(T.q3);
      expect(ids(await all('branchB1', 'all', { q: name }))).not.toContain(T.q3);
      expect(ids(await all('county', 'all', { q: '不存在的名字' }))).toEqual([]);
      expectError(await t.http.get('/api/transfers').query({ queue: 'all', q: '王'.repeat(51) }).set(await t.as('county')), 400, 'VALIDATION_FAILED');
    });

    it('finds an arriving member by the name on their letter before their record exists, and by that letter’s number', async () => {
      const reg = await t.http
        .post('/api/transfers/inbound')
        .set(await t.as('committeeB'))
        .send({
          destinationOrgId: t.county.orgs.branchB1.id,
          incomingLetterNo: '2026320102099',
          sourceOrgName: '中共南京市玄武区委组织部',
          sourceRegion: '江苏省南京市',
          validUntil: shiftDate(chinaDate(), 30),
          name: '覃新来',
          sex: 'F',
          ethnicity: '汉族',
          birthDate: '1992-03-04',
          idNumber: fakeIdNumber('1992-03-04', 'F'),
          phone: '13905169876',
          education: 'MASTER',
          category: 'FULL',
          joinedAt: '2015-06-30',
          duesPaidThrough: '2026-10',
          reason: 'JOB_CHANGE',
        });
      expect(reg.status, JSON.stringify(reg.body)).toBe(201);
      const id = reg.body.id as number;
      for (const q of ['覃新', '覃新来', '2026320102099', '13905169876']) expect(ids(await all('committeeB', 'all', { q })), q).toContain(id);
      expect(ids(await all('committeeB', 'all', { q: '新来' })), 'a prefix, not anywhere in the name').not.toContain(id);
      // The workbook holds what the search found.
      const res = await t.http.get('/api/transfers/export').query({ q: '覃新来' }).set(await t.as('committeeB')).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      const { rows } = await readSheet(res.body as Buffer);
      expect(rows.slice(1).map((r) => r[1])).toEqual(['覃新来']);
    });
  });
});

async function stateCountsOf(t: TestApp, where: string, params: unknown[]): Promise<Record<string, number>> {
  const rows: { state: string; n: number }[] = await t.ds.query(`SELECT state, COUNT(*) AS n FROM transfers WHERE ${where} GROUP BY state`, params);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
