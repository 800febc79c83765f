import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransferOverdueJob } from '../src/transfers/transfer-overdue.job';
import { addLoginMembers, extendForTransfers } from './factories/transfer-county';
import { startTestApp, type TestApp } from './support/test-app';
import { expectOverdueRollupAsComputed, overdueRollupSnapshot, recountOverview } from './support/transfer-tally';
import { CHECKLIST, TransferClient } from './support/transfers';

interface Overview {
  overdue: number;
  overdueByOrganization: { org: { id: number }; overdue: number }[];
}

/**
 * The overview's overdue figures come from a roll-up kept by every change and moved on by a job each minute
 * (transfer-overdue.ts). Whatever the path — rolled up, fallen due since the roll-up's clock, or counted live when no
 * job runs — they must equal the open transfers' own count at that moment.
 */
describe('overdue figures of the transfer overview', () => {
  let t: TestApp;
  let tc: TransferClient;
  const ids: number[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    tc = new TransferClient(t);
    await extendForTransfers(t);
    const { orgs } = t.county;
    const names = ['od1', 'od2', 'od3', 'od4', 'od5', 'od6'];
    await addLoginMembers(t, orgs.branchA1, names);
    for (const m of names) ids.push((await tc.submitted(m, { channel: 'IN_COUNTY', destinationOrgId: orgs.branchB1.id, reason: 'JOB_CHANGE' })).id);
  }, 120_000);
  afterAll(() => t.close());

  /** The figures counted from the transfers, as an overview of `scope` (a path) would show them. */
  async function live(scope: string | null): Promise<{ overdue: number; byHolder: [number, number][] }> {
    const where = scope ? 'AND (source_org_path LIKE ? OR destination_committee_path LIKE ?)' : '';
    const params = scope ? [scope + '%', scope + '%'] : [];
    const rows: { h: number | null; n: number }[] = await t.ds.query(
      `SELECT holder_org_id AS h, COUNT(*) AS n FROM transfers WHERE state NOT IN ('COMPLETED', 'REJECTED', 'WITHDRAWN') AND due_at < ? ${where} GROUP BY holder_org_id`,
      [new Date(), ...params],
    );
    return {
      overdue: rows.reduce((s, r) => s + Number(r.n), 0),
      byHolder: rows.filter((r) => r.h !== null).map((r): [number, number] => [Number(r.h), Number(r.n)]).sort((a, b) => a[0] - b[0]),
    };
  }

  async function overview(user: string): Promise<{ overdue: number; byHolder: [number, number][] }> {
    const r = await t.http.get('/api/transfers/overview').set(await t.as(user));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const body = r.body as Overview;
    return { overdue: body.overdue, byHolder: body.overdueByOrganization.map((o): [number, number] => [o.org.id, o.overdue]).sort((a, b) => a[0] - b[0]) };
  }

  async function expectAsCounted(): Promise<void> {
    expect(await overview('county')).toEqual(await live(null));
    expect(await overview('committeeA')).toEqual(await live(t.county.orgs.committeeA.path));
    expect(await overview('branchA1')).toEqual(await live(t.county.orgs.branchA1.path));
  }

  const setDue = (id: number, at: Date) => t.ds.query('UPDATE transfers SET due_at = ? WHERE id = ?', [at, id]);

  it('counts late steps from the roll-up, follows each change at once, and adds the steps that fell due since its clock', async () => {
    // Two steps long overdue, counted by a roll-up computed ten minutes ago.
    const tenMinutesAgo = new Date(Date.now() - 600_000);
    await setDue(ids[0], new Date(Date.now() - 2 * 86400_000));
    await setDue(ids[1], new Date(Date.now() - 86400_000));
    await recountOverview(t.ds, tenMinutesAgo);
    expect((await live(null)).overdue).toBe(2);
    await expectAsCounted();

    // Two more fall due after the roll-up's clock: read from the transfers until the job moves the clock.
    await setDue(ids[2], new Date(Date.now() - 300_000));
    await setDue(ids[3], new Date(Date.now() - 60_000));
    expect((await live(null)).overdue).toBe(4);
    await expectAsCounted();

    // Acting on a late step takes it off the figures in the same transaction, whether the roll-up or the recent part
    // counted it.
    await tc.step('branchA1', ids[0], 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
    await tc.step('branchA1', ids[2], 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
    expect((await live(null)).overdue).toBe(2);
    await expectAsCounted();
    await expectOverdueRollupAsComputed(t.ds);

    // The job moves the clock to now and adds what fell due; a second run finds nothing new.
    const job = t.app.get(TransferOverdueJob);
    expect(await job.run()).toBe(1);
    expect(await job.run()).toBe(0);
    expect((await overdueRollupSnapshot(t.ds)).clock.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await expectOverdueRollupAsComputed(t.ds);
    await expectAsCounted();
  });

  it('reads the roll-up while its clock is fresh and counts the transfers when no job has moved it for a quarter of an hour', async () => {
    await t.app.get(TransferOverdueJob).run();
    const before = await overview('county');
    expect(before.overdue).toBeGreaterThan(0);
    // Marked rows show which source answered: the fresh roll-up is read as it is.
    await t.ds.query('UPDATE transfer_overdue_rollup SET n = n + 100 WHERE holder_org_id = 0 AND org_id = ?', [t.county.orgs.root.id]);
    expect((await overview('county')).overdue).toBe(before.overdue + 100);
    // A stale clock: the overview counts the transfers themselves.
    await t.ds.query('UPDATE transfer_overdue_clock SET computed_at = ? WHERE id = 1', [new Date(Date.now() - 16 * 60_000)]);
    expect((await overview('county')).overdue).toBe(before.overdue);
    await recountOverview(t.ds);
    await expectAsCounted();
  });

  it('keeps the roll-up exact while the job and steps on late transfers run at the same time', async () => {
    // Every open transfer here falls due after the clock, so the job and the steps race over the same ones.
    await recountOverview(t.ds, new Date(Date.now() - 3600_000));
    for (const id of ids.slice(3)) await setDue(id, new Date(Date.now() - 1_800_000));
    const job = t.app.get(TransferOverdueJob);
    const versions = await Promise.all(ids.slice(3).map((id) => tc.version(id)));
    const auth = await t.as('branchA1');
    const results = await Promise.all([
      job.run(),
      ...ids.slice(3).map((id, i) => t.http.post(`/api/transfers/${id}/actions`).set(auth).send({ action: 'preApprove', checklist: CHECKLIST, version: versions[i] })),
      job.run(),
    ]);
    for (const r of results.slice(1, -1)) expect((r as { status: number }).status).toBe(200);
    await expectOverdueRollupAsComputed(t.ds);
    await expectAsCounted();
  });
});
