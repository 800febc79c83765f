import { pathIds } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';

/**
 * Subtree counts are stored on each organisation and adjusted along the ancestors' path (a handful of rows) in the
 * same transaction as the change, so reading any subtree's counts costs one row.
 */
export async function adjustMemberCounts(em: EntityManager, branchId: number, branchPath: string, delta: number): Promise<void> {
  if (delta === 0) return;
  await em.query(`UPDATE organizations SET member_count = member_count + ? WHERE id = ?`, [delta, branchId]);
  const ids = pathIds(branchPath);
  await em.query(
    `UPDATE organizations SET subtree_member_count = subtree_member_count + ? WHERE id IN (${ids.map(() => '?').join(',')})`,
    [delta, ...ids],
  );
}

/** `path` is the path of the node whose subtree appeared (+) or left (−); its ancestors' counts change. */
export async function adjustAncestorTotals(
  em: EntityManager,
  path: string,
  delta: { descendants: number; members: number },
): Promise<void> {
  const ancestors = pathIds(path).slice(0, -1);
  if (!ancestors.length || (delta.descendants === 0 && delta.members === 0)) return;
  await em.query(
    `UPDATE organizations SET descendant_count = descendant_count + ?, subtree_member_count = subtree_member_count + ?
      WHERE id IN (${ancestors.map(() => '?').join(',')})`,
    [delta.descendants, delta.members, ...ancestors],
  );
}
