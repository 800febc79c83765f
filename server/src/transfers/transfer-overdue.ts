import { FINAL_STATES, TRANSFER_STATES, isFinalState, type TransferState } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { addDays, shanghaiDate, shanghaiInstant } from '../common/calendar/china-calendar';
import { bumpCounterRowsBy, insertRows } from '../common/database/counter-rows';
import { toDate } from '../common/database/db.service';
import { isSqlite } from '../database/data-source';
import { tallyOrgIds } from './transfer-tally';

/**
 * The overview's overdue figures without counting every late step at every request (at ten times the county that
 * count grew with the 3,000 late steps and was half of the overview's time).
 *
 * `transfer_overdue_rollup` holds, for a clock instant C (`transfer_overdue_clock`), the open steps with a deadline
 * before C: per organisation whose overview counts the transfer (tallyOrgIds) and per organisation holding it, with
 * holder 0 as the organisation's total. It stays exact for its C:
 * - every change of a transfer moves the transfer's own counts in the same transaction (`reOverdue`);
 * - the job (`advanceOverdueClock`) moves C to now and adds the steps whose deadline fell in between;
 * - `rebuildOverdueRollup` recomputes it all (migration, seed, an organisation moved, tests).
 * The overview adds the steps that fell due after C from the transfers themselves (a handful: C is at most a minute
 * old while the job runs), so its figures are exact to the moment. Writers of the roll-up take the clock row's lock
 * first, so a change and the job never count the same step twice or miss it.
 */

/** The open transfers `t` as the list of open states: each is an index range (state = ?, due_at < ?). */
export const OPEN_STATES = `t.state IN (${TRANSFER_STATES.filter((s) => !FINAL_STATES.includes(s)).map((s) => `'${s}'`).join(',')})`;

/**
 * Where today's deadlines end: the start of tomorrow in Xinyi (a step is due at the end of a working day there). A step
 * is due today when now <= due_at < this — the morning reminder's count and the queue's 今日到期 filter it links to,
 * which must agree.
 */
export const endOfToday = (now: Date): Date => shanghaiInstant(addDays(shanghaiDate(now), 1));

/** What the roll-up needs of a transfer. */
export interface OverdueFacts {
  state: TransferState;
  sourceOrgPath: string | null;
  destinationCommitteePath: string | null;
  destinationBranchPath: string | null;
  holderOrgId: number | null;
  dueAt: Date | null;
}

/** The roll-up's row key for an organisation's total. */
export const OVERDUE_TOTAL = 0;

/** A late step in an organisation's figures: open, with a deadline before the clock. */
const lateBy = (t: OverdueFacts | null, clock: Date): t is OverdueFacts => !!t && !isFinalState(t.state) && !!t.dueAt && t.dueAt.getTime() < clock.getTime();

/** Adds a transfer's counts (`sign` 1 or -1) to a map keyed `org|holder`. */
function addCounts(into: Map<string, number>, t: OverdueFacts, sign: number): void {
  for (const org of tallyOrgIds(t)) {
    for (const holder of t.holderOrgId ? [OVERDUE_TOTAL, t.holderOrgId] : [OVERDUE_TOTAL]) {
      const key = `${org}|${holder}`;
      into.set(key, (into.get(key) ?? 0) + sign);
    }
  }
}

/** Applies `org|holder` deltas: per holder, in ascending order, one statement per distinct delta (bumpCounterRowsBy). */
async function applyCounts(em: EntityManager, deltas: Map<string, number>): Promise<void> {
  const byHolder = new Map<number, Map<number, number>>();
  for (const [key, d] of deltas) {
    const [org, holder] = key.split('|').map(Number);
    const amounts = byHolder.get(holder) ?? new Map<number, number>();
    byHolder.set(holder, amounts.set(org, d));
  }
  for (const [holder, amounts] of [...byHolder].sort(([a], [b]) => a - b)) {
    await bumpCounterRowsBy(em, 'transfer_overdue_rollup', { holder_org_id: holder }, 'n', amounts);
  }
}

/** The clock, read with the lock every writer of the roll-up takes first (SQLite's writes are serialised already). */
export async function lockOverdueClock(em: EntityManager): Promise<Date | null> {
  const [row] = (await em.query(`SELECT computed_at FROM transfer_overdue_clock WHERE id = 1${isSqlite(em.connection) ? '' : ' FOR UPDATE'}`)) as { computed_at: unknown }[];
  return row ? toDate(row.computed_at) : null;
}

/** Moves a transfer's overdue counts from what it was to what it is, in the transaction of the change. */
export async function reOverdue(em: EntityManager, before: OverdueFacts | null, after: OverdueFacts | null): Promise<void> {
  // A step without a deadline, or closed, is never late: most drafts and members' turns need no lock at all.
  const mayCount = (t: OverdueFacts | null) => !!t && !isFinalState(t.state) && !!t.dueAt;
  if (!mayCount(before) && !mayCount(after)) return;
  const clock = await lockOverdueClock(em);
  if (!clock) return;
  const deltas = new Map<string, number>();
  if (lateBy(before, clock)) addCounts(deltas, before, -1);
  if (lateBy(after, clock)) addCounts(deltas, after, +1);
  await applyCounts(em, deltas);
}

const FACT_COLUMNS = 'state, source_org_path, destination_committee_path, destination_branch_path, holder_org_id, due_at';
interface FactRow {
  state: TransferState;
  source_org_path: string | null;
  destination_committee_path: string | null;
  destination_branch_path: string | null;
  holder_org_id: number | null;
  due_at: unknown;
}
const facts = (r: FactRow): OverdueFacts => ({
  state: r.state,
  sourceOrgPath: r.source_org_path,
  destinationCommitteePath: r.destination_committee_path,
  destinationBranchPath: r.destination_branch_path,
  holderOrgId: r.holder_org_id === null ? null : Number(r.holder_org_id),
  dueAt: toDate(r.due_at),
});

/** The open transfers with a deadline in [from, to) (from null: any before `to`). */
async function fallingDue(em: Pick<EntityManager, 'query'>, from: Date | null, to: Date): Promise<OverdueFacts[]> {
  const rows = (await em.query(
    `SELECT ${FACT_COLUMNS} FROM transfers t WHERE ${OPEN_STATES} AND t.due_at < ?${from ? ' AND t.due_at >= ?' : ''}`,
    from ? [to, from] : [to],
  )) as FactRow[];
  return rows.map(facts);
}

/**
 * The job's step: moves the clock to `now` and adds the steps whose deadline fell since. Returns how many did.
 * Safe to run twice and from two processes: the clock row's lock orders them, and the second finds nothing new.
 */
export async function advanceOverdueClock(em: EntityManager, now: Date): Promise<number> {
  const clock = await lockOverdueClock(em);
  if (clock && clock.getTime() >= now.getTime()) return 0;
  if (!clock) return rebuildOverdueRollup(em, now);
  const due = await fallingDue(em, clock, now);
  const deltas = new Map<string, number>();
  for (const t of due) addCounts(deltas, t, +1);
  await applyCounts(em, deltas);
  await em.query('UPDATE transfer_overdue_clock SET computed_at = ? WHERE id = 1', [now]);
  return due.length;
}

/** The roll-up's rows as they should be for a clock (`org|holder` → n), computed from the transfers. */
export async function overdueRollupFor(db: Pick<EntityManager, 'query'>, clock: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const t of await fallingDue(db, null, clock)) addCounts(counts, t, +1);
  return counts;
}

/**
 * Recomputes the roll-up from the transfers with the clock at `now`. Where others may write at the same time, call it
 * in a transaction after lockOverdueClock.
 */
export async function rebuildOverdueRollup(db: Pick<EntityManager, 'query'>, now: Date = new Date()): Promise<number> {
  const counts = await overdueRollupFor(db, now);
  await db.query('DELETE FROM transfer_overdue_rollup');
  await insertRows(db, 'transfer_overdue_rollup', ['org_id', 'holder_org_id', 'n'], [...counts].map(([key, n]) => [...key.split('|').map(Number), n]));
  await db.query('UPDATE transfer_overdue_clock SET computed_at = ? WHERE id = 1', [now]);
  return counts.size;
}

/** How old the clock may be before the overview counts late steps from the transfers instead (no job is running). */
export const OVERDUE_CLOCK_FRESH_MS = 15 * 60_000;

/** Of the overdue figures: the late steps, and the (up to) twenty organisations holding most, as [org id, count]. */
export interface OverdueFigures {
  total: number;
  byHolder: [number, number][];
}

/**
 * An organisation's roll-up in one statement (one snapshot): the clock, its total (holder 0) and its twenty largest
 * holders, by the rank index. Parameters: the organisation's id twice.
 */
export const OVERDUE_ROLLUP_SQL = `SELECT c.computed_at AS clock, x.h, x.n FROM transfer_overdue_clock c LEFT JOIN (
    SELECT h, n FROM (SELECT holder_org_id AS h, n FROM transfer_overdue_rollup WHERE org_id = ? AND holder_org_id <> 0 AND n > 0
      ORDER BY n DESC, holder_org_id DESC LIMIT 20) ranked
    UNION ALL SELECT holder_org_id AS h, n FROM transfer_overdue_rollup WHERE org_id = ? AND holder_org_id = 0
  ) x ON 1 = 1 WHERE c.id = 1`;

type Query = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/**
 * An organisation's overdue figures from the roll-up, plus the steps that fell due since its clock counted from the
 * transfers (`scope`: the overview's condition on the transfers `t` and its parameters); null when the clock is
 * missing or stale, for the caller to count everything from the transfers.
 */
export async function readOverdue(query: Query, orgId: number, scope: { sql: string; params: unknown[] }, now: Date): Promise<OverdueFigures | null> {
  const rows = (await query(OVERDUE_ROLLUP_SQL, [orgId, orgId])) as { clock: unknown; h: number | null; n: number | null }[];
  const clock = toDate(rows[0]?.clock);
  if (!clock || now.getTime() - clock.getTime() > OVERDUE_CLOCK_FRESH_MS) return null;
  let total = 0;
  const counts = new Map<number, number>();
  for (const r of rows) {
    if (r.h === null) continue;
    if (Number(r.h) === OVERDUE_TOTAL) total = Number(r.n);
    else counts.set(Number(r.h), Number(r.n));
  }
  if (clock.getTime() < now.getTime()) {
    const recent = (await query(
      `SELECT t.holder_org_id AS h, COUNT(*) AS n FROM transfers t WHERE ${scope.sql} AND ${OPEN_STATES} AND t.due_at >= ? AND t.due_at < ? GROUP BY t.holder_org_id`,
      [...scope.params, clock, now],
    )) as { h: number | null; n: number }[];
    total += recent.reduce((sum, r) => sum + Number(r.n), 0);
    // A holder outside the twenty may enter them with its new late steps: its rolled-up count is read to add them to.
    const held = recent.filter((r) => r.h !== null).map((r) => [Number(r.h), Number(r.n)] as const);
    const outside = held.map(([h]) => h).filter((h) => !counts.has(h));
    if (outside.length) {
      const base = (await query(`SELECT holder_org_id AS h, n FROM transfer_overdue_rollup WHERE org_id = ? AND holder_org_id IN (${outside.map(() => '?').join(',')})`, [
        orgId,
        ...outside,
      ])) as { h: number; n: number }[];
      for (const b of base) counts.set(Number(b.h), Number(b.n));
    }
    for (const [h, n] of held) counts.set(h, (counts.get(h) ?? 0) + n);
  }
  return { total, byHolder: rankHolders([...counts]) };
}

/** The twenty organisations holding most late steps: by count, then by id (the larger first, as the rank index). */
export function rankHolders(pairs: [number, number][]): [number, number][] {
  return pairs
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, 20);
}
