import { pathIds } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { bumpCounterRows, insertRows } from '../common/database/counter-rows';
import { isSqlite } from '../database/data-source';

/**
 * Counter rows of the follow-up, kept along the ancestors' path of the member's branch (≤ 6 rows) in the same
 * transaction as each change, like organizations.subtree_member_count: reading a subtree's figures never scans
 * enrolments or progress. `rebuildStudyCounters` recomputes them all from the base rows.
 */

const insertIgnore = (em: EntityManager) => (isSqlite(em.connection) ? 'INSERT OR IGNORE' : 'INSERT IGNORE');

/** Adds to an assignment's enrolled/completed counts on every organisation of a branch path. */
export async function bumpAssignmentCounters(em: EntityManager, assignmentId: number, branchPath: string, enrolled: number, completed: number): Promise<void> {
  if (!branchPath) return;
  await bumpCounterRows(em, 'study_org_counters', { assignment_id: assignmentId }, pathIds(branchPath), { enrolled, completed });
}

/** Adds class hours (tenths) earned in a year on every organisation of a branch path. */
export async function bumpOrgHours(em: EntityManager, branchPath: string, year: number, tenths: number): Promise<void> {
  if (!branchPath) return;
  await bumpCounterRows(em, 'study_org_hours', { year }, pathIds(branchPath), { tenths });
}

/** A member earned class hours: their year's total and their branch's ancestors' sums grow together. */
export async function addMemberHours(em: EntityManager, memberId: number, branchPath: string, year: number, tenths: number): Promise<void> {
  if (!tenths) return;
  // A locking read sees rows committed after this transaction's snapshot (MySQL), as the insert just found one.
  const read = `SELECT org_path FROM study_member_hours WHERE member_id = ? AND year = ?${isSqlite(em.connection) ? '' : ' FOR UPDATE'}`;
  let [row]: { org_path: string }[] = await em.query(read, [memberId, year]);
  if (!row) {
    await em.query(`${insertIgnore(em)} INTO study_member_hours (member_id, year, tenths, org_path) VALUES (?, ?, 0, ?)`, [memberId, year, branchPath]);
    [row] = await em.query(read, [memberId, year]);
  }
  await em.query('UPDATE study_member_hours SET tenths = tenths + ? WHERE member_id = ? AND year = ?', [tenths, memberId, year]);
  await bumpOrgHours(em, row.org_path, year, tenths);
}

/** A member's hours now count for another branch (or, with '', nowhere: they left the county). */
export async function moveMemberHours(em: EntityManager, memberId: number, toPath: string): Promise<void> {
  const rows: { year: number; tenths: number; org_path: string }[] = await em.query('SELECT year, tenths, org_path FROM study_member_hours WHERE member_id = ?', [memberId]);
  for (const r of rows) {
    if (r.org_path === toPath) continue;
    await bumpOrgHours(em, r.org_path, Number(r.year), -Number(r.tenths));
    await bumpOrgHours(em, toPath, Number(r.year), Number(r.tenths));
  }
  if (rows.some((r) => r.org_path !== toPath)) await em.query('UPDATE study_member_hours SET org_path = ? WHERE member_id = ?', [toPath, memberId]);
}

export interface CounterSnapshot {
  /** `${orgId}:${assignmentId}` → counts (only non-zero rows). */
  counters: Map<string, { enrolled: number; completed: number }>;
  /** `${orgId}:${year}` → tenths (only non-zero rows). */
  orgHours: Map<string, number>;
  /** `${memberId}:${year}` → { tenths, orgPath } */
  memberHours: Map<string, { tenths: number; orgPath: string }>;
}

function add<K>(map: Map<K, number>, key: K, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Every counter as the base rows (active enrolments, completed progress, members' branches) say it should be. */
export async function computeStudyCounters(em: EntityManager, assignmentId?: number): Promise<CounterSnapshot> {
  const counters = new Map<string, { enrolled: number; completed: number }>();
  const groups: { assignment_id: number; org_path: string; n: number; c: number }[] = await em.query(
    `SELECT assignment_id, org_path, COUNT(*) AS n, SUM(CASE WHEN completed_at IS NULL THEN 0 ELSE 1 END) AS c
       FROM study_enrolments WHERE active = 1 ${assignmentId === undefined ? '' : 'AND assignment_id = ?'}
      GROUP BY assignment_id, org_path`,
    assignmentId === undefined ? [] : [assignmentId],
  );
  for (const g of groups) {
    for (const orgId of pathIds(g.org_path)) {
      const key = `${orgId}:${Number(g.assignment_id)}`;
      const cur = counters.get(key) ?? { enrolled: 0, completed: 0 };
      cur.enrolled += Number(g.n);
      cur.completed += Number(g.c);
      counters.set(key, cur);
    }
  }
  const orgHours = new Map<string, number>();
  const memberHours = new Map<string, { tenths: number; orgPath: string }>();
  if (assignmentId === undefined) {
    const rows: { member_id: number; year: number; t: number; org_path: string; status: string }[] = await em.query(
      `SELECT p.member_id, p.year, SUM(p.hours_tenths) AS t, m.org_path, m.status
         FROM study_progress p JOIN members m ON m.id = p.member_id
        WHERE p.status = 'COMPLETED' GROUP BY p.member_id, p.year, m.org_path, m.status`,
    );
    for (const r of rows) {
      const tenths = Number(r.t);
      if (!tenths) continue;
      const orgPath = r.status === 'TRANSFERRED_OUT' ? '' : r.org_path;
      memberHours.set(`${Number(r.member_id)}:${Number(r.year)}`, { tenths, orgPath });
      for (const orgId of pathIds(orgPath)) add(orgHours, `${orgId}:${Number(r.year)}`, tenths);
    }
  }
  return { counters, orgHours, memberHours };
}

/** What the counter tables hold now (non-zero rows), in the same shape, to compare with a recomputation. */
export async function readStudyCounters(em: EntityManager): Promise<CounterSnapshot> {
  const counters = new Map<string, { enrolled: number; completed: number }>();
  for (const r of (await em.query('SELECT org_id, assignment_id, enrolled, completed FROM study_org_counters')) as Record<string, number>[]) {
    if (Number(r.enrolled) || Number(r.completed)) counters.set(`${Number(r.org_id)}:${Number(r.assignment_id)}`, { enrolled: Number(r.enrolled), completed: Number(r.completed) });
  }
  const orgHours = new Map<string, number>();
  for (const r of (await em.query('SELECT org_id, year, tenths FROM study_org_hours')) as Record<string, number>[]) {
    if (Number(r.tenths)) orgHours.set(`${Number(r.org_id)}:${Number(r.year)}`, Number(r.tenths));
  }
  const memberHours = new Map<string, { tenths: number; orgPath: string }>();
  for (const r of (await em.query('SELECT member_id, year, tenths, org_path FROM study_member_hours')) as { member_id: number; year: number; tenths: number; org_path: string }[]) {
    if (Number(r.tenths)) memberHours.set(`${Number(r.member_id)}:${Number(r.year)}`, { tenths: Number(r.tenths), orgPath: r.org_path });
  }
  return { counters, orgHours, memberHours };
}


/** Recomputes one assignment's counter rows from its enrolments (after a bulk enrolment or a track change). */
export async function rebuildAssignmentCounters(em: EntityManager, assignmentId: number): Promise<void> {
  const snap = await computeStudyCounters(em, assignmentId);
  await em.query('DELETE FROM study_org_counters WHERE assignment_id = ?', [assignmentId]);
  await insertRows(
    em,
    'study_org_counters',
    ['org_id', 'assignment_id', 'enrolled', 'completed'],
    [...snap.counters].map(([k, v]) => [...k.split(':').map(Number), v.enrolled, v.completed]),
  );
}

/** Recomputes every counter row from the base rows (the seed, repairs, and the test that checks the maintenance). */
export async function rebuildStudyCounters(em: EntityManager): Promise<CounterSnapshot> {
  const snap = await computeStudyCounters(em);
  await em.query('DELETE FROM study_org_counters');
  await em.query('DELETE FROM study_org_hours');
  await em.query('DELETE FROM study_member_hours');
  await insertRows(
    em,
    'study_org_counters',
    ['org_id', 'assignment_id', 'enrolled', 'completed'],
    [...snap.counters].map(([k, v]) => [...k.split(':').map(Number), v.enrolled, v.completed]),
  );
  await insertRows(em, 'study_org_hours', ['org_id', 'year', 'tenths'], [...snap.orgHours].map(([k, v]) => [...k.split(':').map(Number), v]));
  await insertRows(
    em,
    'study_member_hours',
    ['member_id', 'year', 'tenths', 'org_path'],
    [...snap.memberHours].map(([k, v]) => [...k.split(':').map(Number), v.tenths, v.orgPath]),
  );
  return snap;
}
