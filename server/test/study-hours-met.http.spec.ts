import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudyHoursMet1764840000000 } from '../src/database/migrations/1764840000000-study-hours-met';
import { addMembers } from './factories/mini-county';
import { expectError } from './support/http';
import { expectCountersConsistent, StudyClient, thisYear } from './support/study';
import { startTestApp, type TestApp } from './support/test-app';
import { TransferClient } from './support/transfers';
import { binary, readSheet } from './support/xlsx';

interface Row {
  org: { id: number };
  members: number;
  hoursMet: number;
  hoursMetRate: number | null;
}

/**
 * The follow-up's "reached the year's class hours" (学时达标): members of a subtree whose hours this year meet their
 * requirement (32, or 56 for secretaries and committee members), kept as counter rows through completions, post
 * changes, transfers and moves of organisations — and the members still short of it, enrolled or not.
 */
describe('study follow-up: members who reached the year’s class hours, and those short of them', () => {
  let t: TestApp;
  let s: StudyClient;
  let big: number[];
  let extra: number[];
  const users = new Map<number, string>();

  const met = async (orgId: number, user = 'county'): Promise<Row> => (await s.stats({ orgId }, user)).org;
  const complete = async (memberId: number, moduleId: number) => {
    const user = users.get(memberId)!;
    await t.http.post(`/api/study/modules/${moduleId}/start`).set(await t.as(user)).expect(200);
    await s.rewind(memberId, moduleId, 40);
    const r = await t.http.post(`/api/study/modules/${moduleId}/complete`).set(await t.as(user));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const setPost = async (memberId: number, post: string | null) => {
    const m = await t.http.get(`/api/members/${memberId}`).set(await t.as('county'));
    const r = await t.http.patch(`/api/members/${memberId}`).set(await t.as('county')).send({ post, version: m.body.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const short = async (orgId: number, user = 'county', limit = 100): Promise<number[]> => {
    const ids: number[] = [];
    let cursor: string | undefined;
    do {
      const r = await t.http.get('/api/study/stats/members').query({ orgId, status: 'HOURS_SHORT', limit, ...(cursor ? { cursor } : {}) }).set(await t.as(user));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      for (const m of r.body.items) expect(m.classHours).toBeLessThan(m.requiredClassHours);
      ids.push(...r.body.items.map((m: { member: { id: number } }) => m.member.id));
      cursor = r.body.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  };

  beforeAll(async () => {
    t = await startTestApp();
    s = new StudyClient(t);
    const { orgs } = t.county;
    extra = [...(await addMembers(t.app, orgs.branchA2, 3)), ...(await addMembers(t.app, orgs.branchB1, 2))];
    const [{ password_hash: hash }] = await t.ds.query('SELECT password_hash FROM users WHERE username = ?', ['memberA1']);
    for (const id of extra) {
      await t.ds.query('UPDATE users SET username = ?, password_hash = ?, password_changed_at = ? WHERE member_id = ?', [`h${id}`, hash, new Date(), id]);
      users.set(id, `h${id}`);
    }
    users.set(t.county.members.memberA1, 'memberA1');
    // 20 + 20 + 16 class hours: two reach 32 (40), all three 56.
    big = [
      await s.article({ title: '长篇一', minReadSeconds: 30, classHours: 20 }),
      await s.article({ title: '长篇二', minReadSeconds: 30, classHours: 20 }),
      await s.article({ title: '长篇三', minReadSeconds: 30, classHours: 16 }),
    ];
  });
  afterAll(() => t.close());

  it('counts a member once their hours reach 32, on every organisation above them, and lists the others as short', async () => {
    const { orgs } = t.county;
    const [x] = extra;
    const before = await s.stats({});
    expect(before.org.hoursMet).toBe(0);
    expect(before.org.hoursMetRate).toBe(0);
    await complete(x, big[0]);
    expect((await met(orgs.branchA2.id)).hoursMet).toBe(0);
    expect(await short(orgs.branchA2.id)).toContain(x);
    await complete(x, big[1]);
    for (const org of [orgs.branchA2, orgs.committeeA, orgs.root]) expect((await met(org.id)).hoursMet, org.name).toBe(1);
    expect((await met(orgs.committeeB.id)).hoursMet).toBe(0);
    const root = await s.stats({});
    expect(root.org.hoursMetRate).toBe(Math.round((1000 * 1) / root.org.members) / 10);
    expect(root.children.reduce((n: number, c: Row) => n + c.hoursMet, 0)).toBe(root.org.hoursMet);
    // The short list holds everyone else of the subtree, enrolled or not (nobody is enrolled here), a page at a time.
    const a2 = await short(orgs.branchA2.id, 'committeeA', 1);
    expect(a2).not.toContain(x);
    expect(a2.sort()).toEqual(extra.slice(1, 3).concat(t.county.members.memberA2).sort());
    const county = await short(orgs.root.id);
    expect(county).toHaveLength(root.org.members - 1);
    expect(new Set(county).size).toBe(county.length);
    await expectCountersConsistent(t);
  });

  it('follows the member’s post: 56 hours for a secretary, 32 again once the post is cleared', async () => {
    const { orgs } = t.county;
    const [x] = extra;
    await setPost(x, 'SECRETARY');
    expect((await met(orgs.committeeA.id)).hoursMet).toBe(0);
    expect(await short(orgs.branchA2.id)).toContain(x);
    await complete(x, big[2]);
    expect((await met(orgs.committeeA.id)).hoursMet).toBe(1);
    // A post that keeps the requirement (secretary → committee member) changes nothing; clearing it keeps 56 ≥ 32.
    await setPost(x, 'COMMITTEE_MEMBER');
    await setPost(x, null);
    expect((await met(orgs.committeeA.id)).hoursMet).toBe(1);
    expect(await short(orgs.branchA2.id)).not.toContain(x);
    await expectCountersConsistent(t);
  });

  it('moves with the member’s branch when an organisation moves to another committee', async () => {
    const { orgs } = t.county;
    const moved = await t.http.post(`/api/organizations/${orgs.branchA2.id}/move`).set(await t.as('county')).send({ parentId: orgs.committeeB.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await met(orgs.committeeA.id)).hoursMet).toBe(0);
    expect((await met(orgs.committeeB.id)).hoursMet).toBe(1);
    expect((await met(orgs.root.id)).hoursMet).toBe(1);
    await expectCountersConsistent(t);
  });

  it('moves with the member on a completed transfer', async () => {
    const { orgs, members } = t.county;
    const a1 = members.memberA1;
    await complete(a1, big[0]);
    await complete(a1, big[1]);
    expect((await met(orgs.committeeA.id)).hoursMet).toBe(1);
    const transfers = new TransferClient(t);
    const { id } = await transfers.issued('memberA1', { channel: 'IN_COUNTY', destinationOrgId: orgs.branchB1.id, reason: 'JOB_CHANGE', reasonDetail: '调往乙镇工作' });
    await transfers.step('committeeB', id, 'accept', 'ACCEPTED', { destinationBranchId: orgs.branchB1.id });
    await transfers.step('committeeB', id, 'confirmReported', 'COMPLETED');
    expect((await met(orgs.committeeA.id)).hoursMet).toBe(0);
    expect((await met(orgs.branchB1.id, 'committeeB')).hoursMet).toBe(1);
    expect((await met(orgs.committeeB.id, 'committeeB')).hoursMet).toBe(2);
    expect((await met(orgs.root.id)).hoursMet).toBe(2);
    await expectCountersConsistent(t);
  });

  it('counts a member once when the modules that take them past the line complete at the same moment', async () => {
    const { orgs } = t.county;
    const y = extra[3];
    await complete(y, big[0]);
    const before = (await met(orgs.root.id)).hoursMet;
    // Both remaining modules started and read; then completed together, with a post change racing them.
    for (const m of [big[1], big[2]]) {
      await t.http.post(`/api/study/modules/${m}/start`).set(await t.as(users.get(y)!)).expect(200);
      await s.rewind(y, m, 40);
    }
    const m = await t.http.get(`/api/members/${y}`).set(await t.as('county'));
    const answers = await Promise.all([
      t.http.post(`/api/study/modules/${big[1]}/complete`).set(await t.as(users.get(y)!)),
      t.http.post(`/api/study/modules/${big[2]}/complete`).set(await t.as(users.get(y)!)),
      t.http.patch(`/api/members/${y}`).set(await t.as('county')).send({ post: 'SECRETARY', version: m.body.version }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    // 56 hours meets a secretary's 56: counted once, whichever order the three took.
    expect((await met(orgs.root.id)).hoursMet).toBe(before + 1);
    expect((await met(orgs.branchB1.id, 'committeeB')).hoursMet).toBeGreaterThanOrEqual(1);
    await expectCountersConsistent(t);
  });

  it('exports the members short of the year’s hours as the list shows them, with how many hours each still needs', async () => {
    const { orgs } = t.county;
    const r = await t.http.get('/api/study/stats/export').query({ orgId: orgs.committeeB.id, status: 'HOURS_SHORT' }).set(await t.as('committeeB')).buffer(true).parse(binary);
    expect(r.status).toBe(200);
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('学时未达标');
    const { rows } = await readSheet(r.body as Buffer);
    const header = rows[0];
    expect(header).toEqual(expect.arrayContaining(['所在党支部', '姓名', '应修学时', '还差学时']));
    const listed = await short(orgs.committeeB.id, 'committeeB');
    // Nobody here has a track this year: one row per member short of the hours, each saying so.
    expect(rows.length - 1).toBe(listed.length);
    const col = (name: string) => header.indexOf(name);
    for (const row of rows.slice(1)) {
      expect(row[col('学习清单')]).toBe('（本年度没有学习清单）');
      expect(Number(row[col('还差学时')])).toBeCloseTo(Number(row[col('应修学时')]) - Number(row[col(`${thisYear()}年学时`)]));
      expect(Number(row[col('还差学时')])).toBeGreaterThan(0);
    }
    const [audit] = await t.ds.query(`SELECT detail FROM audit_log WHERE action = 'study.export' ORDER BY id DESC LIMIT 1`);
    expect(JSON.parse(audit.detail)).toMatchObject({ rows: listed.length, status: 'HOURS_SHORT' });
    const bad = await t.http.get('/api/study/stats/export').query({ status: 'SHORT' }).set(await t.as('county'));
    expectError(bad, 400, 'VALIDATION_FAILED');
  });

  it('shows one member’s year — hours against their requirement and tracks — to an administrator who follows them, and to nobody else', async () => {
    const { orgs, members } = t.county;
    const x = extra[0];
    const r = await t.http.get(`/api/study/stats/members/${x}`).set(await t.as('committeeB'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ member: { id: x }, org: { id: orgs.branchA2.id }, classHours: 56, requiredClassHours: 32, tracks: [] });
    // Outside the administrator's scope, or not a number: as unknown as a member who does not exist, or refused.
    expectError(await t.http.get(`/api/study/stats/members/${x}`).set(await t.as('committeeA')), 404, 'NOT_FOUND');
    expectError(await t.http.get('/api/study/stats/members/99999999').set(await t.as('county')), 404, 'NOT_FOUND');
    expectError(await t.http.get(`/api/study/stats/members/${members.memberB1}`).query({ period: '26' }).set(await t.as('county')), 400, 'VALIDATION_FAILED');
    expect((await t.http.get(`/api/study/stats/members/${x}`).set(await t.as('memberA1'))).status).toBe(403);
  });

  it('refuses an unknown filter with 400 and names it', async () => {
    const r = await t.http.get('/api/study/stats/members').query({ status: 'HOURS' }).set(await t.as('county'));
    expectError(r, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(r.body)).toContain('status');
  });

  it('an existing database gets the counts from members’ hours when it is migrated', async () => {
    const runner = t.ds.createQueryRunner();
    try {
      const migration = new StudyHoursMet1764840000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect((await met(t.county.orgs.root.id)).hoursMet).toBeGreaterThanOrEqual(3);
    await expectCountersConsistent(t);
  });
});
