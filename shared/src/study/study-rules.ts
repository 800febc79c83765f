import type { OrgType } from '../organizations/organization';
import { CADRE_POSTS, type AudienceGroup, type QuestionKind, type TrackAudience } from './study';

/** Study completion rules (domain.md §6), pure so the server applies them and the web can explain them. */

/** A video is complete when this share of its duration has actually been covered. */
export const VIDEO_COMPLETE_PERCENT = 90;
/** The fastest playback a player offers: a report may add at most this many seconds per second of wall clock. */
export const PLAYBACK_RATE_MAX = 2;
/** Slack for network jitter and rounding, added to every report's allowance (and once to the total since the start). */
export const REPORT_TOLERANCE_SECONDS = 5;
/** A submission this late after the deadline still counts (the request was in flight). */
export const SUBMIT_GRACE_SECONDS = 5;
/** Youth (青年党员): under this age on today's date. */
export const YOUTH_AGE_LIMIT = 35;

export type Interval = [number, number];

/** Sorts, clips to [0, duration], rounds to whole seconds and merges overlapping or touching intervals. */
export function mergeIntervals(intervals: readonly Interval[], duration: number): Interval[] {
  const clipped = intervals
    .map(([a, b]) => [Math.max(0, Math.round(a)), Math.min(duration, Math.round(b))] as Interval)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Interval[] = [];
  for (const [a, b] of clipped) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function coveredSeconds(intervals: readonly Interval[]): number {
  return intervals.reduce((s, [a, b]) => s + (b - a), 0);
}

/** The parts of `reported` not already in `merged` (both merged), in order. */
export function uncovered(merged: readonly Interval[], reported: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [a0, b] of reported) {
    let a = a0;
    for (const [c, d] of merged) {
      if (d <= a || c >= b) continue;
      if (c > a) out.push([a, c]);
      a = Math.max(a, d);
      if (a >= b) break;
    }
    if (a < b) out.push([a, b]);
  }
  return out;
}

/**
 * Adds a progress report to what was watched, crediting at most `allowanceSeconds` of new coverage (the wall
 * clock since the previous report times the fastest playback rate, plus a tolerance): a client cannot claim more
 * than could have been watched. Credit goes to the earliest new seconds first.
 */
export function addReport(
  existing: readonly Interval[],
  reported: readonly Interval[],
  duration: number,
  allowanceSeconds: number,
): { intervals: Interval[]; covered: number; added: number; clipped: boolean } {
  const before = mergeIntervals(existing, duration);
  const fresh = uncovered(before, mergeIntervals(reported, duration));
  let budget = Math.max(0, Math.floor(allowanceSeconds));
  const credited: Interval[] = [];
  let clipped = false;
  for (const [a, b] of fresh) {
    if (budget <= 0) {
      clipped = true;
      break;
    }
    const take = Math.min(b - a, budget);
    credited.push([a, a + take]);
    budget -= take;
    if (take < b - a) clipped = true;
  }
  const intervals = mergeIntervals([...before, ...credited], duration);
  const covered = coveredSeconds(intervals);
  return { intervals, covered, added: covered - coveredSeconds(before), clipped };
}

/**
 * The new seconds a report may credit: what could have been played since the previous report, and — as each report's
 * slack would otherwise add up over many quick reports — no more in all than could have been played since the video
 * was started (`coveredBefore` is what is credited already).
 */
export function reportAllowance(secondsSincePrevious: number, secondsSinceStart: number, coveredBefore: number): number {
  const sincePrevious = Math.max(0, secondsSincePrevious) * PLAYBACK_RATE_MAX + REPORT_TOLERANCE_SECONDS;
  const sinceStart = Math.max(0, secondsSinceStart) * PLAYBACK_RATE_MAX + REPORT_TOLERANCE_SECONDS - coveredBefore;
  return Math.max(0, Math.min(sincePrevious, sinceStart));
}

export function videoComplete(covered: number, duration: number): boolean {
  return duration > 0 && covered * 100 >= duration * VIDEO_COMPLETE_PERCENT;
}

export interface GradableQuestion {
  id: number;
  kind: QuestionKind;
  answer: readonly string[];
}

export interface SubmittedAnswer {
  questionId: number;
  selected: readonly string[];
}

export interface Grading {
  correct: number;
  total: number;
  scorePercent: number;
  passed: boolean;
  perQuestion: { questionId: number; correct: boolean; selected: string[] }[];
}

/** Multiple choice is right only when exactly the right keys are chosen; an unanswered question is wrong. */
export function gradeAttempt(issued: readonly GradableQuestion[], answers: readonly SubmittedAnswer[], passPercent: number): Grading {
  const given = new Map(answers.map((a) => [a.questionId, [...new Set(a.selected)].sort()]));
  const perQuestion = issued.map((q) => {
    const selected = given.get(q.id) ?? [];
    const key = [...new Set(q.answer)].sort();
    return { questionId: q.id, selected, correct: selected.length > 0 && selected.length === key.length && selected.every((s, i) => s === key[i]) };
  });
  const correct = perQuestion.filter((p) => p.correct).length;
  const total = issued.length;
  const scorePercent = total ? Math.round((correct * 100) / total) : 0;
  return { correct, total, scorePercent, passed: total > 0 && correct * 100 >= passPercent * total, perQuestion };
}

/** The first thing wrong with a submission's answers, or null. */
export function answersProblem(
  issued: readonly { id: number; kind: QuestionKind; options: readonly { key: string }[] }[],
  answers: readonly SubmittedAnswer[],
): { questionId: number; reason: 'NOT_ISSUED' | 'DUPLICATE' | 'UNKNOWN_OPTION' | 'TOO_MANY' } | null {
  const byId = new Map(issued.map((q) => [q.id, q]));
  const seen = new Set<number>();
  for (const a of answers) {
    const q = byId.get(a.questionId);
    if (!q) return { questionId: a.questionId, reason: 'NOT_ISSUED' };
    if (seen.has(a.questionId)) return { questionId: a.questionId, reason: 'DUPLICATE' };
    seen.add(a.questionId);
    const keys = new Set(q.options.map((o) => o.key));
    if (a.selected.some((s) => !keys.has(s))) return { questionId: a.questionId, reason: 'UNKNOWN_OPTION' };
    if (q.kind !== 'MULTIPLE' && new Set(a.selected).size > 1) return { questionId: a.questionId, reason: 'TOO_MANY' };
  }
  return null;
}

/** The latest birth date (exclusive) of someone aged YOUTH_AGE_LIMIT or more on `today`: youth are born after it. */
export function youthBornAfter(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const year = String(y - YOUTH_AGE_LIMIT).padStart(4, '0');
  // 29 February in a non-leap year: the birthday counts as reached on 28 February.
  const leap = (n: number) => (n % 4 === 0 && n % 100 !== 0) || n % 400 === 0;
  const day = m === 2 && d === 29 && !leap(y - YOUTH_AGE_LIMIT) ? 28 : d;
  return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface AudienceFacts {
  birthDate: string;
  category: string;
  post: string | null;
  isRetired: boolean;
  isMobile: boolean;
  isGraduate: boolean;
}

export function inGroup(m: AudienceFacts, group: AudienceGroup, today: string): boolean {
  switch (group) {
    case 'PROBATIONARY':
      return m.category === 'PROBATIONARY';
    case 'YOUTH':
      return m.birthDate > youthBornAfter(today);
    case 'MOBILE':
      return m.isMobile;
    case 'RETIRED':
      return m.isRetired;
    case 'CADRES':
      return m.post !== null && (CADRE_POSTS as readonly string[]).includes(m.post);
    case 'GRADUATE':
      return m.isGraduate;
  }
}

/** Whether a member of a branch of `orgType` is in a track's audience (needs never filter members). */
export function matchesAudience(m: AudienceFacts, orgType: OrgType, audience: TrackAudience, today: string): boolean {
  if (audience.orgTypes.length && !audience.orgTypes.includes(orgType)) return false;
  return !audience.groups.length || audience.groups.some((g) => inGroup(m, g, today));
}

/** Where an assignment stands on a given day in Xinyi: its status, and for an active one its dates (inclusive). */
export type AssignmentPhase = 'UPCOMING' | 'ACTIVE' | 'ENDED' | 'CANCELLED';
export function assignmentPhase(a: { status: 'ACTIVE' | 'CANCELLED'; startsOn: string; dueOn: string }, today: string): AssignmentPhase {
  if (a.status === 'CANCELLED') return 'CANCELLED';
  if (today < a.startsOn) return 'UPCOMING';
  return today > a.dueOn ? 'ENDED' : 'ACTIVE';
}
