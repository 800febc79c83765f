import { expect } from 'vitest';
import type { DataSource } from 'typeorm';

interface OrgRow {
  id: number;
  parent_id: number | null;
  path: string;
  depth: number;
  member_count: number;
  subtree_member_count: number;
  descendant_count: number;
}

/** Every organisation's path, depth and stored counts, ordered by id: compare two of them to see what changed. */
export async function orgSnapshot(ds: DataSource): Promise<OrgRow[]> {
  const rows: OrgRow[] = await ds.query(
    'SELECT id, parent_id, path, depth, member_count, subtree_member_count, descendant_count, name, short_name, code, level FROM organizations ORDER BY id',
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    parent_id: r.parent_id === null ? null : Number(r.parent_id),
    depth: Number(r.depth),
    member_count: Number(r.member_count),
    subtree_member_count: Number(r.subtree_member_count),
    descendant_count: Number(r.descendant_count),
  }));
}

/**
 * The stored tree agrees with itself: each path is the parent's path plus the id, the depth matches, members carry
 * their branch's path, and every stored count equals a count made from scratch.
 */
export async function expectTreeConsistent(ds: DataSource): Promise<void> {
  const orgs = await orgSnapshot(ds);
  const members: { org_id: number; org_path: string }[] = (await ds.query('SELECT org_id, org_path FROM members')).map(
    (m: { org_id: unknown; org_path: string }) => ({ org_id: Number(m.org_id), org_path: m.org_path }),
  );
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const problems: string[] = [];
  for (const o of orgs) {
    const parent = o.parent_id === null ? null : byId.get(o.parent_id);
    const expectedPath = `${parent ? parent.path : '/'}${o.id}/`;
    if (o.path !== expectedPath) problems.push(`org ${o.id}: path ${o.path}, expected ${expectedPath}`);
    if (o.depth !== (parent ? parent.depth + 1 : 0)) problems.push(`org ${o.id}: depth ${o.depth}`);
    const descendants = orgs.filter((x) => x.id !== o.id && x.path.startsWith(o.path)).length;
    if (o.descendant_count !== descendants) problems.push(`org ${o.id}: descendant_count ${o.descendant_count}, counted ${descendants}`);
    const direct = members.filter((m) => m.org_id === o.id).length;
    if (o.member_count !== direct) problems.push(`org ${o.id}: member_count ${o.member_count}, counted ${direct}`);
    const subtree = members.filter((m) => m.org_path.startsWith(o.path)).length;
    if (o.subtree_member_count !== subtree) problems.push(`org ${o.id}: subtree_member_count ${o.subtree_member_count}, counted ${subtree}`);
  }
  for (const m of members) {
    if (byId.get(m.org_id)?.path !== m.org_path) problems.push(`member in org ${m.org_id}: org_path ${m.org_path}`);
  }
  expect(problems).toEqual([]);
}
