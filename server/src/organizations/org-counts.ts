import { pathIds } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { byAmount } from '../common/database/counter-rows';
import { isSqlite } from '../database/data-source';

/**
 * Call first in any transaction that changes the tree's paths or counts: on MySQL it locks the root row(s), so such
 * transactions run one at a time, as Db.tx makes them do on SQLite. Without it they deadlock (inserting a member
 * takes a shared lock on its branch for the foreign key before the count update needs an exclusive one), and a
 * move checked against an older snapshot could pass the cycle check while another move makes the cycle. Reads
 * that follow see what the previous writer committed: InnoDB takes a transaction's snapshot at its first plain read.
 */
export async function lockTree(em: EntityManager): Promise<void> {
  if (isSqlite(em.connection)) return;
  await em.query('SELECT id FROM organizations WHERE parent_id IS NULL ORDER BY id FOR UPDATE');
}

/**
 * Subtree counts are stored on each organisation and adjusted along the ancestors' path (a handful of rows) in the
 * same transaction as the change, so reading any subtree's counts costs one row.
 */
export async function adjustMemberCounts(em: EntityManager, branchId: number, branchPath: string, delta: number): Promise<void> {
  if (delta === 0) return;
  await lockTree(em); // already held when the caller locked first, as it should
  await em.query(`UPDATE organizations SET member_count = member_count + ? WHERE id = ?`, [delta, branchId]);
  const ids = pathIds(branchPath);
  await em.query(
    `UPDATE organizations SET subtree_member_count = subtree_member_count + ? WHERE id IN (${ids.map(() => '?').join(',')})`,
    [delta, ...ids],
  );
}

/**
 * adjustMemberCounts for many branches at once (an import): each branch's own count and each ancestor's subtree count
 * change by their totals, one UPDATE per distinct amount, organisations in id order. Branch by branch it was three
 * statements for each of up to the county's 1,500 branches.
 */
export async function adjustMemberCountsOf(em: EntityManager, branches: { id: number; path: string; n: number }[]): Promise<void> {
  const changed = branches.filter((b) => b.n !== 0);
  if (!changed.length) return;
  await lockTree(em);
  const subtree = new Map<number, number>();
  for (const b of changed) for (const id of pathIds(b.path)) subtree.set(id, (subtree.get(id) ?? 0) + b.n);
  const add = async (column: string, amounts: [number, number][]) => {
    for (const [delta, ids] of byAmount(amounts)) {
      await em.query(`UPDATE organizations SET ${column} = ${column} + ? WHERE id IN (${ids.map(() => '?').join(',')})`, [delta, ...ids]);
    }
  };
  await add('member_count', changed.map((b) => [b.id, b.n]));
  await add('subtree_member_count', [...subtree]);
}

/** `path` is the path of the node whose subtree appeared (+) or left (−); its ancestors' counts change. */
export async function adjustAncestorTotals(
  em: EntityManager,
  path: string,
  delta: { descendants: number; members: number },
): Promise<void> {
  const ancestors = pathIds(path).slice(0, -1);
  if (!ancestors.length || (delta.descendants === 0 && delta.members === 0)) return;
  await lockTree(em);
  await em.query(
    `UPDATE organizations SET descendant_count = descendant_count + ?, subtree_member_count = subtree_member_count + ?
      WHERE id IN (${ancestors.map(() => '?').join(',')})`,
    [delta.descendants, delta.members, ...ancestors],
  );
}
