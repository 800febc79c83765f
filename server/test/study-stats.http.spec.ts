import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeStudyCounters, rebuildStudyCounters } from '../src/study/study-counters';
import { StudyReminderJob } from '../src/study/study-reminder.job';
import { addMembers } from './factories/mini-county';
import { expectError } from './support/http';
import { captureQueries } from './support/query-capture';
import { expectCountersConsistent, StudyClient, today } from './support/study';
import { startTestApp, type TestApp } from './support/test-app';
import { binary, readSheet } from './support/xlsx';

interface Row {
  org: { id: number; name: string; childCount: number };
  members: number;
  enrolled: number;
  completed: number;
  completionRate: number | null;
  overdue: number;
  avgClassHours: number;
}

/** Every key anywhere in a JSON value. */
const keysOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap(keysOf) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]) : [];

describe('study follow-up: figures that add up, drill-down, export, reminders — no rankings', () => {
  let t: TestApp;
  let s: StudyClient;
  let article: number;
  let everyone: number;
  let overdueTrack: number;
  let overdueAssignment: number;
  const learners: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    s = new StudyClient(t);
    const { orgs } = t.county;
    // More members, each able to log in as m<id>.
    const extra = [
      ...(await addMembers(t.app, orgs.branchA2, 6)),
      ...(await addMembers(t.app, orgs.branchAG1, 4)),
      ...(await addMembers(t.app, orgs.branchB1, 5, (i) => ({ isRetired: i < 2 }))),
    ];
    const [{ password_hash: hash }] = await t.ds.query('SELECT password_hash FROM users WHERE username = ?', ['memberA1']);
    for (const id of extra) {
      await t.ds.query('UPDATE users SET username = ?, password_hash = ?, password_changed_at = ? WHERE member_id = ?', [`m${id}`, hash, new Date(), id]);
      learners.push(`m${id}`);
    }
    article = await s.article({ minReadSeconds: 30, classHours: 2 });
    const second = await s.article({ title: '基层治理案例', minReadSeconds: 30, classHours: 1 });
    everyone = await s.track([{ moduleId: article, required: true }], {}, '全体党员必学');
    overdueTrack = await s.track([{ moduleId: second, required: true }], { orgTypes: ['RURAL'] }, '农村党员清单');
    await s.assign(everyone, orgs.root.id);
    overdueAssignment = (await s.assign(overdueTrack, orgs.committeeB.id)).id;
    // Some members study: every other new member, and memberA1.
    for (const user of ['memberA1', ...learners.filter((_, i) => i % 2 === 0)]) {
      await t.http.post(`/api/study/modules/${article}/start`).set(await t.as(user)).expect(200);
      const [u] = await t.ds.query('SELECT member_id FROM users WHERE username = ?', [user]);
      await s.rewind(Number(u.member_id), article, 40);
      await t.http.post(`/api/study/modules/${article}/complete`).set(await t.as(user)).expect(200);
    }
    await t.ds.query('UPDATE study_assignments SET due_on = ? WHERE id = ?', ['2000-01-31', overdueAssignment]);
  });
  afterAll(() => t.close());

  it('the root’s figures equal the sum over its children, per track and overall', async () => {
    for (const q of [{}, { trackId: everyone }, { trackId: overdueTrack }] as Record<string, number>[]) {
      const st = await s.stats(q);
      const sum = (k: 'enrolled' | 'completed' | 'overdue' | 'members') => st.children.reduce((n: number, c: Row) => n + c[k], 0);
      expect(st.org.org.id).toBe(t.county.orgs.root.id);
      expect({ enrolled: st.org.enrolled, completed: st.org.completed, overdue: st.org.overdue, members: st.org.members }).toEqual({
        enrolled: sum('enrolled'),
        completed: sum('completed'),
        overdue: sum('overdue'),
        members: sum('members'),
      });
    }
    const all = await s.stats({ trackId: everyone });
    expect(all.org).toMatchObject({ members: 22, enrolled: 22, completed: 9, overdue: 0, completionRate: 40.9 });
    // 9 completions of 2 class hours over 22 members.
    expect(all.org.avgClassHours).toBe(0.8);
    const rural = await s.stats({ trackId: overdueTrack });
    expect(rural.org).toMatchObject({ enrolled: 7, completed: 0, overdue: 7, completionRate: 0 });
    expect(rural.track).toEqual({ id: overdueTrack, title: '农村党员清单' });
  });

  it('drills down level by level to a branch, then to its members with their status', async () => {
    const { orgs } = t.county;
    const a = await s.stats({ orgId: orgs.committeeA.id, trackId: everyone }, 'committeeA');
    expect(a.children.map((c: Row) => c.org.id)).toEqual([orgs.branchA1.id, orgs.branchA2.id, orgs.generalA.id]);
    const general = a.children.find((c: Row) => c.org.id === orgs.generalA.id);
    expect(general.org.childCount).toBe(1);
    const g = await s.stats({ orgId: orgs.generalA.id, trackId: everyone }, 'committeeA');
    expect(g.org.enrolled).toBe(general.enrolled);
    expect(g.children).toHaveLength(1);
    const members = await t.http.get('/api/study/stats/members').query({ orgId: orgs.branchAG1.id, trackId: everyone }).set(await t.as('committeeA'));
    expect(members.status, JSON.stringify(members.body)).toBe(200);
    expect(members.body.items).toHaveLength(g.children[0].enrolled);
    for (const m of members.body.items) {
      expect(m.org.id).toBe(orgs.branchAG1.id);
      expect(m.tracks).toHaveLength(1);
      expect(m.tracks[0]).toMatchObject({ trackTitle: '全体党员必学', requiredTotal: 1 });
      expect(m.tracks[0].requiredDone).toBe(m.tracks[0].completedAt ? 1 : 0);
      expect(m.requiredClassHours).toBe(32);
    }
    const overdue = await t.http.get('/api/study/stats/members').query({ orgId: orgs.committeeB.id, status: 'OVERDUE' }).set(await t.as('committeeB'));
    expect(overdue.body.items).toHaveLength(7);
    expect(overdue.body.items.every((m: { tracks: { overdue: boolean }[] }) => m.tracks.some((x) => x.overdue))).toBe(true);
  });

  it('lists members by branch and record in keyset pages — never by score', async () => {
    const seen: { id: number; hours: number; path: string }[] = [];
    let cursor: string | undefined;
    do {
      const r = await t.http.get('/api/study/stats/members').query({ limit: 4, ...(cursor ? { cursor } : {}) }).set(await t.as('county'));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      for (const m of r.body.items) seen.push({ id: m.member.id, hours: m.classHours, path: '' });
      cursor = r.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(22);
    expect(new Set(seen.map((m) => m.id)).size).toBe(22);
    const order: { id: number }[] = await t.ds.query(`SELECT id FROM members WHERE status <> 'TRANSFERRED_OUT' ORDER BY org_path, id`);
    expect(seen.map((m) => m.id)).toEqual(order.map((o) => Number(o.id)));
    // Hours differ between neighbours, so this order is not a ranking by them.
    expect(new Set(seen.map((m) => m.hours)).size).toBeGreaterThan(1);
    const bodies = [await s.stats({}), (await t.http.get('/api/study/stats/members').set(await t.as('county'))).body];
    for (const b of bodies) expect(keysOf(b).filter((k) => /rank|score|top|leader/i.test(k))).toEqual([]);
    expectError(await t.http.get('/api/study/stats/members').query({ sort: 'hours' }).set(await t.as('county')), 400, 'VALIDATION_FAILED');
  });

  it('maintained counters equal counters rebuilt from the base rows, and a rebuild changes no figure', async () => {
    await expectCountersConsistent(t);
    const before = await s.stats({ trackId: everyone });
    const recomputed = await computeStudyCounters(t.ds.manager);
    await t.ds.transaction((em) => rebuildStudyCounters(em));
    expect(await s.stats({ trackId: everyone })).toEqual(before);
    expect(recomputed.counters.size).toBeGreaterThan(0);
  });

  it('answers within scope only: 404 outside, 403 without the permission', async () => {
    const { orgs } = t.county;
    expectError(await t.http.get('/api/study/stats').query({ orgId: orgs.committeeB.id }).set(await t.as('committeeA')), 404, 'NOT_FOUND');
    expectError(await t.http.get('/api/study/stats').query({ orgId: orgs.root.id }).set(await t.as('branchA1')), 404, 'NOT_FOUND');
    expectError(await t.http.get('/api/study/stats/members').query({ orgId: orgs.branchB1.id }).set(await t.as('branchA1')), 404, 'NOT_FOUND');
    expectError(await t.http.get('/api/study/stats').set(await t.as('memberA1')), 403, 'FORBIDDEN');
    expectError(await t.http.get('/api/study/stats').set(await t.as('sysadmin')), 403, 'FORBIDDEN');
    expectError(await t.http.get('/api/study/stats').query({ period: '26' }).set(await t.as('county')), 400, 'VALIDATION_FAILED');
    expectError(await t.http.get('/api/study/stats').query({ trackId: 99999 }).set(await t.as('county')), 404, 'NOT_FOUND');
    expectError(await t.http.get('/api/study/stats/members').query({ cursor: 'not-a-cursor' }).set(await t.as('county')), 400, 'VALIDATION_FAILED');
    // Without orgId: the root of the caller's scope.
    const mine = await s.stats({}, 'branchA1');
    expect(mine.org.org.id).toBe(orgs.branchA1.id);
  });

  it('exports the member-level status of a subtree to Excel', async () => {
    const r = await t.http.get('/api/study/stats/export').query({ orgId: t.county.orgs.committeeB.id }).set(await t.as('committeeB')).buffer(true).parse(binary);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const { rows } = await readSheet(r.body as Buffer);
    expect(rows[0]).toEqual(expect.arrayContaining(['所在党支部', '姓名', '学习清单', '截止日期', '状态']));
    // 7 rural members × 2 tracks.
    expect(rows.length - 1).toBe(14);
    expect(rows.filter((x) => x.includes('已逾期'))).toHaveLength(7);
    const [audit] = await t.ds.query(`SELECT detail FROM audit_log WHERE action = 'study.export' ORDER BY id DESC LIMIT 1`);
    expect(JSON.parse(audit.detail)).toMatchObject({ rows: 14 });
  });

  it('exports the same rows headed and worded in English when asked in English', async () => {
    const get = (lang?: string) => {
      const req = t.http.get('/api/study/stats/export').query({ orgId: t.county.orgs.committeeB.id, status: 'OVERDUE' }).set(authB);
      return (lang ? req.set('Accept-Language', lang) : req).buffer(true).parse(binary);
    };
    const authB = await t.as('committeeB');
    const zh = await get('zh-CN,en;q=0.8');
    const en = await get('en-US,zh;q=0.5');
    expect(en.status).toBe(200);
    expect(zh.headers['content-disposition']).toContain(encodeURIComponent(`学习情况-${t.county.orgs.committeeB.shortName}-`) );
    expect(zh.headers['content-disposition']).toContain(encodeURIComponent('-已逾期.xlsx'));
    expect(en.headers['content-disposition']).toContain(encodeURIComponent(`Study follow-up-${t.county.orgs.committeeB.shortName}-`));
    expect(en.headers['content-disposition']).toContain(encodeURIComponent('-overdue.xlsx'));
    const zhSheet = await readSheet(zh.body as Buffer);
    const enSheet = await readSheet(en.body as Buffer);
    expect(enSheet.sheetNames).toEqual(['Study follow-up']);
    const year = zhSheet.rows[0][6].slice(0, 4);
    expect(zhSheet.rows[0][6]).toBe(`${year}年学时`);
    expect(enSheet.rows[0]).toEqual(['Branch', 'Name', 'Study track', 'Due', 'Required done', 'Status', `Class hours ${year}`, 'Hours required', 'Hours short']);
    // The same members and tracks, status in English words; a Chinese file without a header in the default language.
    const status = { 已完成: 'Completed', 已逾期: 'Overdue', 学习中: 'In progress' } as Record<string, string>;
    expect(enSheet.rows.slice(1)).toEqual(zhSheet.rows.slice(1).map((row) => row.map((cell, i) => (i === 5 ? status[cell] : cell))));
    expect(enSheet.rows.slice(1).map((row) => row[5])).toContain('Overdue');
    expect((await readSheet((await get()).body as Buffer)).rows[0]).toEqual(zhSheet.rows[0]);
  });

  it('reminds once about tracks due within three days and overdue, however often and from however many processes the job runs', async () => {
    const job = t.app.get(StudyReminderJob);
    const soon = await s.track([{ moduleId: article, required: true }], { orgTypes: ['COMMUNITY'] }, '即将截止');
    await s.assign(soon, t.county.orgs.committeeA.id, { dueOn: today() });
    const capture = captureQueries(t.ds);
    capture.start();
    const first = await Promise.all([job.run(), job.run()]);
    const inserts = capture.stop().filter((q) => /^\s*INSERT\b.*\bINTO\s+[`"]?notifications[`"]?\s/i.test(q.sql));
    const sent = first.reduce((n, r) => ({ dueSoon: n.dueSoon + r.dueSoon, overdue: n.overdue + r.overdue }), { dueSoon: 0, overdue: 0 });
    // One statement per assignment reminded of (its members all at once), not one per member.
    const keys: { dedupe_key: string }[] = await t.ds.query(`SELECT dedupe_key FROM notifications WHERE kind IN ('study.dueSoon', 'study.overdue')`);
    const groups = new Set(keys.map((k) => k.dedupe_key.split(':').slice(0, 2).join(':')));
    expect(inserts).toHaveLength(groups.size);
    expect(keys.length).toBeGreaterThan(groups.size);
    // 15 community members, none done with the new track yet (memberA1 and others did the article: complete at once).
    const [due] = await t.ds.query(`SELECT COUNT(*) AS n FROM notifications WHERE kind = 'study.dueSoon'`);
    const [late] = await t.ds.query(`SELECT COUNT(*) AS n FROM notifications WHERE kind = 'study.overdue'`);
    expect(Number(late.n)).toBe(7);
    expect(sent.overdue).toBe(7);
    expect(sent.dueSoon).toBe(Number(due.n));
    const [incomplete] = await t.ds.query(
      `SELECT COUNT(*) AS n FROM study_enrolments e JOIN study_tracks t ON t.id = e.track_id WHERE t.title = '即将截止' AND e.active = 1 AND e.completed_at IS NULL`,
    );
    expect(Number(due.n)).toBe(Number(incomplete.n));
    expect(Number(incomplete.n)).toBeGreaterThan(0);
    expect(await job.run()).toEqual({ dueSoon: 0, overdue: 0 });
  });

  it('lets other work in between batches of reminders', async () => {
    const job = t.app.get(StudyReminderJob);
    const soon = await s.track([{ moduleId: article, required: true }], { orgTypes: ['COMMUNITY'] }, '本周截止');
    await s.assign(soon, t.county.orgs.committeeA.id, { dueOn: today() });
    const order: string[] = [];
    const run = job.run(new Date(), 2).then((r) => (order.push('reminders sent'), r));
    // Asked for after the run began: on SQLite every query answers at once, so without a pause between batches this
    // waited for the whole run.
    setImmediate(() => order.push('other'));
    expect((await run).dueSoon).toBeGreaterThan(4);
    expect(order).toEqual(['other', 'reminders sent']);
  });
});
