import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryPage, MyStudy } from '@zhdj/shared';
import { toDate } from '../src/common/database/db.service';
import { expectError, login } from './support/http';
import { expectCountersConsistent, StudyClient, type QuizFixture } from './support/study';
import { startTestApp, tableCounts, type TestApp } from './support/test-app';

describe('study: completion is earned', () => {
  let t: TestApp;
  let s: StudyClient;
  let article: number;
  let video: number;
  let quiz: QuizFixture;
  let assignmentId: number;
  let me: number;
  const post = async (path: string, body: object = {}, user = 'memberA1') => t.http.post(path).set(await t.as(user)).send(body);
  const hoursRow = async (memberId: number) =>
    Number((await t.ds.query('SELECT COALESCE(SUM(tenths), 0) AS n FROM study_member_hours WHERE member_id = ?', [memberId]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    s = new StudyClient(t);
    me = t.county.members.memberA1;
    article = await s.article({ minReadSeconds: 60, classHours: 1 });
    video = await s.video({ durationSeconds: 600, classHours: 2 });
    quiz = await s.quiz({ bank: 8, perAttempt: 5, passPercent: 80, attempts: 3, timeLimitSeconds: 600, classHours: 1.5 });
    const track = await s.track(
      [
        { moduleId: article, required: true },
        { moduleId: video, required: true },
        { moduleId: quiz.id, required: true },
      ],
      { orgTypes: ['COMMUNITY'] },
      '社区党员必修清单',
    );
    assignmentId = (await s.assign(track, t.county.orgs.committeeA.id)).id;
  });
  afterAll(() => t.close());

  describe('article', () => {
    it('cannot be completed before it is started, nor before the minimum reading time on the server’s clock', async () => {
      expectError(await post(`/api/study/modules/${article}/complete`), 409, 'STUDY_NOT_STARTED');
      const started = await post(`/api/study/modules/${article}/start`);
      expect(started.status).toBe(200);
      expect(started.body.progress).toMatchObject({ status: 'IN_PROGRESS', article: { minReadSeconds: 60 } });
      expect(started.body.progress.article.secondsLeft).toBeGreaterThan(55);
      await s.rewind(me, article, 20);
      const early = await post(`/api/study/modules/${article}/complete`);
      expectError(early, 409, 'READING_TIME_NOT_REACHED');
      expect(early.body.details.secondsLeft).toBeGreaterThanOrEqual(39);
      expect(early.body.details.secondsLeft).toBeLessThanOrEqual(40);
      expect(await hoursRow(me)).toBe(0);
    });

    it('starting again resumes: the clock keeps its first start, visible from another device', async () => {
      const before = (await t.http.get(`/api/study/modules/${article}`).set(await t.as('memberA1'))).body.progress.startedAt;
      await post(`/api/study/modules/${article}/start`);
      const other = await login(t, 'memberA1');
      const opened = await t.http.get(`/api/study/modules/${article}`).set(other.auth);
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ kind: 'ARTICLE', body: expect.stringContaining('党章'), progress: { startedAt: before, status: 'IN_PROGRESS' } });
    });

    it('completes after the reading time and gives its class hours once, however often or concurrently completed', async () => {
      await s.rewind(me, article, 61);
      const done = await Promise.all(Array.from({ length: 5 }, () => post(`/api/study/modules/${article}/complete`)));
      for (const r of done) {
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body.progress).toMatchObject({ status: 'COMPLETED', classHoursEarned: 1 });
      }
      expect(await hoursRow(me)).toBe(10);
      await post(`/api/study/modules/${article}/start`);
      expect((await post(`/api/study/modules/${article}/complete`)).status).toBe(200);
      expect(await hoursRow(me)).toBe(10);
      const audit = await t.ds.query(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'study.module.complete' AND target_id = ?`, [String(article)]);
      expect(Number(audit[0].n)).toBe(1);
    });
  });

  describe('video', () => {
    it('refuses reports before the start and on other kinds', async () => {
      expectError(await post(`/api/study/modules/${video}/progress`, { intervals: [{ from: 0, to: 10 }] }), 409, 'STUDY_NOT_STARTED');
      expectError(await post(`/api/study/modules/${article}/progress`, { intervals: [{ from: 0, to: 10 }] }), 400, 'STUDY_WRONG_KIND');
      expectError(await post(`/api/study/modules/${video}/progress`, { intervals: [{ from: 0, to: 'x' }] }), 400, 'VALIDATION_FAILED');
      expectError(await post(`/api/study/modules/${video}/progress`, { intervals: [{ from: 20, to: 10 }] }), 400, 'VALIDATION_FAILED');
      expectError(await post(`/api/study/modules/${video}/progress`, { intervals: Array.from({ length: 51 }, () => ({ from: 0, to: 1 })) }), 400, 'VALIDATION_FAILED');
    });

    it('credits coverage no faster than it could have been watched: claiming the whole video at once earns seconds', async () => {
      await post(`/api/study/modules/${video}/start`);
      const r = await post(`/api/study/modules/${video}/progress`, { intervals: [{ from: 0, to: 600 }], positionSeconds: 600 });
      expect(r.status).toBe(200);
      expect(r.body.progress.video.coveredSeconds).toBeLessThanOrEqual(6);
      expectError(await post(`/api/study/modules/${video}/complete`), 409, 'VIDEO_NOT_WATCHED');
    });

    it('many quick reports do not add up their slack: in all, no more than could have been played since the start', async () => {
      await s.rewind(me, video, 10);
      // A script's sixty reports at once, each claiming the next five seconds: 300 s claimed ~10 s after the start.
      const reports = await Promise.all(
        Array.from({ length: 60 }, (_, k) => post(`/api/study/modules/${video}/progress`, { intervals: [{ from: k * 5, to: k * 5 + 5 }] })),
      );
      expect(reports.every((r) => r.status === 200 || r.status === 409)).toBe(true);
      const [row] = await t.ds.query('SELECT covered_seconds, started_at FROM study_progress WHERE member_id = ? AND module_id = ?', [me, video]);
      const sinceStart = (Date.now() - new Date(toDate(row.started_at)!).getTime()) / 1000;
      expect(Number(row.covered_seconds)).toBeLessThanOrEqual(Math.ceil(sinceStart) * 2 + 5);
      expectError(await post(`/api/study/modules/${video}/complete`), 409, 'VIDEO_NOT_WATCHED');
    });

    it('skipping to the end does not count', async () => {
      await s.rewind(me, video, 100);
      const [{ covered_seconds: before }] = await t.ds.query('SELECT covered_seconds FROM study_progress WHERE member_id = ? AND module_id = ?', [me, video]);
      expect(Number(before)).toBeLessThan(30);
      const r = await post(`/api/study/modules/${video}/progress`, { intervals: [{ from: 30, to: 40 }, { from: 580, to: 600 }], positionSeconds: 600 });
      expect(r.status).toBe(200);
      expect(r.body.progress.video.coveredSeconds).toBeLessThanOrEqual(Number(before) + 30);
      expect(r.body.progress.video.intervals).toContainEqual([580, 600]);
      expectError(await post(`/api/study/modules/${video}/complete`), 409, 'VIDEO_NOT_WATCHED');
      expect(r.body.progress.status).toBe('IN_PROGRESS');
    });

    it('completes itself at 90% watched, and resumes at the last position on another device', async () => {
      await s.rewind(me, video, 120);
      let r = await post(`/api/study/modules/${video}/progress`, { intervals: [{ from: 0, to: 250 }], positionSeconds: 250 });
      expect(r.body.progress.video.coveredSeconds).toBeGreaterThanOrEqual(245);
      expect(r.body.progress.status).toBe('IN_PROGRESS');
      const other = await login(t, 'memberA1');
      const opened = await t.http.get(`/api/study/modules/${video}`).set(other.auth);
      expect(opened.body.progress.video.positionSeconds).toBe(250);
      await s.rewind(me, video, 200);
      r = await post(`/api/study/modules/${video}/progress`, { intervals: [{ from: 250, to: 600 }], positionSeconds: 600 });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.progress.video.coveredPercent).toBeGreaterThanOrEqual(90);
      expect(r.body.progress).toMatchObject({ status: 'COMPLETED', classHoursEarned: 2 });
      expect(await hoursRow(me)).toBe(30);
    });
  });

  describe('quiz', () => {
    const answerAll = (attempt: { questions: { id: number }[] }, right: boolean) =>
      attempt.questions.map((q) => ({ questionId: q.id, selected: right ? quiz.key.get(q.id)! : quiz.key.get(q.id)![0] === 'T' ? ['F'] : ['A'] }));

    it('draws the questions on the server and never sends the key; asking again resumes the open attempt', async () => {
      const r = await post(`/api/study/modules/${quiz.id}/attempts`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.attempt.questions).toHaveLength(5);
      expect(new Set(r.body.attempt.questions.map((q: { id: number }) => q.id)).size).toBe(5);
      expect(JSON.stringify(r.body)).not.toMatch(/"answer"|"explanation"/);
      expect(r.body.progress.quiz).toMatchObject({ attemptsUsed: 1, attemptsLeft: 2, openAttempt: { id: r.body.attempt.id } });
      const again = await post(`/api/study/modules/${quiz.id}/attempts`, {}, 'memberA1');
      expect(again.body.attempt.id).toBe(r.body.attempt.id);
      expect(again.body.progress.quiz.attemptsUsed).toBe(1);
    });

    it('refuses answers to questions it did not issue, changing nothing; another member cannot see the attempt', async () => {
      const open = (await post(`/api/study/modules/${quiz.id}/attempts`)).body.attempt;
      const issued = new Set(open.questions.map((q: { id: number }) => q.id));
      const notIssued = [...quiz.key.keys()].find((id) => !issued.has(id))!;
      await t.as('memberB1'); // logging in is audited: before the counts are taken
      const before = await tableCounts(t.ds, ['quiz_attempts', 'study_progress', 'audit_log']);
      expectError(await post(`/api/study/attempts/${open.id}/submit`, { answers: [{ questionId: notIssued, selected: ['A'] }] }), 400, 'QUIZ_ANSWER_INVALID');
      expectError(await post(`/api/study/attempts/${open.id}/submit`, { answers: [{ questionId: 987654, selected: ['A'] }] }), 400, 'QUIZ_ANSWER_INVALID');
      expectError(await post(`/api/study/attempts/${open.id}/submit`, { answers: [{ questionId: open.questions[0].id, selected: ['Z'] }] }), 400, 'VALIDATION_FAILED');
      expectError(await post(`/api/study/attempts/${open.id}/submit`, { answers: [] }, 'memberB1'), 404, 'NOT_FOUND');
      expect(await tableCounts(t.ds, ['quiz_attempts', 'study_progress', 'audit_log'])).toEqual(before);
      const [row] = await t.ds.query('SELECT status FROM quiz_attempts WHERE id = ?', [open.id]);
      expect(row.status).toBe('OPEN');
    });

    it('grades on the server: a failed attempt shows the answers when configured, and cannot be submitted twice', async () => {
      const open = (await post(`/api/study/modules/${quiz.id}/attempts`)).body.attempt;
      const r = await post(`/api/study/attempts/${open.id}/submit`, { answers: answerAll(open, false) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.result).toMatchObject({ correct: 0, total: 5, scorePercent: 0, passed: false });
      expect(r.body.result.review).toHaveLength(5);
      expect(r.body.result.review[0]).toMatchObject({ correct: false, answer: quiz.key.get(r.body.result.review[0].questionId) });
      expect(r.body.progress).toMatchObject({ status: 'IN_PROGRESS', quiz: { attemptsUsed: 1, bestScore: 0, openAttempt: null } });
      expectError(await post(`/api/study/attempts/${open.id}/submit`, { answers: answerAll(open, true) }), 409, 'ATTEMPT_CLOSED');
      expectError(await post(`/api/study/modules/${quiz.id}/complete`), 409, 'QUIZ_NOT_PASSED');
    });

    it('refuses a submission after the time limit', async () => {
      const open = (await post(`/api/study/modules/${quiz.id}/attempts`)).body.attempt;
      expect(open.deadline).not.toBeNull();
      await t.ds.query('UPDATE quiz_attempts SET deadline_at = ? WHERE id = ?', [new Date(Date.now() - 60_000), open.id]);
      expectError(await post(`/api/study/attempts/${open.id}/submit`, { answers: answerAll(open, true) }), 409, 'ATTEMPT_EXPIRED');
      expect(await hoursRow(me)).toBe(30);
    });

    it('passes with the right answers, gives the class hours once, then refuses attempts beyond the limit', async () => {
      const r0 = await post(`/api/study/modules/${quiz.id}/attempts`);
      // The expired attempt is closed and a fresh one drawn: the third and last.
      expect(r0.body.progress.quiz).toMatchObject({ attemptsUsed: 3, attemptsLeft: 0 });
      const open = r0.body.attempt;
      const r = await post(`/api/study/attempts/${open.id}/submit`, { answers: answerAll(open, true) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.result).toMatchObject({ correct: 5, scorePercent: 100, passed: true });
      expect(r.body.progress).toMatchObject({ status: 'COMPLETED', classHoursEarned: 1.5, quiz: { bestScore: 100 } });
      expect(await hoursRow(me)).toBe(45);
      expectError(await post(`/api/study/modules/${quiz.id}/attempts`), 409, 'ATTEMPTS_EXHAUSTED');
      expect((await post(`/api/study/modules/${quiz.id}/complete`)).status).toBe(200);
    });
  });

  it('my study shows the completed track and this year’s class hours against the requirement', async () => {
    const my = await s.my('memberA1');
    expect(my.classHours).toEqual({ earned: 4.5, required: 32 });
    const track = my.tracks.find((x: { assignmentId: number }) => x.assignmentId === assignmentId);
    expect(track).toMatchObject({ requiredDone: 3, requiredTotal: 3, percent: 100, overdue: false, completedAt: expect.any(String) });
    expect(track.modules.map((m: { status: string }) => m.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    const a = await t.http.get(`/api/study/assignments/${assignmentId}`).set(await t.as('committeeA'));
    expect(a.body).toMatchObject({ enrolled: 5, completed: 1 });
    await expectCountersConsistent(t);
  });

  it('a secretary needs 56 class hours; a member sees overdue marks', async () => {
    const overdue = await s.track([{ moduleId: article, required: true }], { orgTypes: ['RURAL'] }, '逾期测试');
    const a = await s.assign(overdue, t.county.orgs.committeeB.id);
    await t.ds.query('UPDATE study_assignments SET due_on = ? WHERE id = ?', ['2000-01-01', a.id]);
    const my = await s.my('memberB1');
    expect(my.tracks.find((x: { assignmentId: number }) => x.assignmentId === a.id)).toMatchObject({ overdue: true, completedAt: null });
    const [sec] = await t.ds.query(`SELECT u.id FROM users u WHERE u.member_id = ?`, [t.county.members.secretaryA1]);
    await t.ds.query('UPDATE users SET username = ? WHERE id = ?', ['secretaryA1', sec.id]);
    expect((await s.my('secretaryA1')).classHours.required).toBe(56);
  });

  it('learner endpoints are for members (403 for an administrator) and hide unpublished modules (404)', async () => {
    expectError(await t.http.get('/api/study/my').set(await t.as('county')), 403, 'FORBIDDEN');
    expectError(await post(`/api/study/modules/${article}/start`, {}, 'committeeA'), 403, 'FORBIDDEN');
    const draft = await t.http
      .post('/api/study/catalog/modules')
      .set(await t.as('county'))
      .send({ kind: 'ARTICLE', title: '草稿', need: 'POLICY', classHours: 1, body: '<p>草稿</p>', minReadSeconds: 10 });
    expect(draft.status).toBe(201);
    expectError(await post(`/api/study/modules/${draft.body.id}/start`), 404, 'NOT_FOUND');
    expectError(await t.http.get(`/api/study/modules/${draft.body.id}`).set(await t.as('memberA1')), 404, 'NOT_FOUND');
    expectError(await post(`/api/study/attempts/999999/submit`, { answers: [] }), 404, 'NOT_FOUND');
  });
});

describe('study: attempts are limited', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('a quiz allowing one attempt refuses the second with ATTEMPTS_EXHAUSTED, also under concurrent draws', async () => {
    const s = new StudyClient(t);
    const quiz = await s.quiz({ bank: 4, perAttempt: 4, attempts: 1, passPercent: 100 });
    const draws = await Promise.all(Array.from({ length: 4 }, async () => t.http.post(`/api/study/modules/${quiz.id}/attempts`).set(await t.as('memberA1'))));
    for (const d of draws) expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(new Set(draws.map((d) => d.body.attempt.id)).size).toBe(1);
    const open = draws[0].body.attempt;
    const r = await t.http
      .post(`/api/study/attempts/${open.id}/submit`)
      .set(await t.as('memberA1'))
      .send({ answers: open.questions.slice(0, 2).map((q: { id: number }) => ({ questionId: q.id, selected: quiz.key.get(q.id) })) });
    expect(r.body.result).toMatchObject({ correct: 2, total: 4, passed: false });
    expect(r.body.result.review).not.toBeNull();
    expectError(await t.http.post(`/api/study/modules/${quiz.id}/attempts`).set(await t.as('memberA1')), 409, 'ATTEMPTS_EXHAUSTED');
    const [p] = await t.ds.query('SELECT attempts_used FROM study_progress WHERE member_id = ? AND module_id = ?', [t.county.members.memberA1, quiz.id]);
    expect(Number(p.attempts_used)).toBe(1);
  });

  it('a required quiz failed with every attempt used is shown to the branch’s followers, who may grant one more attempt — once, audited, the member told', async () => {
    const s = new StudyClient(t);
    const me = t.county.members.memberA1;
    const quiz = await s.quiz({ bank: 4, perAttempt: 4, attempts: 1, passPercent: 100, title: '年度必答测验' });
    const track = await s.track([{ moduleId: quiz.id, required: true }], { orgTypes: ['COMMUNITY'] }, '测验清单');
    await s.assign(track, t.county.orgs.committeeA.id);
    const drawn = (await t.http.post(`/api/study/modules/${quiz.id}/attempts`).set(await t.as('memberA1')).expect(200)).body.attempt;
    await t.http.post(`/api/study/attempts/${drawn.id}/submit`).set(await t.as('memberA1')).send({ answers: [] }).expect(200);
    const blockedOf = async () => {
      const page = await t.http.get('/api/study/stats/members').query({ orgId: t.county.orgs.committeeA.id, limit: 100 }).set(await t.as('committeeA'));
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      const mine = (page.body.items as { member: { id: number }; tracks: { trackTitle: string; blockedQuizzes: unknown[] }[] }[]).find((m) => m.member.id === me)!;
      return mine.tracks.find((x) => x.trackTitle === '测验清单')!.blockedQuizzes;
    };
    expect(await blockedOf()).toEqual([{ moduleId: quiz.id, title: '年度必答测验' }]);
    // The member's own home says so too, instead of "in progress".
    const exhaustedOnHome = async () => {
      const my = (await t.http.get('/api/study/my').set(await t.as('memberA1')).expect(200)).body as MyStudy;
      return my.tracks.find((x) => x.track.title === '测验清单')!.modules.map((m) => [m.module.id, m.status, m.attemptsExhausted]);
    };
    expect(await exhaustedOnHome()).toEqual([[quiz.id, 'IN_PROGRESS', true]]);

    const grant = async (user: string, body: object = { moduleId: quiz.id }, member = me) => t.http.post(`/api/study/stats/members/${member}/extra-attempt`).set(await t.as(user)).send(body);
    // Outside scope, not an administrator, or bad input: refused, nothing changed.
    expectError(await grant('committeeB'), 404, 'NOT_FOUND');
    expectError(await grant('memberA1'), 403, 'FORBIDDEN');
    expectError(await grant('committeeA', { moduleId: 'x' }), 400, 'VALIDATION_FAILED');
    expectError(await grant('committeeA', { moduleId: quiz.id + 100000 }), 404, 'NOT_FOUND');
    // The quiz's author lowered nothing here, but a member may have used more than allowed if one did: the grant
    // still leaves exactly one attempt.
    await t.ds.query('UPDATE study_progress SET attempts_used = 3 WHERE member_id = ? AND module_id = ?', [me, quiz.id]);
    // Two at once (a double click): one attempt granted, the other told there is one left.
    const both = await Promise.all([grant('committeeA'), grant('committeeA')]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body.code).toBe('ATTEMPTS_LEFT');
    expect(await blockedOf()).toEqual([]);
    expect(await exhaustedOnHome()).toEqual([[quiz.id, 'IN_PROGRESS', false]]);
    const audit = await t.ds.query("SELECT target_id, detail FROM audit_log WHERE action = 'study.quiz.grantAttempt'");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail)).toMatchObject({ quiz: '年度必答测验' });
    const notes = (await t.http.get('/api/notifications').set(await t.as('memberA1'))).body.items as { kind: string; link: string }[];
    expect(notes.filter((n) => n.kind === 'study.attemptGranted')).toEqual([expect.objectContaining({ link: `/m/study/modules/${quiz.id}` })]);
    // The member draws again: taking their last attempt, they are not stuck (attempts count when drawn) — on their
    // home, in the library, or on the branch's list.
    const again = await t.http.post(`/api/study/modules/${quiz.id}/attempts`).set(await t.as('memberA1'));
    expect(again.status).toBe(200);
    const inLibrary = async () =>
      ((await t.http.get('/api/study/library').query({ kind: 'QUIZ', limit: 100 }).set(await t.as('memberA1')).expect(200)).body as LibraryPage).items.find((i) => i.module.id === quiz.id)!.attemptsExhausted;
    expect(await exhaustedOnHome()).toEqual([[quiz.id, 'IN_PROGRESS', false]]);
    expect(await inLibrary()).toBe(false);
    expect(await blockedOf()).toEqual([]);
    // Its time limit (and the grace for a late submission) over, the attempt can no longer be handed in: stuck again.
    await t.ds.query('UPDATE quiz_attempts SET deadline_at = ? WHERE id = ?', [new Date(Date.now() - 60_000), again.body.attempt.id]);
    expect(await exhaustedOnHome()).toEqual([[quiz.id, 'IN_PROGRESS', true]]);
    expect(await inLibrary()).toBe(true);
    expect(await blockedOf()).toEqual([{ moduleId: quiz.id, title: '年度必答测验' }]);
  });
});
