import { hoursToTenths, pathIds, requiredClassHours } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { bumpCounterRows, bumpCounterRowsBy, insertRows } from '../common/database/counter-rows';
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

/**
 * Members enrolled, gathered over many members and written once: per assignment, each organisation above their
 * branches gains its total in one UPDATE per distinct amount (an import of thousands, or a branch's arrival).
 */
export class EnrolledCounts {
  private readonly byAssignment = new Map<number, Map<number, number>>();

  add(assignmentId: number, branchPath: string, n: number): void {
    let amounts = this.byAssignment.get(assignmentId);
    if (!amounts) this.byAssignment.set(assignmentId, (amounts = new Map()));
    for (const org of pathIds(branchPath)) amounts.set(org, (amounts.get(org) ?? 0) + n);
  }

  async apply(em: EntityManager): Promise<void> {
    for (const [assignmentId, amounts] of [...this.byAssignment].sort(([a], [b]) => a - b)) {
      await bumpCounterRowsBy(em, 'study_org_counters', { assignment_id: assignmentId }, 'enrolled', amounts);
    }
    this.byAssignment.clear();
  }
}

/** 1 when a member with this post has reached the year's requirement with these hours (tenths), else 0. */
export const hoursMet = (tenths: number, post: string | null): number => (tenths >= hoursToTenths(requiredClassHours(post)) ? 1 : 0);

/** Adds class hours (tenths) earned in a year, and members who reached the requirement, on every organisation of a branch path. */
export async function bumpOrgHours(em: EntityManager, branchPath: string, year: number, tenths: number, met = 0): Promise<void> {
  if (!branchPath) return;
  await bumpCounterRows(em, 'study_org_hours', { year }, pathIds(branchPath), { tenths, met });
}

/**
 * The member's row as study counts them, with a shared lock on MySQL (read as committed, and a post change waits for
 * this transaction). Read before the member's hours' row: the order a post change and a move take them in.
 */
export async function lockedMember(em: EntityManager, memberId: number): Promise<{ org_path: string; status: string; post: string | null }> {
  const [m] = await em.query(`SELECT org_path, status, post FROM members WHERE id = ?${isSqlite(em.connection) ? '' : ' LOCK IN SHARE MODE'}`, [memberId]);
  return m;
}

const forUpdate = (em: EntityManager) => (isSqlite(em.connection) ? '' : ' FOR UPDATE');

/**
 * A member earned class hours: their year's total and their branch's ancestors' sums grow together, and the
 * ancestors count them as having reached the requirement when these hours take them past it. `member` is their row
 * as `lockedMember` read it.
 */
export async function addMemberHours(em: EntityManager, memberId: number, member: { org_path: string; status: string; post: string | null }, year: number, tenths: number): Promise<void> {
  if (!tenths) return;
  const { post } = member;
  const branchPath = member.status === 'TRANSFERRED_OUT' ? '' : member.org_path;
  // A locking read sees rows committed after this transaction's snapshot (MySQL), as the insert just found one.
  const read = `SELECT org_path, tenths FROM study_member_hours WHERE member_id = ? AND year = ?${forUpdate(em)}`;
  let [row]: { org_path: string; tenths: number }[] = await em.query(read, [memberId, year]);
  if (!row) {
    await em.query(`${insertIgnore(em)} INTO study_member_hours (member_id, year, tenths, org_path) VALUES (?, ?, 0, ?)`, [memberId, year, branchPath]);
    [row] = await em.query(read, [memberId, year]);
  }
  const before = Number(row.tenths);
  await em.query('UPDATE study_member_hours SET tenths = tenths + ? WHERE member_id = ? AND year = ?', [tenths, memberId, year]);
  await bumpOrgHours(em, row.org_path, year, tenths, hoursMet(before + tenths, post) - hoursMet(before, post));
}

/** A member's hours (and whether they met each year's requirement) now count for another branch, or with '' nowhere: they left the county. */
export async function moveMemberHours(em: EntityManager, memberId: number, toPath: string): Promise<void> {
  const { post } = await lockedMember(em, memberId);
  const rows: { year: number; tenths: number; org_path: string }[] = await em.query(`SELECT year, tenths, org_path FROM study_member_hours WHERE member_id = ?${forUpdate(em)}`, [memberId]);
  for (const r of rows) {
    if (r.org_path === toPath) continue;
    const met = hoursMet(Number(r.tenths), post);
    await bumpOrgHours(em, r.org_path, Number(r.year), -Number(r.tenths), -met);
    await bumpOrgHours(em, toPath, Number(r.year), Number(r.tenths), met);
  }
  if (rows.some((r) => r.org_path !== toPath)) await em.query('UPDATE study_member_hours SET org_path = ? WHERE member_id = ?', [toPath, memberId]);
}

/**
 * A member's post changed (the member row already updated in this transaction): a requirement of 32 hours became 56
 * or the other way, so a year's hours may now meet it or fall short.
 */
export async function memberPostChanged(em: EntityManager, memberId: number, from: string | null, to: string | null): Promise<void> {
  if (requiredClassHours(from) === requiredClassHours(to)) return;
  const rows: { year: number; tenths: number; org_path: string }[] = await em.query(`SELECT year, tenths, org_path FROM study_member_hours WHERE member_id = ?${forUpdate(em)}`, [memberId]);
  for (const r of rows) await bumpOrgHours(em, r.org_path, Number(r.year), 0, hoursMet(Number(r.tenths), to) - hoursMet(Number(r.tenths), from));
}

export interface CounterSnapshot {
  /** `${orgId}:${assignmentId}` → counts (only non-zero rows). */
  counters: Map<string, { enrolled: number; completed: number }>;
  /** `${orgId}:${year}` → tenths and members who met the requirement (only non-zero rows). */
  orgHours: Map<string, { tenths: number; met: number }>;
  /** `${memberId}:${year}` → { tenths, orgPath } */
  memberHours: Map<string, { tenths: number; orgPath: string }>;
}

function addHours(map: Map<string, { tenths: number; met: number }>, key: string, tenths: number, met: number) {
  const cur = map.get(key) ?? { tenths: 0, met: 0 };
  map.set(key, { tenths: cur.tenths + tenths, met: cur.met + met });
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
  const orgHours = new Map<string, { tenths: number; met: number }>();
  const memberHours = new Map<string, { tenths: number; orgPath: string }>();
  if (assignmentId === undefined) {
    const rows: { member_id: number; year: number; t: number; org_path: string; status: string; post: string | null }[] = await em.query(
      `SELECT p.member_id, p.year, SUM(p.hours_tenths) AS t, m.org_path, m.status, m.post
         FROM study_progress p JOIN members m ON m.id = p.member_id
        WHERE p.status = 'COMPLETED' GROUP BY p.member_id, p.year, m.org_path, m.status, m.post`,
    );
    for (const r of rows) {
      const tenths = Number(r.t);
      if (!tenths) continue;
      const orgPath = r.status === 'TRANSFERRED_OUT' ? '' : r.org_path;
      memberHours.set(`${Number(r.member_id)}:${Number(r.year)}`, { tenths, orgPath });
      for (const orgId of pathIds(orgPath)) addHours(orgHours, `${orgId}:${Number(r.year)}`, tenths, hoursMet(tenths, r.post));
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
  const orgHours = new Map<string, { tenths: number; met: number }>();
  for (const r of (await em.query('SELECT org_id, year, tenths, met FROM study_org_hours')) as Record<string, number>[]) {
    if (Number(r.tenths) || Number(r.met)) orgHours.set(`${Number(r.org_id)}:${Number(r.year)}`, { tenths: Number(r.tenths), met: Number(r.met) });
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
  await insertRows(em, 'study_org_hours', ['org_id', 'year', 'tenths', 'met'], [...snap.orgHours].map(([k, v]) => [...k.split(':').map(Number), v.tenths, v.met]));
  await insertRows(
    em,
    'study_member_hours',
    ['member_id', 'year', 'tenths', 'org_path'],
    [...snap.memberHours].map(([k, v]) => [...k.split(':').map(Number), v.tenths, v.orgPath]),
  );
  return snap;
}
