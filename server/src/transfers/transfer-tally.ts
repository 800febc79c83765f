import { chinaYearMonth, pathIds, type TransferState } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { bumpCounterRows, insertRows } from '../common/database/counter-rows';
import { toDate } from '../common/database/db.service';

/**
 * The overview's counters (transfer_org_states, transfer_org_completions) follow every change of a transfer in the
 * same transaction: `retally(em, before, after)` with the transfer's facts before and after the change (null for
 * a transfer created or deleted). `rebuildTransferTally` recomputes them from the transfers themselves (migration,
 * seed, and a check that the two agree).
 */

/** What the overview counts of a transfer. */
export interface TallyFacts {
  state: TransferState;
  sourceOrgPath: string | null;
  destinationCommitteePath: string | null;
  /** The branch an arrival was placed in (from its acceptance): its overview counts the transfer too. */
  destinationBranchPath: string | null;
  completedAt: Date | null;
  workingDays: number | null;
  /** For the overdue roll-up (transfer-overdue.ts). */
  holderOrgId: number | null;
  dueAt: Date | null;
}

/** A copy of what the overview counts of a transfer, taken before a change. */
export const tallyFacts = (t: TallyFacts): TallyFacts => ({
  state: t.state,
  sourceOrgPath: t.sourceOrgPath,
  destinationCommitteePath: t.destinationCommitteePath,
  destinationBranchPath: t.destinationBranchPath,
  completedAt: t.completedAt,
  workingDays: t.workingDays,
  holderOrgId: t.holderOrgId,
  dueAt: t.dueAt,
});

/**
 * The organisations whose overview counts a transfer, ascending: every one above (and including) its source branch,
 * its destination committee, or the branch it was placed in — once, so a county or committee on both sides counts it
 * once, as the overview's `OVERVIEW_SIDES` condition does.
 */
export function tallyOrgIds(t: Pick<TallyFacts, 'sourceOrgPath' | 'destinationCommitteePath' | 'destinationBranchPath'>): number[] {
  const ids = new Set([t.sourceOrgPath, t.destinationCommitteePath, t.destinationBranchPath].flatMap((p) => (p ? pathIds(p) : [])));
  return [...ids].sort((a, b) => a - b);
}

/** The columns whose subtree puts a transfer in an organisation's overview (tallyOrgIds' paths, in SQL). */
export const OVERVIEW_SIDES = ['t.source_org_path', 't.destination_committee_path', 't.destination_branch_path'] as const;

/** The completion bucket of a completed transfer, or null (not completed, or no completion time). */
function completionKey(t: TallyFacts | null): { month: string; working_days: number } | null {
  if (t?.state !== 'COMPLETED' || !t.completedAt) return null;
  return { month: chinaYearMonth(t.completedAt), working_days: t.workingDays ?? -1 };
}

/**
 * Moves a transfer's counts from what it was to what it is. Rows are updated in one order (by state, then by
 * organisation within each statement) whatever the change, so two transactions cannot wait on each other in a ring.
 */
export async function retally(em: EntityManager, before: TallyFacts | null, after: TallyFacts | null): Promise<void> {
  const deltas = new Map<TransferState, Map<number, number>>();
  const add = (t: TallyFacts | null, sign: number) => {
    if (!t) return;
    const byOrg = deltas.get(t.state) ?? new Map<number, number>();
    for (const org of tallyOrgIds(t)) byOrg.set(org, (byOrg.get(org) ?? 0) + sign);
    deltas.set(t.state, byOrg);
  };
  add(before, -1);
  add(after, +1);
  for (const state of [...deltas.keys()].sort()) {
    const byDelta = new Map<number, number[]>();
    for (const [org, d] of deltas.get(state)!) if (d !== 0) byDelta.set(d, [...(byDelta.get(d) ?? []), org]);
    for (const [d, orgs] of byDelta) await bumpCounterRows(em, 'transfer_org_states', { state }, orgs, { n: d });
  }
  const was = completionKey(before);
  const is = completionKey(after);
  if (was && is && was.month === is.month && was.working_days === is.working_days && tallyOrgIds(before!).join() === tallyOrgIds(after!).join()) return;
  if (was) await bumpCounterRows(em, 'transfer_org_completions', was, tallyOrgIds(before!), { n: -1 });
  if (is) await bumpCounterRows(em, 'transfer_org_completions', is, tallyOrgIds(after!), { n: 1 });
}

/** Recomputes both counter tables from the transfers (one pass; a migration, the seed, or a repair). */
export async function rebuildTransferTally(db: { query(sql: string, params?: unknown[]): Promise<unknown> }): Promise<void> {
  const rows = (await db.query('SELECT state, source_org_path, destination_committee_path, destination_branch_path, completed_at, working_days FROM transfers')) as {
    state: TransferState;
    source_org_path: string | null;
    destination_committee_path: string | null;
    destination_branch_path: string | null;
    completed_at: unknown;
    working_days: number | null;
  }[];
  const states = new Map<string, number>();
  const completions = new Map<string, number>();
  for (const r of rows) {
    const t: TallyFacts = {
      state: r.state,
      sourceOrgPath: r.source_org_path,
      destinationCommitteePath: r.destination_committee_path,
      destinationBranchPath: r.destination_branch_path,
      completedAt: toDate(r.completed_at),
      workingDays: r.working_days === null ? null : Number(r.working_days),
      holderOrgId: null,
      dueAt: null,
    };
    const done = completionKey(t);
    for (const org of tallyOrgIds(t)) {
      const s = `${org}|${t.state}`;
      states.set(s, (states.get(s) ?? 0) + 1);
      if (done) {
        const c = `${org}|${done.month}|${done.working_days}`;
        completions.set(c, (completions.get(c) ?? 0) + 1);
      }
    }
  }
  await db.query('DELETE FROM transfer_org_states');
  await db.query('DELETE FROM transfer_org_completions');
  await insertRows(db, 'transfer_org_states', ['org_id', 'state', 'n'], [...states].map(([k, n]) => [...k.split('|').map((v, i) => (i === 0 ? Number(v) : v)), n]));
  await insertRows(db, 'transfer_org_completions', ['org_id', 'month', 'working_days', 'n'], [...completions].map(([k, n]) => {
    const [org, month, days] = k.split('|');
    return [Number(org), month, Number(days), n];
  }));
}
