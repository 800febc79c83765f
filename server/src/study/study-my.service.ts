import { Injectable } from '@nestjs/common';
import { requiredClassHours, tenthsToHours, type MyStudy, type MyTrack, type OrgLevel, type ProgressStatus } from '@zhdj/shared';
import type { Actor } from '../common/actor';
import { addDays, shanghaiDate } from '../common/calendar/china-calendar';
import { Db, toDate } from '../common/database/db.service';
import { marks } from '../common/database/counter-rows';
import { forbidden } from '../common/errors/app.exception';
import { attemptsExhausted, MODULE_ROW_COLUMNS, openAttempts, summaryOfRow, type ModuleRow } from './study-views';

interface EnrolmentRow {
  assignment_id: number;
  completed_at: unknown;
  starts_on: string;
  due_on: string;
  org_id: number;
  org_name: string;
  org_short_name: string;
  org_level: OrgLevel;
  a_year: number;
  track_id: number;
  title: string;
  description: string;
  t_year: number;
}

/**
 * The statements of "my study", named so that the benchmark's bare baseline sends the very same SQL (bench/baseline.mjs):
 * the member's post and hours; their tracks (this year's, and earlier ones still open) with who assigned them; the
 * tracks' modules — the columns a module summary needs, no article bodies; their progress on those modules.
 */
export const MY_STUDY_SQL = {
  member: 'SELECT m.post, h.tenths FROM members m LEFT JOIN study_member_hours h ON h.member_id = m.id AND h.year = ? WHERE m.id = ?',
  enrolments: `SELECT e.assignment_id, e.completed_at, a.starts_on, a.due_on, a.org_id, o.name AS org_name, o.short_name AS org_short_name, o.level AS org_level,
              a.year AS a_year, t.id AS track_id, t.title, t.description, t.year AS t_year
         FROM study_enrolments e JOIN study_assignments a ON a.id = e.assignment_id JOIN study_tracks t ON t.id = e.track_id
         JOIN organizations o ON o.id = a.org_id
        WHERE e.member_id = ? AND e.active = 1 AND a.status = 'ACTIVE' AND (a.year >= ? OR e.completed_at IS NULL)
        ORDER BY a.due_on, a.id`,
  modules: (tracks: number) => `SELECT tm.track_id, tm.position, tm.required, ${MODULE_ROW_COLUMNS}
             FROM track_modules tm JOIN study_modules m ON m.id = tm.module_id
            WHERE tm.track_id IN (${marks(tracks)}) ORDER BY tm.track_id, tm.position`,
  progress: (modules: number) => `SELECT module_id, year, status, completed_at, attempts_used FROM study_progress WHERE member_id = ? AND year >= ? AND module_id IN (${marks(modules)})`,
};

/** "My study": the member's tracks with progress and due dates, and this year's class hours against the requirement. */
@Injectable()
export class StudyMyService {
  constructor(private readonly db: Db) {}

  async my(actor: Actor, now = new Date()): Promise<MyStudy> {
    if (actor.memberId === null) throw forbidden('Only members have their own study');
    const memberId = actor.memberId;
    const today = shanghaiDate(now);
    const year = Number(today.slice(0, 4));
    const [member] = await this.db.query<{ post: string | null; tenths: number | null }>(MY_STUDY_SQL.member, [year, memberId]);
    const rows = await this.db.query<EnrolmentRow>(MY_STUDY_SQL.enrolments, [memberId, year]);
    const trackIds = [...new Set(rows.map((r) => Number(r.track_id)))];
    // Lists never hydrate entities: the columns a module summary needs (no article bodies).
    const links = trackIds.length ? await this.db.query<ModuleRow & { track_id: number; position: number; required: unknown }>(MY_STUDY_SQL.modules(trackIds.length), trackIds) : [];
    const moduleIds = [...new Set(links.map((l) => Number(l.id)))];
    const minYear = rows.reduce((y, r) => Math.min(y, Number(r.a_year)), year);
    const progress = moduleIds.length
      ? await this.db.query<{ module_id: number; year: number; status: ProgressStatus; completed_at: unknown; attempts_used: number }>(MY_STUDY_SQL.progress(moduleIds.length), [memberId, minYear, ...moduleIds])
      : [];
    // Quizzes that look used up this year, less those whose last attempt is still being taken.
    const looksExhausted = links.filter((l) => attemptsExhausted(l, progress.find((p) => Number(p.module_id) === Number(l.id) && Number(p.year) === year)));
    const taking = await openAttempts(this.db, looksExhausted.length ? [memberId] : [], [...new Set(looksExhausted.map((l) => Number(l.id)))], now);
    const soon = addDays(today, 3);
    const tracks: MyTrack[] = rows.map((r) => {
      const mods = links
        .filter((l) => Number(l.track_id) === Number(r.track_id))
        .map((l) => {
          const mine = progress.filter((p) => Number(p.module_id) === Number(l.id) && Number(p.year) >= Number(r.a_year));
          const done = mine.find((p) => p.status === 'COMPLETED');
          const current = mine.find((p) => Number(p.year) === year);
          return {
            position: Number(l.position),
            required: l.required === true || Number(l.required) === 1,
            module: summaryOfRow(l),
            status: done ? ('COMPLETED' as const) : (current?.status ?? 'NOT_STARTED'),
            completedAt: done ? toDate(done.completed_at)!.toISOString() : null,
            // Attempts are counted per year (only this year's can still be taken or granted).
            attemptsExhausted: !done && attemptsExhausted(l, current) && !taking.has(`${memberId}:${Number(l.id)}`),
          };
        });
      const required = mods.filter((m) => m.required);
      const requiredDone = required.filter((m) => m.status === 'COMPLETED').length;
      const completedAt = r.completed_at ? toDate(r.completed_at)!.toISOString() : null;
      return {
        assignmentId: Number(r.assignment_id),
        track: { id: Number(r.track_id), title: r.title, description: r.description, year: Number(r.t_year) },
        assignedBy: { id: Number(r.org_id), name: r.org_name, shortName: r.org_short_name, level: r.org_level },
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
    return { year, classHours: { earned: tenthsToHours(Number(member?.tenths ?? 0)), required: requiredClassHours(member?.post ?? null) }, tracks };
  }
}
