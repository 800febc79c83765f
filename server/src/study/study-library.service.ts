import { Injectable } from '@nestjs/common';
import { PAGE_LIMIT_DEFAULT, type LibraryModule, type LibraryPage, type ProgressStatus } from '@zhdj/shared';
import type { Actor } from '../common/actor';
import { Db, toDate } from '../common/database/db.service';
import { marks } from '../common/database/counter-rows';
import { forbidden } from '../common/errors/app.exception';
import { decodeCursor, encodeCursor, likeEscape } from '../common/pagination/cursor';
import type { LibraryQuery } from './dto/study-module.dto';
import { attemptsExhausted, MODULE_ROW_COLUMNS, openAttempts, studyYear, summaryOfRow, type ModuleRow } from './study-views';

/**
 * The member's elective library (自选学习): every published module of the county, newest first, with the member's
 * status this year. Assigned tracks alone may not add up to the year's 32 (or 56) class hours; any published module
 * can be studied and counts once a year (study-learning.service.ts gives the hours), so this is where the rest is found.
 */
@Injectable()
export class StudyLibraryService {
  constructor(private readonly db: Db) {}

  async list(actor: Actor, query: LibraryQuery, now = new Date()): Promise<LibraryPage> {
    if (actor.memberId === null) throw forbidden('Only members have their own study');
    const memberId = actor.memberId;
    const year = studyYear(now);
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const before = decodeCursor<[number]>(query.cursor, ['number']);
    const where = ['m.published = 1'];
    const params: unknown[] = [];
    if (query.kind) {
      where.push('m.kind = ?');
      params.push(query.kind);
    }
    if (query.need) {
      where.push('m.need = ?');
      params.push(query.need);
    }
    if (query.q) {
      // Titles and tags: a member looks for "乡村振兴" as often as for a title.
      where.push(`(m.title LIKE ? ESCAPE '!' OR m.tags LIKE ? ESCAPE '!')`);
      const like = `%${likeEscape(query.q)}%`;
      params.push(like, like);
    }
    if (query.todo) {
      where.push(`NOT EXISTS (SELECT 1 FROM study_progress p WHERE p.member_id = ? AND p.module_id = m.id AND p.year = ? AND p.status = 'COMPLETED')`);
      params.push(memberId, year);
    }
    if (before) {
      where.push('m.id < ?');
      params.push(before[0]);
    }
    const rows = await this.db.query<ModuleRow>(`SELECT ${MODULE_ROW_COLUMNS} FROM study_modules m WHERE ${where.join(' AND ')} ORDER BY m.id DESC LIMIT ?`, [...params, limit + 1]);
    const page = rows.slice(0, limit);
    const ids = page.map((r) => Number(r.id));
    const progress = ids.length
      ? await this.db.query<{ module_id: number; status: ProgressStatus; completed_at: unknown; attempts_used: number }>(
          `SELECT module_id, status, completed_at, attempts_used FROM study_progress WHERE member_id = ? AND year = ? AND module_id IN (${marks(ids.length)})`,
          [memberId, year, ...ids],
        )
      : [];
    const mine = new Map(progress.map((p) => [Number(p.module_id), p]));
    const looksExhausted = page.filter((r) => attemptsExhausted(r, mine.get(Number(r.id)))).map((r) => Number(r.id));
    const taking = await openAttempts(this.db, looksExhausted.length ? [memberId] : [], looksExhausted, now);
    const items: LibraryModule[] = page.map((r) => {
      const p = mine.get(Number(r.id));
      return {
        module: summaryOfRow(r),
        status: p?.status ?? 'NOT_STARTED',
        completedAt: p?.status === 'COMPLETED' && p.completed_at ? toDate(p.completed_at)!.toISOString() : null,
        attemptsExhausted: attemptsExhausted(r, p) && !taking.has(`${memberId}:${Number(r.id)}`),
      };
    });
    return { items, nextCursor: rows.length > limit ? encodeCursor([ids[ids.length - 1]]) : null };
  }
}
