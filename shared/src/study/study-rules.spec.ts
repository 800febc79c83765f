import { describe, expect, it } from 'vitest';
import type { TrackAudience } from './study';
import { requiredClassHours } from './study';
import {
  addReport,
  assignmentPhase,
  answersProblem,
  coveredSeconds,
  gradeAttempt,
  matchesAudience,
  mergeIntervals,
  PLAYBACK_RATE_MAX,
  REPORT_TOLERANCE_SECONDS,
  reportAllowance,
  uncovered,
  videoComplete,
  youthBornAfter,
  type AudienceFacts,
} from './study-rules';

describe('interval merging', () => {
  it('sorts, clips to the duration, rounds and merges overlapping and touching intervals', () => {
    expect(mergeIntervals([[50, 60], [0, 10], [9.6, 20], [20, 25], [590, 700], [-5, 2]], 600)).toEqual([[0, 25], [50, 60], [590, 600]]);
  });

  it('drops empty and reversed intervals', () => {
    expect(mergeIntervals([[10, 10], [30, 20]], 600)).toEqual([]);
  });

  it('finds the parts of a report not yet covered', () => {
    expect(uncovered([[10, 20], [30, 40]], [[0, 50]])).toEqual([[0, 10], [20, 30], [40, 50]]);
    expect(uncovered([[0, 100]], [[10, 20]])).toEqual([]);
  });

  it('credits no more new seconds than the allowance, earliest first', () => {
    const r = addReport([[0, 30]], [[0, 600]], 600, 25);
    expect(r.intervals).toEqual([[0, 55]]);
    expect(r.added).toBe(25);
    expect(r.clipped).toBe(true);
  });

  it('credits a report that fits in full, and re-reporting watched seconds adds nothing', () => {
    const first = addReport([], [[0, 20]], 600, reportAllowance(10, 10, 0));
    expect(first).toMatchObject({ covered: 20, added: 20, clipped: false });
    const again = addReport(first.intervals, [[0, 20]], 600, reportAllowance(0, 10, 20));
    expect(again).toMatchObject({ covered: 20, added: 0, clipped: false });
  });

  it('does not let the slack of many quick reports add up: in all, no more than could be played since the start', () => {
    // Reports a second apart, for a minute, each claiming the next ten seconds: at double speed 125 s at most.
    let intervals: [number, number][] = [];
    for (let k = 0; k < 60; k++) {
      const covered = coveredSeconds(intervals);
      intervals = addReport(intervals, [[k * 10, k * 10 + 10]], 3000, reportAllowance(1, k + 1, covered)).intervals;
    }
    expect(coveredSeconds(intervals)).toBeLessThanOrEqual(60 * PLAYBACK_RATE_MAX + REPORT_TOLERANCE_SECONDS);
    // Played at normal speed with reports every ten seconds, nothing is lost.
    expect(reportAllowance(10, 600, 590)).toBe(25);
    expect(reportAllowance(10, 100, 300)).toBe(0);
  });

  it('a skip to the end counts only what was watched there', () => {
    const r = addReport([[0, 10]], [[580, 600]], 600, 100);
    expect(coveredSeconds(r.intervals)).toBe(30);
    expect(videoComplete(r.covered, 600)).toBe(false);
  });

  it('completes a video at 90% covered', () => {
    expect(videoComplete(539, 600)).toBe(false);
    expect(videoComplete(540, 600)).toBe(true);
    expect(videoComplete(0, 0)).toBe(false);
  });
});

describe('grading', () => {
  const issued = [
    { id: 1, kind: 'SINGLE' as const, answer: ['B'], options: [{ key: 'A' }, { key: 'B' }, { key: 'C' }] },
    { id: 2, kind: 'MULTIPLE' as const, answer: ['A', 'C'], options: [{ key: 'A' }, { key: 'B' }, { key: 'C' }, { key: 'D' }] },
    { id: 3, kind: 'TRUE_FALSE' as const, answer: ['T'], options: [{ key: 'T' }, { key: 'F' }] },
    { id: 4, kind: 'SINGLE' as const, answer: ['A'], options: [{ key: 'A' }, { key: 'B' }] },
  ];

  it('scores exact answers, multiple choice only when every right key and no wrong one is chosen', () => {
    const g = gradeAttempt(issued, [
      { questionId: 1, selected: ['B'] },
      { questionId: 2, selected: ['C', 'A'] },
      { questionId: 3, selected: ['F'] },
    ], 60);
    expect(g).toMatchObject({ correct: 2, total: 4, scorePercent: 50, passed: false });
    expect(g.perQuestion.map((p) => p.correct)).toEqual([true, true, false, false]);
  });

  it('a partial multiple choice is wrong; the pass mark is inclusive', () => {
    const g = gradeAttempt(issued, [
      { questionId: 1, selected: ['B'] },
      { questionId: 2, selected: ['A'] },
      { questionId: 3, selected: ['T'] },
      { questionId: 4, selected: ['A'] },
    ], 75);
    expect(g).toMatchObject({ correct: 3, scorePercent: 75, passed: true });
  });

  it('finds answers to questions not issued, repeated answers, unknown options and two keys for a single choice', () => {
    expect(answersProblem(issued, [{ questionId: 9, selected: ['A'] }])).toEqual({ questionId: 9, reason: 'NOT_ISSUED' });
    expect(answersProblem(issued, [{ questionId: 1, selected: ['A'] }, { questionId: 1, selected: ['B'] }])).toMatchObject({ reason: 'DUPLICATE' });
    expect(answersProblem(issued, [{ questionId: 1, selected: ['Z'] }])).toMatchObject({ reason: 'UNKNOWN_OPTION' });
    expect(answersProblem(issued, [{ questionId: 1, selected: ['A', 'B'] }])).toMatchObject({ reason: 'TOO_MANY' });
    expect(answersProblem(issued, [{ questionId: 2, selected: ['A', 'B'] }])).toBeNull();
  });
});

describe('audience matching', () => {
  const base: AudienceFacts = { birthDate: '1980-05-01', category: 'FULL', post: null, isRetired: false, isMobile: false, isGraduate: false };
  const aud = (a: Partial<TrackAudience>): TrackAudience => ({ orgTypes: [], groups: [], needs: [], ...a });
  const today = '2026-11-28';

  it('an empty audience matches everyone; needs never filter', () => {
    expect(matchesAudience(base, 'RURAL', aud({ needs: ['INTEGRITY'] }), today)).toBe(true);
  });

  it('org types and groups both must match; any one group is enough', () => {
    const a = aud({ orgTypes: ['RURAL', 'COMMUNITY'], groups: ['RETIRED', 'MOBILE'] });
    expect(matchesAudience({ ...base, isMobile: true }, 'RURAL', a, today)).toBe(true);
    expect(matchesAudience({ ...base, isMobile: true }, 'SCHOOL', a, today)).toBe(false);
    expect(matchesAudience(base, 'RURAL', a, today)).toBe(false);
  });

  it('youth are under 35 on the date: the 35th birthday ends it', () => {
    expect(youthBornAfter('2026-11-28')).toBe('1991-11-28');
    const a = aud({ groups: ['YOUTH'] });
    expect(matchesAudience({ ...base, birthDate: '1991-11-29' }, 'ORGAN', a, today)).toBe(true);
    expect(matchesAudience({ ...base, birthDate: '1991-11-28' }, 'ORGAN', a, today)).toBe(false);
    // 29 February when the birth year has none: counted from 28 February.
    expect(youthBornAfter('2028-02-29')).toBe('1993-02-28');
  });

  it('cadres are secretaries, deputies and committee members; they need 56 class hours', () => {
    const a = aud({ groups: ['CADRES'] });
    for (const post of ['SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER']) {
      expect(matchesAudience({ ...base, post }, 'ORGAN', a, today)).toBe(true);
      expect(requiredClassHours(post)).toBe(56);
    }
    expect(matchesAudience(base, 'ORGAN', a, today)).toBe(false);
    expect(requiredClassHours(null)).toBe(32);
  });

  it('probationary, retired and graduate groups follow the record', () => {
    expect(matchesAudience({ ...base, category: 'PROBATIONARY' }, 'ORGAN', aud({ groups: ['PROBATIONARY'] }), today)).toBe(true);
    expect(matchesAudience({ ...base, isRetired: true }, 'ORGAN', aud({ groups: ['RETIRED'] }), today)).toBe(true);
    expect(matchesAudience({ ...base, isGraduate: true }, 'ORGAN', aud({ groups: ['GRADUATE'] }), today)).toBe(true);
    expect(matchesAudience(base, 'ORGAN', aud({ groups: ['PROBATIONARY', 'RETIRED', 'GRADUATE', 'MOBILE'] }), today)).toBe(false);
  });
});

describe('where an assignment stands', () => {
  const a = { status: 'ACTIVE' as const, startsOn: '2026-03-01', dueOn: '2026-06-30' };
  it('is upcoming before its first day, active through its last, ended after it; cancelled whatever the day', () => {
    expect(assignmentPhase(a, '2026-02-28')).toBe('UPCOMING');
    expect(assignmentPhase(a, '2026-03-01')).toBe('ACTIVE');
    expect(assignmentPhase(a, '2026-06-30')).toBe('ACTIVE');
    expect(assignmentPhase(a, '2026-07-01')).toBe('ENDED');
    expect(assignmentPhase({ ...a, status: 'CANCELLED' }, '2026-04-01')).toBe('CANCELLED');
  });
});
