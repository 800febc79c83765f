import {
  coveredSeconds,
  mergeIntervals,
  SUBMIT_GRACE_SECONDS,
  tenthsToHours,
  type Interval,
  type ModuleProgressView,
  type StudyModuleKind,
  type StudyModuleSummary,
  type StudyNeed,
  type TrackAudience,
} from '@zhdj/shared';
import { shanghaiDate } from '../common/calendar/china-calendar';
import { marks } from '../common/database/counter-rows';
import { toBool, type Db } from '../common/database/db.service';
import type { StudyModule } from './entities/study-module.entity';
import type { StudyProgress } from './entities/study-progress.entity';
import { isoString } from '../common/calendar/iso-string';

/** The study year: Xinyi's calendar year now. */
export const studyYear = (at = new Date()): number => Number(shanghaiDate(at).slice(0, 4));

export const splitTags = (tags: string): string[] => (tags ? tags.split(',').filter(Boolean) : []);
export const joinNeeds = (a: TrackAudience): string => (a.needs.length ? `,${a.needs.join(',')},` : '');

export function moduleSummary(m: Pick<StudyModule, 'id' | 'kind' | 'title' | 'summary' | 'tags' | 'need' | 'classTenths' | 'published' | 'minReadSeconds' | 'durationSeconds' | 'timeLimitSeconds' | 'version'>): StudyModuleSummary {
  return {
    id: m.id,
    kind: m.kind,
    title: m.title,
    summary: m.summary,
    tags: splitTags(m.tags),
    need: m.need,
    classHours: tenthsToHours(m.classTenths),
    published: m.published,
    seconds: m.kind === 'ARTICLE' ? m.minReadSeconds : m.kind === 'VIDEO' ? m.durationSeconds : m.timeLimitSeconds,
    version: m.version,
  };
}

/** A module's summary columns as raw SQL reads them (lists never hydrate entities, nor read article bodies). */
export interface ModuleRow {
  id: number;
  kind: StudyModuleKind;
  title: string;
  summary: string;
  tags: string;
  need: StudyNeed;
  class_tenths: number;
  published: unknown;
  min_read_seconds: number;
  duration_seconds: number;
  time_limit_seconds: number;
  attempts_allowed: number;
  version: number;
}

/** The columns of a `ModuleRow`, for a statement's SELECT list (`m` is study_modules). */
export const MODULE_ROW_COLUMNS =
  'm.id, m.kind, m.title, m.summary, m.tags, m.need, m.class_tenths, m.published, m.min_read_seconds, m.duration_seconds, m.time_limit_seconds, m.attempts_allowed, m.version';

export const summaryOfRow = (r: ModuleRow): StudyModuleSummary =>
  moduleSummary({
    id: Number(r.id),
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    tags: r.tags,
    need: r.need,
    classTenths: Number(r.class_tenths),
    published: toBool(r.published),
    minReadSeconds: Number(r.min_read_seconds),
    durationSeconds: Number(r.duration_seconds),
    timeLimitSeconds: Number(r.time_limit_seconds),
    version: Number(r.version),
  });

/**
 * A quiz not passed with every attempt of this year used: the member cannot go on alone (a follower of their study may
 * grant one more attempt), so their screens say so rather than "in progress". `progress` is this year's row, if any.
 * An attempt counts as used when it is drawn, so a member taking their last one is not stuck yet: callers drop the
 * quizzes `OPEN_ATTEMPTS_SQL` finds.
 */
export const attemptsExhausted = (m: Pick<ModuleRow, 'kind' | 'attempts_allowed'>, progress: { status: string; attempts_used: number } | undefined): boolean =>
  m.kind === 'QUIZ' && !!progress && progress.status !== 'COMPLETED' && Number(progress.attempts_used) >= Number(m.attempts_allowed);

/**
 * Attempts still being taken: drawn, not submitted, and within their time limit and its grace (a quiz without a limit
 * stays open until submitted). Parameters: the earliest deadline still open (`openSince`), then the member ids, then
 * the quiz ids. Asked only when some quiz looks exhausted, which is rare, so the usual page pays nothing for it.
 */
export const OPEN_ATTEMPTS_SQL = (members: number, quizzes: number) =>
  `SELECT member_id, module_id FROM quiz_attempts WHERE status = 'OPEN' AND (deadline_at IS NULL OR deadline_at >= ?)
      AND member_id IN (${marks(members)}) AND module_id IN (${marks(quizzes)})`;

/** The earliest deadline of an attempt that can still be submitted at `now`. */
export const openSince = (now: Date): Date => new Date(now.getTime() - SUBMIT_GRACE_SECONDS * 1000);

/** Keys `member:module` of the attempts still being taken among these members and quizzes. */
export async function openAttempts(db: Db, memberIds: number[], quizIds: number[], now: Date): Promise<Set<string>> {
  if (!memberIds.length || !quizIds.length) return new Set();
  const rows = await db.query<{ member_id: number; module_id: number }>(OPEN_ATTEMPTS_SQL(memberIds.length, quizIds.length), [openSince(now), ...memberIds, ...quizIds]);
  return new Set(rows.map((r) => `${Number(r.member_id)}:${Number(r.module_id)}`));
}

export function parseIntervals(json: string | null): Interval[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v.filter((x) => Array.isArray(x) && x.length === 2 && x.every((n) => typeof n === 'number')) as Interval[]) : [];
  } catch {
    return [];
  }
}

/** The learner's view of their progress on a module (a missing row is "not started"). */
export function progressView(
  m: StudyModule,
  p: StudyProgress | null,
  year: number,
  openAttempt: { id: number; deadlineAt: Date | null } | null,
  now = new Date(),
): ModuleProgressView {
  const started = p?.startedAt ?? null;
  const intervals = m.kind === 'VIDEO' ? mergeIntervals(parseIntervals(p?.intervals ?? null), m.durationSeconds) : [];
  const covered = coveredSeconds(intervals);
  return {
    moduleId: m.id,
    kind: m.kind,
    year,
    status: p?.status ?? 'NOT_STARTED',
    startedAt: started ? isoString(started) : null,
    completedAt: p?.completedAt ? isoString(p.completedAt) : null,
    classHoursEarned: tenthsToHours(p?.hoursTenths ?? 0),
    serverTime: isoString(now),
    article:
      m.kind === 'ARTICLE'
        ? {
            minReadSeconds: m.minReadSeconds,
            secondsLeft: p?.status === 'COMPLETED' ? 0 : started ? Math.max(0, Math.ceil(m.minReadSeconds - (now.getTime() - started.getTime()) / 1000)) : m.minReadSeconds,
          }
        : null,
    video:
      m.kind === 'VIDEO'
        ? {
            durationSeconds: m.durationSeconds,
            coveredSeconds: covered,
            coveredPercent: m.durationSeconds ? Math.floor((covered * 1000) / m.durationSeconds) / 10 : 0,
            positionSeconds: p?.positionSeconds ?? 0,
            intervals,
          }
        : null,
    quiz:
      m.kind === 'QUIZ'
        ? {
            attemptsAllowed: m.attemptsAllowed,
            attemptsUsed: p?.attemptsUsed ?? 0,
            attemptsLeft: Math.max(0, m.attemptsAllowed - (p?.attemptsUsed ?? 0)),
            bestScore: p?.bestScore ?? null,
            passPercent: m.passPercent,
            openAttempt: openAttempt ? { id: openAttempt.id, deadline: openAttempt.deadlineAt?.toISOString() ?? null } : null,
          }
        : null,
  };
}
