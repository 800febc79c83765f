import { expect } from 'vitest';
import type { DataSource } from 'typeorm';
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

/**
 * The counters kept step by step by every change of a transfer equal the counters computed afresh from the
 * transfers (which it then leaves in place: they are the same).
 */
export async function expectTallyAsRebuilt(ds: DataSource): Promise<void> {
  const kept = await tallySnapshot(ds);
  await rebuildTransferTally(ds);
  const rebuilt = await tallySnapshot(ds);
  expect(rebuilt.states.length, 'transfers were counted').toBeGreaterThan(0);
  expect(kept).toEqual(rebuilt);
}
