import { QUEUE_COUNT_CAP, queueCountLabel } from '@zhdj/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLoginMembers, extendForTransfers } from './factories/transfer-county';
import { startTestApp, type TestApp } from './support/test-app';
import { TransferClient } from './support/transfers';

/**
 * The queue tabs' counts stop at QUEUE_COUNT_CAP + 1 ("99+"), so a tab costs the same in a county and a province;
 * below the cap they are exact (transfers-queues.http.spec.ts). The lists themselves still page through everything.
 */
describe('queue counts past the cap', () => {
  let t: TestApp;
  const CLONES = QUEUE_COUNT_CAP + 21;

  beforeAll(async () => {
    t = await startTestApp();
    await extendForTransfers(t);
    await addLoginMembers(t, t.county.orgs.branchA1, ['capped']);
    const tc = new TransferClient(t);
    // One application waiting for branchA1's pre-review, then copies of its row (the 'one open transfer per member'
    // key left empty): branchA1 has CLONES + 1 steps to do, and they are open in committeeA's subtree.
    const first = await tc.submitted('capped', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' });
    const columns = t.ds
      .getMetadata('Transfer')
      .columns.filter((c) => !c.isGenerated)
      .map((c) => c.databaseName);
    const values = columns.map((c) => (c === 'open_member_id' ? 'NULL' : c));
    for (let i = 0; i < CLONES; i++) {
      await t.ds.query(`INSERT INTO transfers (${columns.join(', ')}) SELECT ${values.join(', ')} FROM transfers WHERE id = ?`, [first.id]);
    }
  });
  afterAll(() => t?.close());

  const queue = async (user: string, q: string, cursor?: string) => {
    const r = await t.http.get('/api/transfers').query({ queue: q, limit: 50, ...(cursor ? { cursor } : {}) }).set(await t.as(user));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { items: { id: number }[]; nextCursor: string | null; counts: Record<string, number> };
  };

  it('a count past the cap reads cap + 1, shown as "99+"; the list still pages through every transfer', async () => {
    const first = await queue('branchA1', 'todo');
    expect(first.counts.todo).toBe(QUEUE_COUNT_CAP + 1);
    expect(queueCountLabel(first.counts.todo)).toBe('99+');
    const ids = new Set(first.items.map((i) => i.id));
    for (let cursor = first.nextCursor; cursor; ) {
      const next = await queue('branchA1', 'todo', cursor);
      next.items.forEach((i) => ids.add(i.id));
      cursor = next.nextCursor;
    }
    expect(ids.size).toBe(CLONES + 1);
    expect((await queue('committeeA', 'watching')).counts.watching).toBe(QUEUE_COUNT_CAP + 1);
  });

  it('below the cap the label is the number itself', () => {
    expect(queueCountLabel(0)).toBe('0');
    expect(queueCountLabel(QUEUE_COUNT_CAP)).toBe(String(QUEUE_COUNT_CAP));
  });
});
