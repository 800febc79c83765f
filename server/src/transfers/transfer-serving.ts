import { HOLDER_KINDS, rolesForHolder, type HolderKind, type Role } from '@zhdj/shared';
import { inSubtree } from '../common/database/subtree-sql';
import type { Query } from '../notifications/nearest-admins';

/**
 * Who serves a step: the organisation of the administrators who must take it — the holder's own where it has an
 * administrator of a role that may act at the holder's tier, or else the nearest organisation above it that has one
 * (a branch without an administrator is its committee's; a committee without one, the county's). NotificationsService
 * tells those administrators, and the to-do lists read it from the transfer (`served_org_path`), written at every step
 * and again wherever staffing changes (reserveOpenSteps): reading who administers where at every to-do request, and
 * the subtree ranges it leaves, cost the county's queue three quarters of its throughput (bench/JOURNAL.md, 6 December
 * 2026).
 */

/** The tiers whose steps an organisation's administrators serve: every tier an organisation holds. */
export const SERVED_KINDS = HOLDER_KINDS.filter((k) => rolesForHolder(k).length > 0);

/** Each (path, role) where an enabled administrator may work some holder tier's steps. A few rows a county. */
export const STAFFED_SQL = `SELECT DISTINCT o.path, ra.role FROM role_assignments ra JOIN users u ON u.id = ra.user_id JOIN organizations o ON o.id = ra.org_id
  WHERE u.disabled = ? AND ra.role IN (${rolesForHolder('BRANCH').map((r) => `'${r}'`).join(',')})`;
export type Staffing = { path: string; role: Role }[];

/** The organisation serving a step of `kind` held at `holderPath`, from the staffing read whole (STAFFED_SQL). */
export function servedPathOf(kind: HolderKind, holderPath: string | null, staffing: Staffing): string | null {
  const roles = rolesForHolder(kind);
  if (!roles.length || !holderPath) return null;
  let nearest: string | null = null;
  for (const s of staffing) if (roles.includes(s.role) && holderPath.startsWith(s.path) && (!nearest || s.path.length > nearest.length)) nearest = s.path;
  return nearest;
}

/**
 * Writes again who serves each open step held in a subtree (the whole tree when `under` is null), where that has
 * changed: after an administrator is appointed (the create-admin command), a subtree moves, or at the serving job's
 * run, which also mends what was changed in the database by hand. One grouped read of the open steps' holders, then one
 * update per holder whose serving organisation changed; safe to run twice, or in two processes at once (each writes the
 * same answer). Returns how many transfers changed.
 */
export async function reserveOpenSteps(query: Query, under: string | null = null): Promise<number> {
  const staffing = await query<Staffing[number]>(STAFFED_SQL, [false]);
  const scope = under ? inSubtree('t.holder_org_path', under) : { sql: '1 = 1', params: [] };
  const groups = await query<{ kind: HolderKind; path: string; served: string | null; n: unknown }>(
    `SELECT t.holder_kind AS kind, t.holder_org_path AS path, t.served_org_path AS served, COUNT(*) AS n FROM transfers t
      WHERE t.holder_kind IN (${SERVED_KINDS.map(() => '?').join(',')}) AND ${scope.sql}
      GROUP BY t.holder_kind, t.holder_org_path, t.served_org_path`,
    [...SERVED_KINDS, ...scope.params],
  );
  let changed = 0;
  for (const g of groups) {
    const served = servedPathOf(g.kind, g.path, staffing);
    if (served === g.served) continue;
    await query(
      `UPDATE transfers SET served_org_path = ? WHERE holder_kind = ? AND holder_org_path = ? AND ${g.served === null ? 'served_org_path IS NULL' : 'served_org_path = ?'}`,
      [served, g.kind, g.path, ...(g.served === null ? [] : [g.served])],
    );
    changed += Number(g.n);
  }
  return changed;
}
