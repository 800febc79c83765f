import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  PAGE_LIMIT_DEFAULT,
  Permission,
  tenthsToHours,
  type AudiencePreview,
  type Page,
  type TrackAudience,
  type TrackSummary,
  type TrackView,
} from '@zhdj/shared';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { shanghaiDate } from '../common/calendar/china-calendar';
import { Db } from '../common/database/db.service';
import { inSubtree } from '../common/database/subtree-sql';
import { conflict, invalidField, notFound } from '../common/errors/app.exception';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import type { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService, toOrgRef } from '../organizations/organizations.service';
import { audienceSql, parseAudience } from './audience-sql';
import type { CreateTrackDto, ListTracksQuery, TrackModuleDto, UpdateTrackDto } from './dto/study-track.dto';
import { StudyModule } from './entities/study-module.entity';
import { StudyTrack } from './entities/study-track.entity';
import { TrackModule } from './entities/track-module.entity';
import { overlappingAssignments } from './study-assignments.service';
import { StudyEnrolmentService } from './study-enrolment.service';
import { joinNeeds, moduleSummary } from './study-views';

/** Tracks (学习清单): composed by the county (study.author), read by every administrator who assigns them. */
@Injectable()
export class StudyTracksService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationsService,
    private readonly enrolment: StudyEnrolmentService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: ListTracksQuery): Promise<Page<TrackSummary>> {
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    const qb = this.db.em.createQueryBuilder(StudyTrack, 't').orderBy('t.id', 'ASC').limit(limit + 1);
    // Assigners see what they can assign; drafts are the authors' business.
    if (!actor.can(Permission.STUDY_AUTHOR)) qb.andWhere('t.published = :p', { p: true });
    if (query.year) qb.andWhere('t.year = :y', { y: query.year });
    if (query.need) qb.andWhere('t.needs LIKE :n', { n: `%,${query.need},%` });
    if (after) qb.andWhere('t.id > :after', { after: after[0] });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const counts: { track_id: number; n: number; r: number }[] = page.length
      ? await this.db.query(
          `SELECT track_id, COUNT(*) AS n, SUM(CASE WHEN required = 1 THEN 1 ELSE 0 END) AS r FROM track_modules WHERE track_id IN (${page.map(() => '?').join(',')}) GROUP BY track_id`,
          page.map((t) => t.id),
        )
      : [];
    const byTrack = new Map(counts.map((c) => [Number(c.track_id), c]));
    return {
      items: page.map((t) => ({
        id: t.id,
        title: t.title,
        year: t.year,
        audience: parseAudience(t.audience),
        published: t.published,
        moduleCount: Number(byTrack.get(t.id)?.n ?? 0),
        requiredCount: Number(byTrack.get(t.id)?.r ?? 0),
        version: t.version,
      })),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null,
    };
  }

  /** A track the caller may see: a published one, or any for its authors. */
  private async visible(actor: Actor, id: number, em: EntityManager = this.db.em): Promise<StudyTrack> {
    const t = await em.findOne(StudyTrack, { where: { id } });
    if (!t || (!t.published && !actor.can(Permission.STUDY_AUTHOR))) throw notFound('Track');
    return t;
  }

  async get(actor: Actor, id: number, em: EntityManager = this.db.em): Promise<TrackView> {
    const t = await this.visible(actor, id, em);
    const links = await em.find(TrackModule, { where: { trackId: id }, order: { position: 'ASC' } });
    const modules = links.length ? new Map((await em.find(StudyModule, { where: { id: In(links.map((l) => l.moduleId)) } })).map((m) => [m.id, m])) : new Map<number, StudyModule>();
    return {
      id: t.id,
      title: t.title,
      description: t.description,
      year: t.year,
      audience: parseAudience(t.audience),
      published: t.published,
      modules: links.map((l) => ({ position: l.position, required: l.required, module: moduleSummary(modules.get(l.moduleId)!) })),
      requiredClassHours: tenthsToHours(links.filter((l) => l.required).reduce((s, l) => s + modules.get(l.moduleId)!.classTenths, 0)),
      ...(actor.can(Permission.STUDY_AUTHOR) ? { reach: await this.reach(em, id) } : {}),
      version: t.version,
    };
  }

  /** The active assignments' own counter rows (the assignment's organisation holds its whole subtree's figures). */
  private async reach(em: EntityManager, trackId: number): Promise<NonNullable<TrackView['reach']>> {
    const [r] = await em.query<{ assignments: number | string; enrolled: number | string | null; completed: number | string | null }[]>(
      `SELECT COUNT(*) AS assignments, SUM(c.enrolled) AS enrolled, SUM(c.completed) AS completed
         FROM study_assignments a LEFT JOIN study_org_counters c ON c.assignment_id = a.id AND c.org_id = a.org_id
        WHERE a.track_id = ? AND a.status = 'ACTIVE'`,
      [trackId],
    );
    return { assignments: Number(r.assignments), enrolled: Number(r.enrolled ?? 0), completed: Number(r.completed ?? 0) };
  }

  async create(actor: Actor, dto: CreateTrackDto): Promise<TrackView> {
    const now = new Date();
    const id = await this.db.tx(async (em) => {
      await this.checkModules(em, dto.modules, dto.published ?? false);
      const audience = this.cleanAudience(dto.audience);
      const t = em.create(StudyTrack, {
        title: dto.title.trim(),
        description: dto.description?.trim() ?? '',
        year: dto.year,
        audience: JSON.stringify(audience),
        needs: joinNeeds(audience),
        published: dto.published ?? false,
        version: 1,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(StudyTrack, t);
      await this.writeModules(em, t.id, dto.modules);
      await this.audit.record(em, actor, { action: 'study.track.create', targetType: 'studyTrack', targetId: t.id, permission: Permission.STUDY_AUTHOR, detail: { title: t.title, year: t.year, audience } });
      return t.id;
    });
    return this.get(actor, id);
  }

  /**
   * Edits a track. A new module list re-derives completion for every assignment of the track (a module made required
   * can un-complete someone); a new audience applies to members enrolled from now on.
   */
  async update(actor: Actor, id: number, dto: UpdateTrackDto): Promise<TrackView> {
    await this.db.tx(async (em) => {
      const t = await em.findOne(StudyTrack, { where: { id } });
      if (!t) throw notFound('Track');
      const assignmentIds: number[] = (await em.query('SELECT id FROM study_assignments WHERE track_id = ?', [id])).map((r: { id: number }) => Number(r.id));
      if (dto.year !== undefined && dto.year !== t.year && assignmentIds.length) throw conflict(ErrorCode.TRACK_INVALID, 'The year of an assigned track cannot change');
      if (dto.published === false && t.published && assignmentIds.length) throw conflict(ErrorCode.TRACK_INVALID, 'An assigned track cannot be withdrawn; cancel its assignments first');
      const published = dto.published ?? t.published;
      const modules = dto.modules ?? (await em.find(TrackModule, { where: { trackId: id }, order: { position: 'ASC' } })).map((l) => ({ moduleId: l.moduleId, required: l.required }));
      await this.checkModules(em, modules, published);
      const changes: Partial<StudyTrack> = { published, updatedAt: new Date(), version: t.version + 1 };
      if (dto.title !== undefined) changes.title = dto.title.trim();
      if (dto.description !== undefined) changes.description = dto.description.trim();
      if (dto.year !== undefined) changes.year = dto.year;
      if (dto.audience !== undefined) {
        const audience = this.cleanAudience(dto.audience);
        changes.audience = JSON.stringify(audience);
        changes.needs = joinNeeds(audience);
      }
      const r = await em.createQueryBuilder().update(StudyTrack).set(changes).where('id = :id AND version = :v', { id, v: dto.version }).execute();
      if (!r.affected) throw conflict(ErrorCode.CONFLICT, 'This track was changed by someone else; reload and try again', { currentVersion: t.version });
      if (dto.modules !== undefined) {
        await em.delete(TrackModule, { trackId: id });
        await this.writeModules(em, id, dto.modules);
        await this.enrolment.recomputeAssignments(em, assignmentIds);
      }
      await this.audit.record(em, actor, {
        action: 'study.track.update',
        targetType: 'studyTrack',
        targetId: id,
        permission: Permission.STUDY_AUTHOR,
        detail: { fields: Object.keys(dto).filter((k) => k !== 'version' && dto[k as keyof UpdateTrackDto] !== undefined) },
      });
    });
    return this.get(actor, id);
  }

  /** How many members of a subtree (in the caller's scope) an audience reaches: one indexed count. */
  async preview(actor: Actor, orgId: number, audience: TrackAudience): Promise<AudiencePreview> {
    return this.reachIn(await this.orgs.findInScope(actor, orgId, Permission.STUDY_ASSIGN), audience);
  }

  private async reachIn(org: Organization, audience: TrackAudience): Promise<AudiencePreview> {
    const cond = audienceSql(this.cleanAudience(audience), shanghaiDate(new Date()));
    const subtree = inSubtree('m.org_path', org.path);
    const [row] = await this.db.query<{ matched: number }>(
      `SELECT COUNT(*) AS matched FROM members m JOIN organizations o ON o.id = m.org_id
        WHERE ${subtree.sql} AND m.status <> 'TRANSFERRED_OUT' AND ${cond.sql}`,
      [...subtree.params, ...cond.params],
    );
    return { org: toOrgRef(org), matched: Number(row.matched), total: org.subtreeMemberCount };
  }

  /** The audience's reach, and any assignment of the track the new one would overlap (so the dialog says so first). */
  async previewTrack(actor: Actor, trackId: number, orgId: number): Promise<AudiencePreview> {
    const t = await this.visible(actor, trackId);
    const org = await this.orgs.findInScope(actor, orgId, Permission.STUDY_ASSIGN);
    const reach = await this.reachIn(org, parseAudience(t.audience));
    const [first] = await overlappingAssignments(this.db.em, trackId, org.path);
    return { ...reach, overlap: first ? { assignmentId: Number(first.id), org: { id: Number(first.org_id), shortName: first.short_name } } : null };
  }

  private cleanAudience(a: TrackAudience): TrackAudience {
    return { orgTypes: [...new Set(a.orgTypes)], groups: [...new Set(a.groups)], needs: [...new Set(a.needs)] };
  }

  private async checkModules(em: EntityManager, modules: TrackModuleDto[], published: boolean): Promise<void> {
    const ids = modules.map((m) => m.moduleId);
    if (new Set(ids).size !== ids.length) throw invalidField('modules', 'unique', 'A module appears twice in the track');
    const found = ids.length ? await em.find(StudyModule, { select: { id: true, published: true }, where: { id: In(ids) } }) : [];
    if (found.length !== ids.length) throw invalidField('modules', 'exists', 'A module in the list does not exist');
    if (published) {
      if (!modules.some((m) => m.required)) throw conflict(ErrorCode.TRACK_INVALID, 'A published track needs at least one required module');
      if (found.some((m) => !m.published)) throw conflict(ErrorCode.TRACK_INVALID, 'Publish every module of the track first');
    }
  }

  private async writeModules(em: EntityManager, trackId: number, modules: TrackModuleDto[]): Promise<void> {
    if (!modules.length) return;
    await em.insert(
      TrackModule,
      modules.map((m, i) => ({ trackId, moduleId: m.moduleId, position: i + 1, required: m.required })),
    );
  }
}
