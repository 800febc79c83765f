import { expect } from 'vitest';
import type { DataSource } from 'typeorm';
import { toDate } from '../../src/common/database/db.service';
import { overdueRollupFor, rebuildOverdueRollup } from '../../src/transfers/transfer-overdue';
import { rebuildTransferTally } from '../../src/transfers/transfer-tally';

/** The overview's counter rows (zeros left out: a row that went up and down again is the same as no row). */
async function tallySnapshot(ds: DataSource) {
  const states: { org_id: number; state: string; n: number }[] = await ds.query('SELECT org_id, state, n FROM transfer_org_states WHERE n <> 0 ORDER BY org_id, state');
  const completions: { org_id: number; month: string; working_days: number; n: number }[] = await ds.query(
    'SELECT org_id, month, working_days, n FROM transfer_org_completions WHERE n <> 0 ORDER BY org_id, month, working_days',
  );
  return {
    states: states.map((r) => `${r.org_id} ${r.state} ${r.n}`),
    completions: completions.map((r) => `${r.org_id} ${r.month} ${r.working_days} ${r.n}`),
  };
}

/** The overdue roll-up's clock and its rows as `org|holder` → n (zeros left out). */
export async function overdueRollupSnapshot(ds: DataSource): Promise<{ clock: Date; rows: Record<string, number> }> {
  const [c] = await ds.query('SELECT computed_at FROM transfer_overdue_clock WHERE id = 1');
  const rows: { org_id: number; holder_org_id: number; n: number }[] = await ds.query('SELECT org_id, holder_org_id, n FROM transfer_overdue_rollup WHERE n <> 0');
  return { clock: toDate(c.computed_at)!, rows: Object.fromEntries(rows.map((r) => [`${r.org_id}|${r.holder_org_id}`, Number(r.n)]).sort()) };
}

/** The overdue roll-up kept by every change equals the roll-up computed afresh from the transfers for its clock. */
export async function expectOverdueRollupAsComputed(ds: DataSource): Promise<void> {
  const kept = await overdueRollupSnapshot(ds);
  const computed = Object.fromEntries([...(await overdueRollupFor(ds, kept.clock))].filter(([, n]) => n !== 0).sort());
  expect(kept.rows).toEqual(computed);
}

/**
 * The counters kept step by step by every change of a transfer equal the counters computed afresh from the
 * transfers (which it then leaves in place: they are the same); so does the overdue roll-up.
 */
export async function expectTallyAsRebuilt(ds: DataSource): Promise<void> {
  const kept = await tallySnapshot(ds);
  await rebuildTransferTally(ds);
  const rebuilt = await tallySnapshot(ds);
  expect(rebuilt.states.length, 'transfers were counted').toBeGreaterThan(0);
  expect(kept).toEqual(rebuilt);
  await expectOverdueRollupAsComputed(ds);
}

/** After rows were changed behind the API's back: the overview's counters and roll-up computed again. */
export async function recountOverview(ds: DataSource, clock: Date = new Date()): Promise<void> {
  await rebuildTransferTally(ds);
  await rebuildOverdueRollup(ds, clock);
}
