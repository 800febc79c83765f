import { Injectable, type OnModuleInit } from '@nestjs/common';
import { matchesAudience, pathIds, type OrgType } from '@zhdj/shared';
import { In, type EntityManager } from 'typeorm';
import { shanghaiDate } from '../common/calendar/china-calendar';
import { Db, toBool, toDate } from '../common/database/db.service';
import { rewriteSubtreePaths } from '../common/database/subtree-sql';
import { MemberMoves } from '../members/member-moves';
import { MemberWriter } from '../members/member-writer';
import type { Member } from '../members/entities/member.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { parseAudience } from './audience-sql';
import { insertSubtreeEnrolments, LAST_REQUIRED_DONE_AT, REQUIRED_DONE } from './enrolment-sql';
import { StudyEnrolment } from './entities/study-enrolment.entity';
import { bumpAssignmentCounters, bumpOrgHours, EnrolledCounts, memberPostChanged, moveMemberHours, rebuildAssignmentCounters } from './study-counters';

interface AssignmentRow {
  id: number;
  track_id: number;
  org_path: string;
  year: number;
  audience: string;
}

interface MemberFacts {
  id: number;
  org_id: number;
  org_path: string;
  type: OrgType;
  birth_date: string;
  category: string;
  post: string | null;
  is_retired: unknown;
  is_mobile: unknown;
  is_graduate: unknown;
  status: string;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
const CHUNK = 500;

/** The member facts an audience looks at (`AudienceFacts`): a change to one of them re-derives the member's enrolments. */
const AUDIENCE_FACTS: (keyof Member)[] = ['post', 'category', 'birthDate', 'isRetired', 'isMobile', 'isGraduate'];

/**
 * Who is enrolled where. Enrolment follows the member: an assignment enrols its subtree in one statement; a member
 * who arrives (created, imported, transferred in, placed from outside) is enrolled in the assignments covering their
 * new branch; one who leaves keeps the row, marked inactive, and stops counting for the old organisation. Every
 * change adjusts the counter rows in the same transaction.
 */
@Injectable()
export class StudyEnrolmentService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly moves: MemberMoves,
    private readonly writer: MemberWriter,
    private readonly orgs: OrganizationsService,
  ) {}

  onModuleInit(): void {
    this.moves.onMoved((em, memberId, to) => this.memberMoved(em, memberId, to));
    this.writer.onCreated((em, created) => this.membersArrived(em, created));
    this.writer.onUpdated((em, memberId, before, changed) => this.memberUpdated(em, memberId, before, changed));
    this.orgs.onSubtreeMoved((em, oldPath, newPath) => this.subtreeMoved(em, oldPath, newPath));
  }

  /**
   * An organisation moved with its subtree (paths already rewritten in organizations and members). The study rows
   * follow: paths are rewritten, enrolments now outside their assignment's subtree are left, assignments covering
   * the new place enrol its members, class hours move between the old and new ancestors, and the affected
   * assignments' counters are rebuilt from their enrolments (a rare administrative action).
   */
  async subtreeMoved(em: EntityManager, oldPath: string, newPath: string, now = new Date()): Promise<void> {
    const affected = new Set<number>(
      (await em.query('SELECT DISTINCT assignment_id FROM study_enrolments WHERE org_path LIKE ? AND active = 1', [oldPath + '%'])).map((r: { assignment_id: number }) => Number(r.assignment_id)),
    );
    const movedId = pathIds(oldPath).at(-1)!;
    const hours: { year: number; tenths: number; met: number }[] = await em.query('SELECT year, tenths, met FROM study_org_hours WHERE org_id = ?', [movedId]);
    const parent = (p: string) => p.slice(0, p.slice(0, -1).lastIndexOf('/') + 1);
    for (const h of hours) {
      await bumpOrgHours(em, parent(oldPath), Number(h.year), -Number(h.tenths), -Number(h.met));
      await bumpOrgHours(em, parent(newPath), Number(h.year), Number(h.tenths), Number(h.met));
    }
    for (const t of ['study_assignments', 'study_enrolments', 'study_member_hours']) await rewriteSubtreePaths(em, t, 'org_path', oldPath, newPath);
    await em.query(
      `UPDATE study_enrolments SET active = 0, left_at = ? WHERE org_path LIKE ? AND active = 1
          AND NOT EXISTS (SELECT 1 FROM study_assignments a WHERE a.id = study_enrolments.assignment_id AND study_enrolments.org_path LIKE CONCAT(a.org_path, '%'))`,
      [now, newPath + '%'],
    );
    const members: { id: number; org_path: string }[] = await em.query(`SELECT id, org_path FROM members WHERE org_path LIKE ? AND status <> 'TRANSFERRED_OUT'`, [newPath + '%']);
    await this.membersArrived(em, members.map((m) => ({ id: Number(m.id), orgPath: m.org_path })), now);
    for (const r of await em.query('SELECT DISTINCT assignment_id FROM study_enrolments WHERE org_path LIKE ?', [newPath + '%'])) affected.add(Number(r.assignment_id));
    for (const id of affected) await rebuildAssignmentCounters(em, id);
  }

  /** Enrols every matching member of the assignment's subtree (INSERT … SELECT), then sets its counter rows. */
  async enrolSubtree(em: EntityManager, a: { id: number; trackId: number; orgPath: string }, audienceJson: string, now = new Date()): Promise<number> {
    await insertSubtreeEnrolments(em, a, audienceJson, now);
    // Members who already studied the track's modules this year are complete from the start.
    await em.query(`UPDATE study_enrolments SET completed_at = ? WHERE assignment_id = ? AND completed_at IS NULL AND ${REQUIRED_DONE}`, [now, a.id]);
    await rebuildAssignmentCounters(em, a.id);
    const [row] = await em.query('SELECT COUNT(*) AS n FROM study_enrolments WHERE assignment_id = ?', [a.id]);
    return Number(row.n);
  }

  /** Re-derives completion of every enrolment of these assignments (their track's modules changed), then counters. */
  async recomputeAssignments(em: EntityManager, assignmentIds: number[], now = new Date()): Promise<void> {
    for (const id of assignmentIds) {
      await em.query(`UPDATE study_enrolments SET completed_at = NULL WHERE assignment_id = ? AND completed_at IS NOT NULL AND NOT ${REQUIRED_DONE}`, [id]);
      // Complete as of when the member finished the last module now required — a member who finished weeks ago did
      // not finish at the moment an administrator saved the track (now only if there is no such module).
      await em.query(`UPDATE study_enrolments SET completed_at = COALESCE(${LAST_REQUIRED_DONE_AT}, ?) WHERE assignment_id = ? AND completed_at IS NULL AND ${REQUIRED_DONE}`, [now, id]);
      await rebuildAssignmentCounters(em, id);
    }
  }

  /**
   * A module was completed: the member's active enrolments whose track needs it are checked, and those now complete
   * are marked (a conditional update, so each counts once) and counted.
   */
  async moduleCompleted(em: EntityManager, memberId: number, moduleId: number, now = new Date()): Promise<void> {
    const rows: { id: number; assignment_id: number; org_path: string }[] = await em.query(
      `SELECT e.id, e.assignment_id, e.org_path FROM study_enrolments e JOIN track_modules tm ON tm.track_id = e.track_id AND tm.module_id = ?
        WHERE e.member_id = ? AND e.active = 1 AND e.completed_at IS NULL`,
      [moduleId, memberId],
    );
    await this.completeIfDone(em, rows, now);
  }

  private async completeIfDone(em: EntityManager, rows: { id: number; assignment_id: number; org_path: string }[], now: Date): Promise<void> {
    for (const r of rows) {
      const res = await em
        .createQueryBuilder()
        .update(StudyEnrolment)
        .set({ completedAt: now })
        .where(`id = :id AND active = 1 AND completed_at IS NULL AND ${REQUIRED_DONE}`, { id: Number(r.id) })
        .execute();
      if (res.affected) await bumpAssignmentCounters(em, Number(r.assignment_id), r.org_path, 0, 1);
    }
  }

  /** New member records (create, import, placement from outside): enrol those the covering assignments match. */
  async membersArrived(em: EntityManager, created: { id: number; orgPath: string }[], now = new Date()): Promise<void> {
    if (!created.length) return;
    const assignments = await this.covering(em, [...new Set(created.map((c) => c.orgPath))], now);
    if (!assignments.length) return;
    const counts = new EnrolledCounts();
    for (let i = 0; i < created.length; i += CHUNK) await this.enrolMembers(em, created.slice(i, i + CHUNK).map((c) => c.id), assignments, now, counts);
    await counts.apply(em);
  }

  /**
   * A member's branch changed (transfer completed, or they left the county: `to` null). Enrolments whose assignment
   * still covers the new branch and whose audience still matches move with the member; the others become inactive.
   * Class hours move to the new branch's ancestors. Then the assignments covering the new branch enrol them.
   */
  async memberMoved(em: EntityManager, memberId: number, to: Organization | null, now = new Date()): Promise<void> {
    // Hours first, then enrolment counters: the order a completion takes them in, so the two rarely deadlock on MySQL.
    await moveMemberHours(em, memberId, to?.path ?? '');
    await this.enrolmentsFollow(em, memberId, to, now);
  }

  /**
   * A member's record changed in place. A new post may change the year's class-hour requirement (32 ↔ 56); a change
   * of any fact an audience looks at (post, category, birth date, retired, mobile, graduate) re-derives their
   * enrolments at their branch as a move would: a new branch secretary is enrolled in the cadres' track assigned
   * above them, and one whose post ended leaves it. Other edits (a phone number) leave enrolments alone.
   */
  async memberUpdated(em: EntityManager, memberId: number, before: Member, changed: Partial<Member>, now = new Date()): Promise<void> {
    if ('post' in changed) await memberPostChanged(em, memberId, before.post, changed.post ?? null);
    if (!AUDIENCE_FACTS.some((f) => f in changed) || before.status === 'TRANSFERRED_OUT') return;
    const branch = await em.findOneByOrFail(Organization, { id: before.orgId });
    await this.enrolmentsFollow(em, memberId, branch, now);
  }

  /**
   * The member's enrolments follow them to `to` (their branch now; null: they left the county): those whose
   * assignment covers it and whose audience matches them are kept there, the others left; then the assignments
   * covering it enrol them where they match.
   */
  private async enrolmentsFollow(em: EntityManager, memberId: number, to: Organization | null, now: Date): Promise<void> {
    const [m] = await this.facts(em, [memberId]);
    const enrolments: { id: number; assignment_id: number; org_path: string; completed_at: unknown; enrolled_at: unknown; a_path: string; audience: string }[] = await em.query(
      `SELECT e.id, e.assignment_id, e.org_path, e.completed_at, e.enrolled_at, a.org_path AS a_path, t.audience
         FROM study_enrolments e JOIN study_assignments a ON a.id = e.assignment_id JOIN study_tracks t ON t.id = e.track_id
        WHERE e.member_id = ? AND e.active = 1`,
      [memberId],
    );
    for (const e of enrolments) {
      const done = e.completed_at ? 1 : 0;
      // Age is judged on the day the track took the member in: a youth member who turns 35 during the year finishes
      // the track they were given (a later edit or move does not drop them from it), while a corrected birth date is
      // judged afresh on that day.
      const enrolledOn = shanghaiDate(toDate(e.enrolled_at) ?? now);
      const keep = !!to && !!m && to.path.startsWith(e.a_path) && matchesAudience(this.audienceFacts(m), to.type, parseAudience(e.audience), enrolledOn);
      if (keep) {
        if (e.org_path === to.path) continue;
        await em.query('UPDATE study_enrolments SET org_id = ?, org_path = ? WHERE id = ?', [to.id, to.path, e.id]);
        await bumpAssignmentCounters(em, Number(e.assignment_id), e.org_path, -1, -done);
        await bumpAssignmentCounters(em, Number(e.assignment_id), to.path, 1, done);
      } else {
        await em.query('UPDATE study_enrolments SET active = 0, left_at = ? WHERE id = ?', [now, e.id]);
        await bumpAssignmentCounters(em, Number(e.assignment_id), e.org_path, -1, -done);
      }
    }
    if (to) {
      const assignments = await this.covering(em, [to.path], now);
      if (assignments.length) {
        const counts = new EnrolledCounts();
        await this.enrolMembers(em, [memberId], assignments, now, counts);
        await counts.apply(em);
      }
    }
  }

  /**
   * Active assignments whose subtree contains any of these branches. A member arriving after an assignment's due
   * date is not enrolled in it: they could only ever be overdue there.
   */
  private async covering(em: EntityManager, branchPaths: string[], now: Date): Promise<AssignmentRow[]> {
    const prefixes = new Set<string>();
    for (const p of branchPaths) {
      const ids = pathIds(p);
      for (let k = 1; k <= ids.length; k++) prefixes.add(`/${ids.slice(0, k).join('/')}/`);
    }
    if (!prefixes.size) return [];
    const list = [...prefixes];
    return em.query(
      `SELECT a.id, a.track_id, a.org_path, a.year, t.audience FROM study_assignments a JOIN study_tracks t ON t.id = a.track_id
        WHERE a.status = 'ACTIVE' AND a.due_on >= ? AND a.org_path IN (${marks(list.length)})`,
      [shanghaiDate(now), ...list],
    );
  }

  private async facts(em: EntityManager, ids: number[]): Promise<MemberFacts[]> {
    return em.query(
      `SELECT m.id, m.org_id, m.org_path, o.type, m.birth_date, m.category, m.post, m.is_retired, m.is_mobile, m.is_graduate, m.status
         FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.id IN (${marks(ids.length)})`,
      ids,
    );
  }

  private audienceFacts(m: MemberFacts) {
    return { birthDate: m.birth_date, category: m.category, post: m.post, isRetired: toBool(m.is_retired), isMobile: toBool(m.is_mobile), isGraduate: toBool(m.is_graduate) };
  }

  /**
   * Enrols (or re-activates) these members in the given assignments where they match, and completes those already
   * done; they are counted into `counts`, which the caller applies once for all its members.
   */
  private async enrolMembers(em: EntityManager, memberIds: number[], assignments: AssignmentRow[], now: Date, counts: EnrolledCounts): Promise<void> {
    const today = shanghaiDate(now);
    const members = (await this.facts(em, memberIds)).filter((m) => m.status !== 'TRANSFERRED_OUT');
    if (!members.length) return;
    const existing = await em.find(StudyEnrolment, {
      select: { id: true, assignmentId: true, memberId: true, active: true },
      where: { memberId: In(members.map((m) => Number(m.id))), assignmentId: In(assignments.map((a) => Number(a.id))) },
    });
    const byKey = new Map(existing.map((e) => [`${e.assignmentId}:${e.memberId}`, e]));
    const inserts: Partial<StudyEnrolment>[] = [];
    const reactivate: number[] = [];
    const touched: { memberId: number; assignmentId: number }[] = [];
    for (const a of assignments) {
      const audience = parseAudience(a.audience);
      for (const m of members) {
        if (!m.org_path.startsWith(a.org_path) || !matchesAudience(this.audienceFacts(m), m.type, audience, today)) continue;
        const prior = byKey.get(`${Number(a.id)}:${Number(m.id)}`);
        if (prior?.active) continue;
        if (prior) reactivate.push(prior.id);
        else {
          inserts.push({ assignmentId: Number(a.id), trackId: Number(a.track_id), memberId: Number(m.id), orgId: Number(m.org_id), orgPath: m.org_path, active: true, enrolledAt: now, leftAt: null, completedAt: null });
        }
        touched.push({ memberId: Number(m.id), assignmentId: Number(a.id) });
        counts.add(Number(a.id), m.org_path, 1);
      }
    }
    for (const id of reactivate) {
      // Their branch now; completion is judged afresh below.
      await em.query(
        'UPDATE study_enrolments SET active = 1, left_at = NULL, completed_at = NULL, org_id = (SELECT m.org_id FROM members m WHERE m.id = study_enrolments.member_id), org_path = (SELECT m.org_path FROM members m WHERE m.id = study_enrolments.member_id) WHERE id = ?',
        [id],
      );
    }
    await this.db.insertRows(em, StudyEnrolment, inserts);
    // Only members who have completed anything can be complete already.
    const studied = new Set(
      (
        await em.query(`SELECT DISTINCT member_id FROM study_progress WHERE status = 'COMPLETED' AND member_id IN (${marks(members.length)})`, members.map((m) => Number(m.id)))
      ).map((r: { member_id: number }) => Number(r.member_id)),
    );
    const check = touched.filter((t) => studied.has(t.memberId));
    if (!check.length) return;
    const rows: { id: number; assignment_id: number; org_path: string; member_id: number }[] = await em.query(
      `SELECT id, assignment_id, org_path, member_id FROM study_enrolments WHERE member_id IN (${marks(check.length)}) AND active = 1 AND completed_at IS NULL`,
      check.map((c) => c.memberId),
    );
    const wanted = new Set(check.map((c) => `${c.assignmentId}:${c.memberId}`));
    await this.completeIfDone(em, rows.filter((r) => wanted.has(`${Number(r.assignment_id)}:${Number(r.member_id)}`)), now);
  }
}
