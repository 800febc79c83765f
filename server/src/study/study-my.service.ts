import { Injectable } from '@nestjs/common';
import { requiredClassHours, tenthsToHours, type MyStudy, type MyTrack, type ProgressStatus } from '@zhdj/shared';
import { In } from 'typeorm';
import type { Actor } from '../common/actor';
import { addDays, shanghaiDate } from '../common/calendar/china-calendar';
import { Db, toDate } from '../common/database/db.service';
import { forbidden } from '../common/errors/app.exception';
import { Organization } from '../organizations/entities/organization.entity';
import { toOrgRef } from '../organizations/organizations.service';
import { StudyModule } from './entities/study-module.entity';
import { moduleSummary } from './study-views';

interface EnrolmentRow {
  assignment_id: number;
  completed_at: unknown;
  starts_on: string;
  due_on: string;
  org_id: number;
  a_year: number;
  track_id: number;
  title: string;
  description: string;
  t_year: number;
}

/** "My study": the member's tracks with progress and due dates, and this year's class hours against the requirement. */
@Injectable()
export class StudyMyService {
  constructor(private readonly db: Db) {}

  async my(actor: Actor, now = new Date()): Promise<MyStudy> {
    if (actor.memberId === null) throw forbidden('Only members have their own study');
    const memberId = actor.memberId;
    const today = shanghaiDate(now);
    const year = Number(today.slice(0, 4));
    const [member] = await this.db.query<{ post: string | null }>('SELECT post FROM members WHERE id = ?', [memberId]);
    const [hours] = await this.db.query<{ tenths: number }>('SELECT tenths FROM study_member_hours WHERE member_id = ? AND year = ?', [memberId, year]);
    // This year's tracks, and earlier ones still open (overdue).
    const rows = await this.db.query<EnrolmentRow>(
      `SELECT e.assignment_id, e.completed_at, a.starts_on, a.due_on, a.org_id, a.year AS a_year, t.id AS track_id, t.title, t.description, t.year AS t_year
         FROM study_enrolments e JOIN study_assignments a ON a.id = e.assignment_id JOIN study_tracks t ON t.id = e.track_id
        WHERE e.member_id = ? AND e.active = 1 AND a.status = 'ACTIVE' AND (a.year >= ? OR e.completed_at IS NULL)
        ORDER BY a.due_on, a.id`,
      [memberId, year],
    );
    const trackIds = [...new Set(rows.map((r) => Number(r.track_id)))];
    const links = trackIds.length
      ? await this.db.query<{ track_id: number; module_id: number; position: number; required: unknown }>(
          `SELECT track_id, module_id, position, required FROM track_modules WHERE track_id IN (${trackIds.map(() => '?').join(',')}) ORDER BY track_id, position`,
          trackIds,
        )
      : [];
    const moduleIds = [...new Set(links.map((l) => Number(l.module_id)))];
    const modules = new Map(moduleIds.length ? (await this.db.em.find(StudyModule, { where: { id: In(moduleIds) } })).map((m) => [m.id, m]) : []);
    const minYear = rows.reduce((y, r) => Math.min(y, Number(r.a_year)), year);
    const progress = moduleIds.length
      ? await this.db.query<{ module_id: number; year: number; status: ProgressStatus; completed_at: unknown }>(
          `SELECT module_id, year, status, completed_at FROM study_progress WHERE member_id = ? AND year >= ? AND module_id IN (${moduleIds.map(() => '?').join(',')})`,
          [memberId, minYear, ...moduleIds],
        )
      : [];
    const orgs = new Map(rows.length ? (await this.db.em.find(Organization, { where: { id: In([...new Set(rows.map((r) => Number(r.org_id)))]) } })).map((o) => [o.id, o]) : []);
    const soon = addDays(today, 3);
    const tracks: MyTrack[] = rows.map((r) => {
      const mods = links
        .filter((l) => Number(l.track_id) === Number(r.track_id))
        .map((l) => {
          const mine = progress.filter((p) => Number(p.module_id) === Number(l.module_id) && Number(p.year) >= Number(r.a_year));
          const done = mine.find((p) => p.status === 'COMPLETED');
          const current = mine.find((p) => Number(p.year) === year);
          return {
            position: Number(l.position),
            required: l.required === true || Number(l.required) === 1,
            module: moduleSummary(modules.get(Number(l.module_id))!),
            status: done ? ('COMPLETED' as const) : (current?.status ?? 'NOT_STARTED'),
            completedAt: done ? toDate(done.completed_at)!.toISOString() : null,
          };
        });
      const required = mods.filter((m) => m.required);
      const requiredDone = required.filter((m) => m.status === 'COMPLETED').length;
      const completedAt = r.completed_at ? toDate(r.completed_at)!.toISOString() : null;
      return {
        assignmentId: Number(r.assignment_id),
        track: { id: Number(r.track_id), title: r.title, description: r.description, year: Number(r.t_year) },
        assignedBy: toOrgRef(orgs.get(Number(r.org_id))!),
        startsOn: r.starts_on,
        dueOn: r.due_on,
        overdue: !completedAt && r.due_on < today,
        dueSoon: !completedAt && r.due_on >= today && r.due_on <= soon,
        completedAt,
        requiredTotal: required.length,
        requiredDone,
        percent: required.length ? Math.round((requiredDone * 100) / required.length) : 100,
        modules: mods,
      };
    });
    return { year, classHours: { earned: tenthsToHours(Number(hours?.tenths ?? 0)), required: requiredClassHours(member?.post ?? null) }, tracks };
  }
}
