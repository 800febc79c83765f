import { Injectable } from '@nestjs/common';
import {
  CADRE_POSTS,
  CLASS_HOURS_REQUIRED,
  CLASS_HOURS_REQUIRED_CADRES,
  hoursToTenths,
  PAGE_LIMIT_DEFAULT,
  Permission,
  requiredClassHours,
  tenthsToHours,
  type MemberStudyFilter,
  type MemberStudyStatus,
  type MemberStudyStatusPage,
  type StudyStats,
  type StudyStatsRow,
} from '@zhdj/shared';
import { stream } from 'exceljs';
import type { Writable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { shanghaiDate } from '../common/calendar/china-calendar';
import { Db, toDate } from '../common/database/db.service';
import { inSubtree } from '../common/database/subtree-sql';
import { nextPage, rowsThenRecord } from '../common/download';
import { groupBy } from '../common/group-by';
import { headedIn, type ExportLanguage, type Worded, type WordedColumn } from '../common/language';
import { notFound } from '../common/errors/app.exception';
import { decodeCursor, encodeCursor, keysetSql } from '../common/pagination/cursor';
import type { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService, type OrgSummaryRow } from '../organizations/organizations.service';
import type { MemberFilterQuery, MemberStatusQuery, StatsQuery } from './dto/study-learning.dto';
import { StudyTrack } from './entities/study-track.entity';
import { StudyAssignmentsService } from './study-assignments.service';
import { openAttempts, studyYear } from './study-views';

interface MemberRow {
  id: number;
  name: string;
  post: string | null;
  org_path: string;
  org_id: number;
  org_name: string;
  org_short_name: string;
  org_level: Organization['level'];
}

const EXPORT_PAGE = 500;

/** A MemberRow's columns, from members m joined to their organisation o. */
const MEMBER_COLUMNS = 'm.id, m.name, m.post, m.org_path, m.org_id, o.name AS org_name, o.short_name AS org_short_name, o.level AS org_level';

/** The export's columns, headed in both languages; the year's hours name the year. */
const exportColumns = (period: number): WordedColumn[] => [
  { key: 'org', width: 32, header: { 'zh-CN': '所在党支部', en: 'Branch' } },
  { key: 'name', width: 12, header: { 'zh-CN': '姓名', en: 'Name' } },
  { key: 'track', width: 30, header: { 'zh-CN': '学习清单', en: 'Study track' } },
  { key: 'due', width: 12, header: { 'zh-CN': '截止日期', en: 'Due' } },
  { key: 'done', width: 10, header: { 'zh-CN': '必修完成', en: 'Required done' } },
  { key: 'status', width: 10, header: { 'zh-CN': '状态', en: 'Status' } },
  { key: 'hours', width: 10, header: { 'zh-CN': `${period}年学时`, en: `Class hours ${period}` } },
  { key: 'required', width: 10, header: { 'zh-CN': '应修学时', en: 'Hours required' } },
  { key: 'short', width: 10, header: { 'zh-CN': '还差学时', en: 'Hours short' } },
];

/** The export's other words: its name, the member filters as its file name says them, a track's status. */
const EXPORT_WORDS: Worded<{ title: string; filter: Record<MemberStudyFilter, string>; completed: string; overdue: string; studying: string; noTrack: string }> = {
  'zh-CN': {
    title: '学习情况',
    filter: { OVERDUE: '已逾期', INCOMPLETE: '未完成', COMPLETED: '已完成', HOURS_SHORT: '学时未达标' },
    completed: '已完成',
    overdue: '已逾期',
    studying: '学习中',
    noTrack: '（本年度没有学习清单）',
  },
  en: {
    title: 'Study follow-up',
    filter: { OVERDUE: 'overdue', INCOMPLETE: 'not completed', COMPLETED: 'completed', HOURS_SHORT: 'hours short' },
    completed: 'Completed',
    overdue: 'Overdue',
    studying: 'In progress',
    noTrack: '(no study track this year)',
  },
};

/** The year's requirement of the member `m` in tenths of an hour, as `requiredClassHours` gives it. */
const REQUIRED_TENTHS_SQL = `CASE WHEN m.post IN (${CADRE_POSTS.map((p) => `'${p}'`).join(', ')}) THEN ${hoursToTenths(CLASS_HOURS_REQUIRED_CADRES)} ELSE ${hoursToTenths(CLASS_HOURS_REQUIRED)} END`;

/**
 * The follow-up: participation per organisation, read from counter rows (one per organisation and assignment,
 * whatever the number of members), then the members of a subtree with their status, ordered by branch and record —
 * never by score: there are no rankings (domain.md §6).
 */
@Injectable()
export class StudyFollowupService {
  constructor(
    private readonly db: Db,
    private readonly assignments: StudyAssignmentsService,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  async stats(actor: Actor, q: StatsQuery, now = new Date()): Promise<StudyStats> {
    const org = await this.assignments.resolveOrg(actor, q.orgId, Permission.STUDY_STATS);
    const period = this.period(q.period, now);
    const track = q.trackId !== undefined ? await this.track(q.trackId) : null;
    const children = await this.orgs.childrenOf(org.id);
    const all = [org, ...children];
    const ids = all.map((o) => o.id);
    const marks = ids.map(() => '?').join(',');
    const today = shanghaiDate(now);
    const counts = await this.db.query<{ org_id: number; enrolled: number; completed: number; overdue: number }>(
      `SELECT c.org_id, SUM(c.enrolled) AS enrolled, SUM(c.completed) AS completed,
              SUM(CASE WHEN a.due_on < ? THEN c.enrolled - c.completed ELSE 0 END) AS overdue
         FROM study_org_counters c JOIN study_assignments a ON a.id = c.assignment_id
        WHERE c.org_id IN (${marks}) AND a.year = ? AND a.status = 'ACTIVE' ${track ? 'AND a.track_id = ?' : ''}
        GROUP BY c.org_id`,
      [today, ...ids, period, ...(track ? [track.id] : [])],
    );
    const hours = await this.db.query<{ org_id: number; tenths: number; met: number }>(`SELECT org_id, tenths, met FROM study_org_hours WHERE year = ? AND org_id IN (${marks})`, [period, ...ids]);
    const byOrg = new Map(counts.map((c) => [Number(c.org_id), c]));
    const hoursBy = new Map(hours.map((h) => [Number(h.org_id), { tenths: Number(h.tenths), met: Number(h.met) }]));
    // The children were read with their own child counts; the organisation's is the number of its children.
    const childBy = new Map([[org.id, children.length], ...children.map((c) => [c.id, c.childCount] as const)]);
    const row = (o: OrgSummaryRow): StudyStatsRow => {
      const c = byOrg.get(o.id);
      const enrolled = Number(c?.enrolled ?? 0);
      const completed = Number(c?.completed ?? 0);
      const h = hoursBy.get(o.id);
      const met = h?.met ?? 0;
      return {
        org: { id: o.id, name: o.name, shortName: o.shortName, level: o.level, childCount: childBy.get(o.id) ?? 0 },
        members: o.subtreeMemberCount,
        enrolled,
        completed,
        completionRate: enrolled ? Math.round((completed * 1000) / enrolled) / 10 : null,
        overdue: Number(c?.overdue ?? 0),
        avgClassHours: o.subtreeMemberCount ? Math.round((h?.tenths ?? 0) / o.subtreeMemberCount) / 10 : 0,
        hoursMet: met,
        hoursMetRate: o.subtreeMemberCount ? Math.round((met * 1000) / o.subtreeMemberCount) / 10 : null,
      };
    };
    return { period, track: track ? { id: track.id, title: track.title } : null, org: row(org), children: children.map(row) };
  }

  async members(actor: Actor, q: MemberStatusQuery, now = new Date()): Promise<MemberStudyStatusPage> {
    const org = await this.assignments.resolveOrg(actor, q.orgId, Permission.STUDY_STATS);
    const period = this.period(q.period, now);
    if (q.trackId !== undefined) await this.track(q.trackId);
    const limit = q.limit ?? PAGE_LIMIT_DEFAULT;
    const after = decodeCursor<[string, number]>(q.cursor, ['string', 'number']);
    const rows = await this.memberRows(org.path, period, q, after, limit + 1, now);
    const page = rows.slice(0, limit);
    const items = await this.statuses(page, period, q.trackId, now);
    const last = page.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.org_path, Number(last.id)]) : null };
  }

  /** One member's status for the year (their record shows it), to an administrator whose follow-up covers them. */
  async member(actor: Actor, memberId: number, period: string | undefined, now = new Date()): Promise<MemberStudyStatus> {
    const [row] = await this.db.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.id = ?`, [memberId]);
    // Outside the administrator's scope a member is as unknown as one that does not exist.
    if (!row || !actor.covers(row.org_path, Permission.STUDY_STATS)) throw notFound('Member');
    const [status] = await this.statuses([row], this.period(period, now), undefined, now);
    return status;
  }

  /**
   * Streams the member-level status of a subtree as .xlsx, a page at a time (never the whole county in memory): the
   * members the list shows under the same filter, a row per track (one row for a member without a track this year).
   * Headed and worded in the caller's language.
   */
  async prepareExport(actor: Actor, q: MemberFilterQuery, lang: ExportLanguage = 'zh-CN', now = new Date()): Promise<{ filename: string; write: (out: Writable) => Promise<void> }> {
    const org = await this.assignments.resolveOrg(actor, q.orgId, Permission.STUDY_STATS);
    const period = this.period(q.period, now);
    const track = q.trackId !== undefined ? await this.track(q.trackId) : null;
    const filter = { trackId: track?.id, status: q.status };
    const words = EXPORT_WORDS[lang];
    return {
      filename: `${words.title}-${org.shortName}-${period}${track ? '-' + track.title : ''}${q.status ? '-' + words.filter[q.status] : ''}.xlsx`,
      write: async (out) => {
        const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
        const sheet = wb.addWorksheet(words.title);
        sheet.columns = headedIn(lang, exportColumns(period));
        sheet.getRow(1).font = { bold: true };
        // Recorded before the workbook's last bytes: a client holding the whole file always finds its record.
        await rowsThenRecord(
          async (tally) => {
            let after: [string, number] | null = null;
            for (;;) {
              await nextPage(out);
              const rows = await this.memberRows(org.path, period, filter, after, EXPORT_PAGE, now);
              for (const s of await this.statuses(rows, period, track?.id, now)) {
                const member = { org: s.org.name, name: s.member.name, hours: s.classHours, required: s.requiredClassHours, short: tenthsToHours(Math.max(0, hoursToTenths(s.requiredClassHours - s.classHours))) };
                for (const t of s.tracks.length ? s.tracks : [null]) {
                  const cells = t
                    ? { track: t.trackTitle, due: t.dueOn, done: `${t.requiredDone}/${t.requiredTotal}`, status: t.completedAt ? words.completed : t.overdue ? words.overdue : words.studying }
                    : { track: words.noTrack };
                  sheet.addRow({ ...member, ...cells }).commit();
                  tally.rows++;
                }
              }
              if (rows.length < EXPORT_PAGE) break;
              const last = rows[rows.length - 1];
              after = [last.org_path, Number(last.id)];
            }
            sheet.commit();
          },
          (detail) =>
            this.db.tx((em) =>
              this.audit.record(em, actor, {
                action: 'study.export',
                targetType: 'organization',
                targetId: org.id,
                permission: Permission.STUDY_STATS,
                path: org.path,
                detail: { ...detail, period, trackId: track?.id ?? null, status: q.status ?? null },
              }),
            ),
        );
        await wb.commit();
      },
    };
  }

  /**
   * Members of a subtree with an active enrolment in the period (and state asked for), by branch path and id; or,
   * for HOURS_SHORT, every member counted there whose class hours this year are short of their requirement,
   * enrolled or not (with a track asked for, enrolled in it).
   */
  private async memberRows(path: string, period: number, q: Pick<MemberStatusQuery, 'trackId' | 'status'>, after: [string, number] | null, take: number, now: Date): Promise<MemberRow[]> {
    const cond = ['e.member_id = m.id', 'e.active = 1', `a.status = 'ACTIVE'`, 'a.year = ?'];
    const condParams: unknown[] = [period];
    if (q.trackId !== undefined) {
      cond.push('a.track_id = ?');
      condParams.push(q.trackId);
    }
    if (q.status === 'COMPLETED') cond.push('e.completed_at IS NOT NULL');
    if (q.status === 'INCOMPLETE') cond.push('e.completed_at IS NULL');
    if (q.status === 'OVERDUE') {
      cond.push('e.completed_at IS NULL', 'a.due_on < ?');
      condParams.push(shanghaiDate(now));
    }
    const subtree = inSubtree('m.org_path', path);
    const where = [subtree.sql];
    const params: unknown[] = [...subtree.params];
    if (q.status === 'HOURS_SHORT') {
      where.push(`m.status <> 'TRANSFERRED_OUT'`, `COALESCE((SELECT h.tenths FROM study_member_hours h WHERE h.member_id = m.id AND h.year = ?), 0) < ${REQUIRED_TENTHS_SQL}`);
      params.push(period);
    }
    if (q.status !== 'HOURS_SHORT' || q.trackId !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM study_enrolments e JOIN study_assignments a ON a.id = e.assignment_id WHERE ${cond.join(' AND ')})`);
      params.push(...condParams);
    }
    if (after) {
      where.push(keysetSql('m.org_path', 'm.id'));
      params.push(after[0], after[0], after[1]);
    }
    return this.db.query<MemberRow>(
      `SELECT ${MEMBER_COLUMNS}
         FROM members m JOIN organizations o ON o.id = m.org_id
        WHERE ${where.join(' AND ')} ORDER BY m.org_path, m.id LIMIT ${take}`,
      params,
    );
  }

  /** Each member's tracks in the period and class hours, from the rows of this page's members only. */
  private async statuses(rows: MemberRow[], period: number, trackId: number | undefined, now: Date): Promise<MemberStudyStatus[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => Number(r.id));
    const marks = ids.map(() => '?').join(',');
    const enrolments = await this.db.query<{ member_id: number; assignment_id: number; track_id: number; title: string; due_on: string; completed_at: unknown }>(
      `SELECT e.member_id, e.assignment_id, e.track_id, t.title, a.due_on, e.completed_at
         FROM study_enrolments e JOIN study_assignments a ON a.id = e.assignment_id JOIN study_tracks t ON t.id = e.track_id
        WHERE e.member_id IN (${marks}) AND e.active = 1 AND a.status = 'ACTIVE' AND a.year = ? ${trackId !== undefined ? 'AND a.track_id = ?' : ''}
        ORDER BY a.due_on, a.id`,
      [...ids, period, ...(trackId !== undefined ? [trackId] : [])],
    );
    const trackIds = [...new Set(enrolments.map((e) => Number(e.track_id)))];
    const required = trackIds.length
      ? await this.db.query<{ track_id: number; module_id: number }>(
          `SELECT track_id, module_id FROM track_modules WHERE required = 1 AND track_id IN (${trackIds.map(() => '?').join(',')})`,
          trackIds,
        )
      : [];
    const done = await this.db.query<{ member_id: number; module_id: number }>(
      `SELECT DISTINCT member_id, module_id FROM study_progress WHERE status = 'COMPLETED' AND year >= ? AND member_id IN (${marks})`,
      [period, ...ids],
    );
    const doneSet = new Set(done.map((d) => `${Number(d.member_id)}:${Number(d.module_id)}`));
    // Quizzes failed with every attempt of this year used (only the current year's can be granted another).
    const blocked =
      period === studyYear(now)
        ? await this.db.query<{ member_id: number; module_id: number; title: string }>(
            `SELECT p.member_id, p.module_id, sm.title FROM study_progress p JOIN study_modules sm ON sm.id = p.module_id
              WHERE p.member_id IN (${marks}) AND p.year = ? AND sm.kind = 'QUIZ' AND p.status <> 'COMPLETED' AND p.attempts_used >= sm.attempts_allowed`,
            [...ids, period],
          )
        : [];
    // A member taking their last attempt right now is not stuck (attempts count when drawn).
    const taking = await openAttempts(this.db, [...new Set(blocked.map((b) => Number(b.member_id)))], [...new Set(blocked.map((b) => Number(b.module_id)))], now);
    const hours = await this.db.query<{ member_id: number; tenths: number }>(`SELECT member_id, tenths FROM study_member_hours WHERE year = ? AND member_id IN (${marks})`, [period, ...ids]);
    const hoursBy = new Map(hours.map((h) => [Number(h.member_id), Number(h.tenths)]));
    const today = shanghaiDate(now);
    // Looked up by member and by track: a 500-member page of the export holds some 1,500 enrolments, and filtering
    // them all for each member cost 10–25 ms a page.
    const enrolmentsOf = groupBy(enrolments, (e) => Number(e.member_id));
    const requiredOf = groupBy(required, (x) => Number(x.track_id));
    const requiredModulesOf = new Map([...requiredOf].map(([track, req]) => [track, new Set(req.map((x) => Number(x.module_id)))]));
    const blockedOf = groupBy(blocked, (b) => Number(b.member_id));
    return rows.map((r) => {
      const memberId = Number(r.id);
      return {
        member: { id: memberId, name: r.name },
        org: { id: Number(r.org_id), name: r.org_name, shortName: r.org_short_name, level: r.org_level },
        classHours: tenthsToHours(hoursBy.get(memberId) ?? 0),
        requiredClassHours: requiredClassHours(r.post),
        tracks: (enrolmentsOf.get(memberId) ?? []).map((e) => {
          const req = requiredOf.get(Number(e.track_id)) ?? [];
          const requiredModules = requiredModulesOf.get(Number(e.track_id)) ?? new Set<number>();
          const completedAt = e.completed_at ? toDate(e.completed_at)!.toISOString() : null;
          return {
            assignmentId: Number(e.assignment_id),
            trackTitle: e.title,
            dueOn: e.due_on,
            requiredDone: req.filter((x) => doneSet.has(`${memberId}:${Number(x.module_id)}`)).length,
            requiredTotal: req.length,
            completedAt,
            overdue: !completedAt && e.due_on < today,
            blockedQuizzes: (blockedOf.get(memberId) ?? [])
              .filter((b) => requiredModules.has(Number(b.module_id)) && !taking.has(`${memberId}:${Number(b.module_id)}`))
              .map((b) => ({ moduleId: Number(b.module_id), title: b.title })),
          };
        }),
      };
    });
  }

  private period(p: string | undefined, now: Date): number {
    return p ? Number(p) : Number(shanghaiDate(now).slice(0, 4));
  }

  private async track(id: number): Promise<StudyTrack> {
    const t = await this.db.em.findOne(StudyTrack, { where: { id } });
    if (!t) throw notFound('Track');
    return t;
  }
}
