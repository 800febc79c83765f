import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAdmin, addLoginMembers, addOrg, extendForTransfers } from './factories/transfer-county';
import type { Organization } from '../src/organizations/entities/organization.entity';
import { captureQueries } from './support/query-capture';
import { TransferServingJob } from '../src/transfers/transfer-serving.job';
import { startTestApp, type TestApp } from './support/test-app';
import { CHECKLIST, TransferClient } from './support/transfers';

/**
 * A step waiting at an organisation with no administrator is in the to-do list of the nearest one above it that has
 * one — the administrator it is told of — and in no one else's: a committee with no administrator (and its branches
 * without one) are the county's, a branch under a staffed village committee is the village's, not the town's. An
 * administrator appointed (as the create-admin command does) takes those steps over at once; one disabled by hand in
 * the database hands them back at the serving job's next run.
 *
 *   root ─┬─ committeeA (admin) ─┬─ branchA2 (none)
 *         │                      └─ villageA (admin) ── branchV1 (none)
 *         ├─ committeeB (admin) ── branchB1 (admin)
 *         └─ committeeC (none) ── branchC1 (none)
 */
describe('steps at organisations without an administrator, in the to-do lists', () => {
  let t: TestApp;
  let tc: TransferClient;
  const T: Record<string, number> = {};
  let committeeC: Organization;
  let branchC1: Organization;
  let branchI1: Organization;

  beforeAll(async () => {
    t = await startTestApp();
    tc = new TransferClient(t);
    const { branchV1 } = await extendForTransfers(t);
    const { root, branchA2, branchB1 } = t.county.orgs;
    committeeC = await addOrg(t, 'committeeC', root, 'COMMITTEE', 'RURAL', true);
    branchC1 = await addOrg(t, 'branchC1', committeeC, 'BRANCH', 'RURAL', false);
    await addLoginMembers(t, branchC1, ['c1', 'c2']);
    await addLoginMembers(t, branchV1, ['v1']);
    await addLoginMembers(t, branchA2, ['a2']);
    const toB1 = { channel: 'IN_COUNTY', destinationOrgId: branchB1.id, reason: 'JOB_CHANGE' };
    T.c1 = (await tc.submitted('c1', toB1)).id;
    T.c2 = (await tc.submitted('c2', toB1)).id;
    T.v1 = (await tc.submitted('v1', toB1)).id;
    T.a2 = (await tc.submitted('a2', toB1)).id;
  });
  afterAll(() => t.close());

  async function queue(user: string, q: 'todo' | 'watching'): Promise<{ ids: number[]; counts: Record<string, number> }> {
    const r = await t.http.get('/api/transfers').query({ queue: q, limit: 100 }).set(await t.as(user));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return { ids: (r.body.items as { id: number }[]).map((i) => i.id).sort((a, b) => a - b), counts: r.body.counts };
  }
  const todo = async (user: string) => (await queue(user, 'todo')).ids;
  const waiting = async (user: string) => (await t.http.get('/api/transfers/waiting').set(await t.as(user)).expect(200)).body.todo as number;
  const sorted = (...xs: number[]) => [...xs].sort((a, b) => a - b);
  /** The kinds of notification a user has about a transfer. */
  async function told(user: string, id: number): Promise<string[]> {
    const r = await t.http.get('/api/notifications').query({ limit: 50 }).set(await t.as(user)).expect(200);
    return (r.body.items as { kind: string; link: string }[]).filter((n) => n.link.endsWith(`/transfers/${id}`)).map((n) => n.kind);
  }

  it('each pre-review is in the to-do list of the one told of it, and only theirs', async () => {
    // Committee C and its branch have no administrator: the county is told, and holds both pre-reviews.
    expect(await told('county', T.c1)).toContain('transfer.holderUnstaffed');
    expect(await todo('county')).toEqual(sorted(T.c1, T.c2));
    expect(await waiting('county')).toBe(2);
    // The village committee serves its branch; the town committee above it does not hold that step too.
    expect(await told('villageA', T.v1)).toContain('transfer.holderUnstaffed');
    expect(await todo('villageA')).toEqual([T.v1]);
    expect(await told('committeeA', T.v1)).toEqual([]);
    expect(await todo('committeeA')).toEqual([T.a2]);
    expect(await todo('committeeB')).toEqual([]);
    // What the county holds leaves its watching list; what others hold stays there. The tabs count the lists.
    const watching = await queue('county', 'watching');
    expect(watching.ids).toEqual(sorted(T.v1, T.a2));
    expect(watching.counts).toMatchObject({ todo: 2, watching: 2 });
  });

  it('the transfer says who works its step on the holder’s behalf, to the member and to the administrators', async () => {
    const detail = async (user: string, id: number) => (await t.http.get(`/api/transfers/${id}`).set(await t.as(user)).expect(200)).body;
    const { root, committeeA, branchA2 } = t.county.orgs;
    const ref = (o: Organization) => ({ id: o.id, name: o.name, shortName: o.shortName, level: o.level });
    // Branch C1 and its committee have no administrator: the county works the pre-review; the member sees that too.
    expect(await detail('c1', T.c1)).toMatchObject({ holder: { kind: 'BRANCH', org: { id: branchC1.id } }, servedBy: ref(root) });
    expect((await detail('county', T.c1)).servedBy).toEqual(ref(root));
    expect((await detail('a2', T.a2)).servedBy).toEqual(ref(committeeA));
    expect((await detail('a2', T.a2)).holder.org.id).toBe(branchA2.id);
    // A branch with an administrator of its own works its steps itself: nothing on anyone's behalf.
    const own = await tc.submitted('memberA1', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' });
    try {
      expect(await detail('memberA1', own.id)).toMatchObject({ holder: { org: { id: t.county.orgs.branchA1.id } }, servedBy: null });
    } finally {
      await tc.step('memberA1', own.id, 'withdraw', 'WITHDRAWN');
    }
    // Nor a step waiting on the member.
    expect((await detail('memberA1', own.id)).servedBy).toBeNull();
  });

  it('the county pre-reviews for the branch, and the committee step that follows is still its own', async () => {
    const capture = captureQueries(t.ds);
    capture.start();
    await tc.step('county', T.c1, 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
    // Whom the next step waits on is read once: the same answer stores who serves it and tells them.
    const nearest = capture.stop().filter((q) => /FROM role_assignments ra JOIN users u ON u\.id = ra\.user_id\s+WHERE/.test(q.sql));
    expect(nearest).toHaveLength(1);
    // Told again, of the committee's step this time (the first notice, for the pre-review, is settled).
    expect((await told('county', T.c1)).filter((k) => k === 'transfer.holderUnstaffed')).toHaveLength(2);
    expect(await todo('county')).toEqual(sorted(T.c1, T.c2));
  });

  it('an administrator appointed takes the steps over at once; disabled by hand, hands them back at the job’s run', async () => {
    const user = await addAdmin(t, 'committeeC', 'COMMITTEE_ADMIN', committeeC);
    expect(await todo('committeeC')).toEqual(sorted(T.c1, T.c2));
    expect(await todo('county')).toEqual([]);
    expect(await waiting('county')).toBe(0);
    await t.ds.query('UPDATE users SET disabled = ? WHERE id = ?', [true, user]);
    expect(await todo('county')).toEqual([]);
    const job = t.app.get(TransferServingJob);
    expect(await job.run()).toBe(2);
    expect(await job.run()).toBe(0); // nothing left to change: safe to run again
    expect(await todo('county')).toEqual(sorted(T.c1, T.c2));
    expect(await waiting('county')).toBe(2);
    // A branch administrator at C1 takes its pre-review; the county keeps the committee's step.
    await addAdmin(t, 'branchC1', 'BRANCH_ADMIN', branchC1);
    expect(await todo('branchC1')).toEqual([T.c2]);
    expect(await todo('county')).toEqual([T.c1]);
  });

  it('with many committees staffed, the county still holds exactly the steps it is the nearest to, read in one statement', async () => {
    // Five more committees with administrators, and one more without: its branch's pre-review is the county's as well.
    const { root, branchB1 } = t.county.orgs;
    for (const k of ['D', 'E', 'F', 'G', 'H']) await addAdmin(t, `committee${k}`, 'COMMITTEE_ADMIN', await addOrg(t, `committee${k}`, root, 'COMMITTEE', 'RURAL', true));
    const committeeI = await addOrg(t, 'committeeI', root, 'COMMITTEE', 'RURAL', true);
    branchI1 = await addOrg(t, 'branchI1', committeeI, 'BRANCH', 'RURAL', false);
    await addLoginMembers(t, branchI1, ['i1']);
    T.i1 = (await tc.submitted('i1', { channel: 'IN_COUNTY', destinationOrgId: branchB1.id, reason: 'JOB_CHANGE' })).id;
    const capture = captureQueries(t.ds);
    capture.start();
    expect(await todo('county')).toEqual(sorted(T.c1, T.i1));
    // The page and its tabs' counts: who administers where is not read at each request.
    const read = capture.stop().map((q) => q.sql);
    expect(read.filter((sql) => /FROM role_assignments/.test(sql))).toEqual([]);
    expect(read.filter((sql) => /FROM transfers/.test(sql)).length).toBeLessThanOrEqual(2);
    expect(await waiting('county')).toBe(2);
    const watching = await queue('county', 'watching');
    expect(watching.ids).toEqual(sorted(T.v1, T.a2, T.c2));
    expect(watching.counts).toMatchObject({ todo: 2, watching: 3 });
    expect(await todo('committeeD')).toEqual([]);
  });

  it('a branch moved under a staffed committee is served by it from the move on', async () => {
    const committeeD = await t.ds.query("SELECT id FROM organizations WHERE code = 'T-committeeD'");
    const r = await t.http.post(`/api/organizations/${branchI1.id}/move`).set(await t.as('county')).send({ parentId: Number(committeeD[0].id) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await todo('committeeD')).toEqual([T.i1]);
    expect(await todo('county')).toEqual([T.c1]);
    // Back under the committee with no administrator: the county's again.
    const committeeI = await t.ds.query("SELECT id FROM organizations WHERE code = 'T-committeeI'");
    await t.http.post(`/api/organizations/${branchI1.id}/move`).set(await t.as('county')).send({ parentId: Number(committeeI[0].id) }).expect(200);
    expect(await todo('committeeD')).toEqual([]);
    expect(await todo('county')).toEqual(sorted(T.c1, T.i1));
  });
});
