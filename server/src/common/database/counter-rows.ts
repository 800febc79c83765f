import type { EntityManager } from 'typeorm';
import { isSqlite } from '../../database/data-source';
import { groupBy } from '../group-by';

/** `n` placeholders for an IN list or a row of values: `?,?,?`. */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(',');

/**
 * Makes sure a counter table has a row for each organisation under a key (the other columns of its unique index,
 * e.g. `{ assignment_id: 7 }`), reading first: rows usually exist, and an INSERT IGNORE on an existing key takes a
 * shared lock on MySQL that the following UPDATE would have to upgrade (two such transactions deadlock).
 */
export async function ensureCounterRows(em: EntityManager, table: string, key: Record<string, string | number>, orgIds: number[]): Promise<void> {
  if (!orgIds.length) return;
  const columns = Object.keys(key);
  const values = Object.values(key);
  const present: { org_id: number }[] = await em.query(
    `SELECT org_id FROM ${table} WHERE ${columns.map((c) => `${c} = ?`).join(' AND ')} AND org_id IN (${marks(orgIds.length)})`,
    [...values, ...orgIds],
  );
  const have = new Set(present.map((r) => Number(r.org_id)));
  const missing = orgIds.filter((id) => !have.has(id));
  if (!missing.length) return;
  await em.query(
    `${isSqlite(em.connection) ? 'INSERT OR IGNORE' : 'INSERT IGNORE'} INTO ${table} (org_id, ${columns.join(', ')}) VALUES ${missing.map(() => `(${marks(columns.length + 1)})`).join(', ')}`,
    missing.flatMap((id) => [id, ...values]),
  );
}

/** Adds `deltas` (column → amount) to the counter rows of these organisations under a key, creating missing rows. */
export async function bumpCounterRows(em: EntityManager, table: string, key: Record<string, string | number>, orgIds: number[], deltas: Record<string, number>): Promise<void> {
  const changes = Object.entries(deltas).filter(([, d]) => d !== 0);
  if (!orgIds.length || !changes.length) return;
  await ensureCounterRows(em, table, key, orgIds);
  await em.query(
    `UPDATE ${table} SET ${changes.map(([c]) => `${c} = ${c} + ?`).join(', ')} WHERE ${Object.keys(key).map((c) => `${c} = ?`).join(' AND ')} AND org_id IN (${marks(orgIds.length)})`,
    [...changes.map(([, d]) => d), ...Object.values(key), ...orgIds],
  );
}

/**
 * Amounts that differ by organisation (org id → amount) as one list of organisations per distinct amount, amounts and
 * organisations in ascending order (the order rows are locked in): one UPDATE each, where adding them organisation by
 * organisation, or branch by branch, cost a statement or two apiece.
 */
export function byAmount(amounts: Iterable<[number, number]>): [number, number[]][] {
  const groups = groupBy([...amounts].filter(([, d]) => d !== 0), ([, d]) => d);
  return [...groups].sort(([a], [b]) => a - b).map(([d, orgs]) => [d, orgs.map(([org]) => org).sort((a, b) => a - b)]);
}

/** Adds amounts that differ by organisation to one column of a counter table under a key, one UPDATE per amount. */
export async function bumpCounterRowsBy(em: EntityManager, table: string, key: Record<string, string | number>, column: string, amounts: Map<number, number>): Promise<void> {
  for (const [d, orgs] of byAmount(amounts)) await bumpCounterRows(em, table, key, orgs, { [column]: d });
}

/** Inserts rows 500 to a statement (rebuilding counters from scratch: migrations, the seed, repairs). */
export async function insertRows(db: { query(sql: string, params?: unknown[]): Promise<unknown> }, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => `(${marks(columns.length)})`).join(', ')}`, chunk.flat());
  }
}
