import { pathIds, rolesForHolder, type HolderKind } from '@zhdj/shared';

/** A statement runner: an EntityManager's or a QueryRunner's `query`, or the bench's bare driver. */
export type Query = <T = Record<string, unknown>>(sql: string, params: unknown[]) => Promise<T[]>;

export interface NearestAdmins {
  userIds: number[];
  /** The organisation they were found at — the holder's own, or the nearest above it that has any — and its path. */
  orgId: number | null;
  orgPath: string | null;
}

/**
 * The enabled administrators who must act at a holder tier over an organisation: those assigned to it with a role of
 * that tier (or above), or failing that those of the nearest organisation above it that has any. One statement over
 * the holder's ancestors (the role assignments' organisation index).
 */
export async function nearestAdmins(query: Query, kind: HolderKind, orgPath: string | null): Promise<NearestAdmins> {
  const roles = rolesForHolder(kind);
  if (!roles.length || !orgPath) return { userIds: [], orgId: null, orgPath: null };
  const ids = pathIds(orgPath);
  const rows = await query<{ user_id: number; org_id: number }>(
    `SELECT ra.user_id, ra.org_id FROM role_assignments ra JOIN users u ON u.id = ra.user_id
      WHERE u.disabled = ? AND ra.role IN (${roles.map(() => '?').join(',')}) AND ra.org_id IN (${ids.map(() => '?').join(',')})`,
    [false, ...roles, ...ids],
  );
  for (let i = ids.length - 1; i >= 0; i--) {
    const here = rows.filter((r) => Number(r.org_id) === ids[i]);
    if (here.length) return { userIds: here.map((r) => Number(r.user_id)), orgId: ids[i], orgPath: `/${ids.slice(0, i + 1).join('/')}/` };
  }
  return { userIds: [], orgId: null, orgPath: null };
}
