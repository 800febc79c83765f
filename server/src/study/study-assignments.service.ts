import { Injectable } from '@nestjs/common';
import { ErrorCode, isCalendarDate, PAGE_LIMIT_DEFAULT, Permission, pathIds, type AssignmentView, type Page } from '@zhdj/shared';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { shanghaiDate } from '../common/calendar/china-calendar';
import { Db, toDate } from '../common/database/db.service';
import { inSubtree } from '../common/database/subtree-sql';
import { conflict, invalidField, notFound } from '../common/errors/app.exception';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { isSqlite } from '../database/data-source';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService, toOrgRef } from '../organizations/organizations.service';
import type { CreateAssignmentDto, ListAssignmentsQuery, UpdateAssignmentDto } from './dto/study-track.dto';
import { StudyAssignment } from './entities/study-assignment.entity';
import { StudyTrack } from './entities/study-track.entity';
import { StudyEnrolmentService } from './study-enrolment.service';

/** Every prefix of a materialized path, root first: `/1/23/` → `/1/`, `/1/23/`. */
export const pathPrefixes = (path: string): string[] => pathIds(path).map((_, k, ids) => `/${ids.slice(0, k + 1).join('/')}/`);

/** The track's active assignments to the organisation at `orgPath`, above it or below it: what a new one would overlap. */
export function overlappingAssignments(em: EntityManager, trackId: number, orgPath: string): Promise<{ id: number; org_id: number; short_name: string }[]> {
  const below = inSubtree('a.org_path', orgPath);
  const above = pathPrefixes(orgPath);
  return em.query(
    `SELECT a.id, a.org_id, o.short_name FROM study_assignments a JOIN organizations o ON o.id = a.org_id
      WHERE a.track_id = ? AND a.status = 'ACTIVE' AND (${below.sql} OR a.org_path IN (${above.map(() => '?').join(',')})) ORDER BY a.id`,
    [trackId, ...below.params, ...above],
  );
}

function realDate(field: string, value: string): void {
  if (!isCalendarDate(value)) throw invalidField(field, 'date', `${field} is not a calendar date`);
}

/**
 * Assignments: a track for an organisation's subtree over a period. Creating one enrols the matching members of
 * the subtree in the same transaction (one INSERT … SELECT), so nobody is listed by hand.
 */
@Injectable()
export class StudyAssignmentsService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationsService,
    private readonly enrolment: StudyEnrolmentService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateAssignmentDto): Promise<AssignmentView> {
    const org = await this.orgs.findInScope(actor, dto.orgId, Permission.STUDY_ASSIGN);
    this.checkDates(dto.startsOn, dto.dueOn);
    const id = await this.db.tx(async (em) => {
      // Overlap is checked under the track's row lock (MySQL; SQLite runs one writer): two admins assigning the same
      // track to nested subtrees at once cannot both pass.
      if (!isSqlite(em.connection)) await em.query('SELECT id FROM study_tracks WHERE id = ? FOR UPDATE', [dto.trackId]);
      const track = await em.findOne(StudyTrack, { where: { id: dto.trackId } });
      if (!track) throw notFound('Track');
      if (!track.published) throw conflict(ErrorCode.TRACK_NOT_PUBLISHED, 'Only a published track can be assigned');
      const overlapping = await overlappingAssignments(em, track.id, org.path);
      if (overlapping.length) {
        throw conflict(ErrorCode.ASSIGNMENT_OVERLAP, 'This track is already assigned to this organisation, above it or below it', { assignmentIds: overlapping.map((o) => Number(o.id)) });
      }
      const now = new Date();
      const a = em.create(StudyAssignment, {
        trackId: track.id,
        orgId: org.id,
        orgPath: org.path,
        year: track.year,
        startsOn: dto.startsOn,
        dueOn: dto.dueOn,
        status: 'ACTIVE',
        assignedByUserId: actor.userId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(StudyAssignment, a);
      const enrolled = await this.enrolment.enrolSubtree(em, a, track.audience, now);
      await this.audit.record(em, actor, {
        action: 'study.assignment.create',
        targetType: 'studyAssignment',
        targetId: a.id,
        permission: Permission.STUDY_ASSIGN,
        path: org.path,
        detail: { trackId: track.id, orgId: org.id, startsOn: dto.startsOn, dueOn: dto.dueOn, enrolled },
      });
      return a.id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, dto: UpdateAssignmentDto): Promise<AssignmentView> {
    await this.db.tx(async (em) => {
      const a = await this.findManaged(actor, id, em);
      const startsOn = dto.startsOn ?? a.startsOn;
      const dueOn = dto.dueOn ?? a.dueOn;
      this.checkDates(startsOn, dueOn, dto.dueOn !== undefined);
      const r = await em
        .createQueryBuilder()
        .update(StudyAssignment)
        .set({ startsOn, dueOn, version: a.version + 1, updatedAt: new Date() })
        .where('id = :id AND version = :v', { id, v: dto.version })
        .execute();
      if (!r.affected) throw conflict(ErrorCode.CONFLICT, 'This assignment was changed by someone else; reload and try again', { currentVersion: a.version });
      await this.audit.record(em, actor, { action: 'study.assignment.update', targetType: 'studyAssignment', targetId: id, permission: Permission.STUDY_ASSIGN, path: a.orgPath, detail: { before: { startsOn: a.startsOn, dueOn: a.dueOn }, after: { startsOn, dueOn } } });
    });
    return this.get(actor, id);
  }

  /**
   * Withdraws an assignment: enrolments and progress stay, and it no longer counts in the follow-up. Not once it has
   * ended: its completion figures are then the year's record, and withdrawing it would take a missed deadline out of
   * them after the fact (a due date may still be moved, which the record shows).
   */
  async cancel(actor: Actor, id: number): Promise<AssignmentView> {
    await this.db.tx(async (em) => {
      const a = await this.findManaged(actor, id, em);
      if (a.status === 'ACTIVE' && a.dueOn < shanghaiDate(new Date())) {
        throw conflict(ErrorCode.ASSIGNMENT_ENDED, `This assignment ended on ${a.dueOn}: its figures are the record and it cannot be withdrawn`);
      }
      const r = await em.update(StudyAssignment, { id, status: 'ACTIVE' }, { status: 'CANCELLED', version: a.version + 1, updatedAt: new Date() });
      if (!r.affected) throw conflict(ErrorCode.CONFLICT, 'This assignment is already cancelled');
      await this.audit.record(em, actor, { action: 'study.assignment.cancel', targetType: 'studyAssignment', targetId: id, permission: Permission.STUDY_ASSIGN, path: a.orgPath });
    });
    return this.get(actor, id);
  }

  /**
   * Assignments that reach an organisation's subtree: made to it or below it, and those made above it (the
   * county's, seen by a committee). Figures are for the part in view: the assignment's own subtree, or the viewer's.
   */
  async list(actor: Actor, query: ListAssignmentsQuery): Promise<Page<AssignmentView>> {
    const org = await this.resolveOrg(actor, query.orgId);
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    const prefixes = pathPrefixes(org.path);
    const below = inSubtree('org_path', org.path);
    const where = [`(${below.sql} OR org_path IN (${prefixes.map(() => '?').join(',')}))`];
    const params: unknown[] = [...below.params, ...prefixes];
    if (query.year) {
      where.push('year = ?');
      params.push(query.year);
    }
    if (query.trackId) {
      where.push('track_id = ?');
      params.push(query.trackId);
    }
    if (after) {
      where.push('id < ?');
      params.push(after[0]);
    }
    const ids: { id: number }[] = await this.db.query(`SELECT id FROM study_assignments WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${limit + 1}`, params);
    const page = ids.slice(0, limit).map((r) => Number(r.id));
    const items = await this.views(await this.db.em.find(StudyAssignment, { where: { id: In(page) }, order: { id: 'DESC' } }), org);
    return { items, nextCursor: ids.length > limit ? encodeCursor([page[page.length - 1]]) : null };
  }

  async get(actor: Actor, id: number): Promise<AssignmentView> {
    const a = await this.db.em.findOne(StudyAssignment, { where: { id } });
    if (!a) throw notFound('Assignment');
    const scopes = [...actor.scopes(Permission.STUDY_ASSIGN), ...actor.scopes(Permission.STUDY_STATS)];
    if (scopes.some((s) => a.orgPath.startsWith(s))) return (await this.views([a], null))[0];
    // Made above the caller's scope: visible with the figures of the caller's own subtree.
    const below = scopes.filter((s) => s.startsWith(a.orgPath)).sort((x, y) => x.length - y.length)[0];
    if (!below) throw notFound('Assignment');
    const org = await this.db.em.findOneByOrFail(Organization, { id: pathIds(below).at(-1)! });
    return (await this.views([a], org))[0];
  }

  private async views(rows: StudyAssignment[], viewer: Organization | null): Promise<AssignmentView[]> {
    if (!rows.length) return [];
    const tracks = new Map((await this.db.em.find(StudyTrack, { select: { id: true, title: true, year: true }, where: { id: In([...new Set(rows.map((r) => r.trackId))]) } })).map((t) => [t.id, t]));
    const orgs = new Map((await this.db.em.find(Organization, { where: { id: In([...new Set(rows.map((r) => r.orgId))]) } })).map((o) => [o.id, o]));
    // The counter row that describes what is in view: the assignment's own org, or the viewer's org below it.
    const at = rows.map((r) => (viewer && viewer.path.startsWith(r.orgPath) && viewer.path !== r.orgPath ? viewer.id : r.orgId));
    const counters: { org_id: number; assignment_id: number; enrolled: number; completed: number }[] = await this.db.query(
      `SELECT org_id, assignment_id, enrolled, completed FROM study_org_counters WHERE assignment_id IN (${rows.map(() => '?').join(',')})
          AND org_id IN (${at.map(() => '?').join(',')})`,
      [...rows.map((r) => r.id), ...at],
    );
    const byKey = new Map(counters.map((c) => [`${Number(c.org_id)}:${Number(c.assignment_id)}`, c]));
    return rows.map((r, i) => {
      const c = byKey.get(`${at[i]}:${r.id}`);
      const t = tracks.get(r.trackId)!;
      return {
        id: r.id,
        track: { id: t.id, title: t.title, year: t.year },
        org: toOrgRef(orgs.get(r.orgId)!),
        startsOn: r.startsOn,
        dueOn: r.dueOn,
        status: r.status,
        enrolled: Number(c?.enrolled ?? 0),
        completed: Number(c?.completed ?? 0),
        createdAt: toDate(r.createdAt)!.toISOString(),
        version: r.version,
      };
    });
  }

  /** The organisation a list is for: the one asked for (in scope), or the caller's scope root. */
  resolveOrg(actor: Actor, orgId: number | undefined, permission: Permission = Permission.STUDY_ASSIGN): Promise<Organization> {
    return this.orgs.resolveSubtree(actor, orgId, permission);
  }

  private async findManaged(actor: Actor, id: number, em: EntityManager): Promise<StudyAssignment> {
    const a = await em.findOne(StudyAssignment, { where: { id } });
    if (!a || !actor.covers(a.orgPath, Permission.STUDY_ASSIGN)) throw notFound('Assignment');
    return a;
  }

  private checkDates(startsOn: string, dueOn: string, dueChanged = true): void {
    realDate('startsOn', startsOn);
    realDate('dueOn', dueOn);
    if (dueOn < startsOn) throw invalidField('dueOn', 'afterStart', 'dueOn must not be before startsOn');
    if (dueChanged && dueOn < shanghaiDate(new Date())) throw invalidField('dueOn', 'future', 'dueOn must not be in the past');
  }
}
