import { HttpStatus, Injectable } from '@nestjs/common';
import {
  addReport,
  answersProblem,
  ErrorCode,
  gradeAttempt,
  reportAllowance,
  STUDY_LIMITS,
  SUBMIT_GRACE_SECONDS,
  VIDEO_COMPLETE_PERCENT,
  videoComplete,
  type IssuedQuestion,
  type QuestionOption,
  type QuizAttemptView,
  type QuizResultView,
  type StudyActionResponse,
  type StudyModuleDetail,
} from '@zhdj/shared';
import { randomInt } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { isUniqueViolation } from '../common/database/db-errors';
import { AppException, badRequest, conflict, forbidden, invalidField, notFound } from '../common/errors/app.exception';
import { isSqlite } from '../database/data-source';
import type { ProgressReportDto, SubmitAttemptDto } from './dto/study-learning.dto';
import { QuizAttempt } from './entities/quiz-attempt.entity';
import { QuizQuestion } from './entities/quiz-question.entity';
import type { StudyModule } from './entities/study-module.entity';
import { StudyProgress } from './entities/study-progress.entity';
import { StudyCatalogService } from './study-catalog.service';
import { addMemberHours, lockedMember } from './study-counters';
import { StudyEnrolmentService } from './study-enrolment.service';
import { parseIntervals, progressView, studyYear } from './study-views';

const openKey = (memberId: number, moduleId: number) => `${memberId}:${moduleId}`;

/**
 * Completion that is earned: the server's clock times reading, coverage of a video is credited only as fast as it
 * could have been watched, quizzes are drawn and graded here with the key never sent. Completion moves the progress
 * row to COMPLETED by a conditional update, so the module's class hours are given once a year.
 */
@Injectable()
export class StudyLearningService {
  constructor(
    private readonly db: Db,
    private readonly catalog: StudyCatalogService,
    private readonly enrolment: StudyEnrolmentService,
    private readonly audit: AuditService,
  ) {}

  /** A published module as the member opens it, with their progress (to resume where they stopped). */
  async open(actor: Actor, id: number): Promise<StudyModuleDetail> {
    const memberId = this.memberOf(actor);
    const m = await this.published(id);
    const progress = await this.progressOf(this.db.em, memberId, m, studyYear());
    return this.catalog.detail(m, m.kind === 'QUIZ' ? await this.catalog.bankSize(this.db.em, m.id) : 0, progress);
  }

  async start(actor: Actor, id: number): Promise<StudyActionResponse> {
    const memberId = this.memberOf(actor);
    const m = await this.published(id);
    const now = new Date();
    const year = studyYear(now);
    await this.db.tx(async (em) => {
      const p = await this.ensureProgress(em, memberId, m.id, year);
      // Starting again resumes: the reading clock and the video's wall clock keep their first start.
      if (p.status === 'NOT_STARTED') {
        await em
          .createQueryBuilder()
          .update(StudyProgress)
          .set({ status: 'IN_PROGRESS', startedAt: now, lastReportAt: now, version: () => 'version + 1', updatedAt: now })
          .where('id = :id AND status = :s', { id: p.id, s: 'NOT_STARTED' })
          .execute();
      }
    });
    return { progress: await this.progressOf(this.db.em, memberId, m, year) };
  }

  /** Video progress: watched intervals, merged here; new coverage is capped by the wall clock since the last report. */
  async report(actor: Actor, id: number, dto: ProgressReportDto): Promise<StudyActionResponse> {
    const memberId = this.memberOf(actor);
    const m = await this.published(id);
    if (m.kind !== 'VIDEO') throw badRequest(ErrorCode.STUDY_WRONG_KIND, 'Progress reports are for videos');
    const reversed = dto.intervals.findIndex((i) => i.from > i.to);
    if (reversed >= 0) throw invalidField(`intervals.${reversed}`, 'order', 'An interval ends before it starts');
    const now = new Date();
    const year = studyYear(now);
    await this.db.tx(async (em) => {
      const p = await em.findOne(StudyProgress, { where: { memberId, moduleId: m.id, year } });
      if (!p || p.status === 'NOT_STARTED') throw conflict(ErrorCode.STUDY_NOT_STARTED, 'Start the video first');
      const since = (now.getTime() - (p.lastReportAt ?? p.startedAt ?? now).getTime()) / 1000;
      const sinceStart = (now.getTime() - (p.startedAt ?? now).getTime()) / 1000;
      const allowance = reportAllowance(since, sinceStart, p.coveredSeconds);
      const r = addReport(parseIntervals(p.intervals), dto.intervals.map((i) => [i.from, i.to]), m.durationSeconds, allowance);
      if (r.intervals.length > STUDY_LIMITS.intervalsMax) throw invalidField('intervals', 'fragmented', 'Too many separate watched intervals; report continuous playback');
      const position = Math.min(m.durationSeconds, Math.round(dto.positionSeconds ?? p.positionSeconds));
      const res = await em
        .createQueryBuilder()
        .update(StudyProgress)
        .set({ intervals: JSON.stringify(r.intervals), coveredSeconds: r.covered, positionSeconds: position, lastReportAt: now, version: p.version + 1, updatedAt: now })
        .where('id = :id AND version = :v', { id: p.id, v: p.version })
        .execute();
      if (!res.affected) throw conflict(ErrorCode.CONFLICT, 'Another device reported at the same moment; send the report again');
      if (p.status !== 'COMPLETED' && videoComplete(r.covered, m.durationSeconds)) await this.markCompleted(em, actor, p.id, m, memberId, year, now);
    });
    return { progress: await this.progressOf(this.db.em, memberId, m, year) };
  }

  async complete(actor: Actor, id: number): Promise<StudyActionResponse> {
    const memberId = this.memberOf(actor);
    const m = await this.published(id);
    const now = new Date();
    const year = studyYear(now);
    await this.db.tx(async (em) => {
      const p = await em.findOne(StudyProgress, { where: { memberId, moduleId: m.id, year } });
      if (p?.status === 'COMPLETED') return;
      if (!p || p.status === 'NOT_STARTED' || !p.startedAt) throw conflict(ErrorCode.STUDY_NOT_STARTED, 'Start the module first');
      if (m.kind === 'ARTICLE') {
        const left = Math.ceil(m.minReadSeconds - (now.getTime() - p.startedAt.getTime()) / 1000);
        if (left > 0) {
          throw conflict(ErrorCode.READING_TIME_NOT_REACHED, `Keep reading: ${left} seconds to go`, { secondsLeft: left, minReadSeconds: m.minReadSeconds });
        }
      } else if (m.kind === 'VIDEO') {
        if (!videoComplete(p.coveredSeconds, m.durationSeconds)) {
          throw conflict(ErrorCode.VIDEO_NOT_WATCHED, `Watch at least ${VIDEO_COMPLETE_PERCENT}% of the video`, {
            coveredSeconds: p.coveredSeconds,
            durationSeconds: m.durationSeconds,
            requiredPercent: VIDEO_COMPLETE_PERCENT,
          });
        }
      } else {
        throw conflict(ErrorCode.QUIZ_NOT_PASSED, 'A quiz is complete when an attempt reaches the pass mark');
      }
      await this.markCompleted(em, actor, p.id, m, memberId, year, now);
    });
    return { progress: await this.progressOf(this.db.em, memberId, m, year) };
  }

  /** Draws a quiz attempt (or returns the open one, to resume on another device). */
  async draw(actor: Actor, id: number): Promise<StudyActionResponse> {
    const memberId = this.memberOf(actor);
    const m = await this.published(id);
    if (m.kind !== 'QUIZ') throw badRequest(ErrorCode.STUDY_WRONG_KIND, 'Attempts are for quizzes');
    const now = new Date();
    const year = studyYear(now);
    let attemptId: number;
    try {
      attemptId = await this.db.tx(async (em) => {
        const p = await this.ensureProgress(em, memberId, m.id, year);
        const open = await em.findOne(QuizAttempt, { where: { openKey: openKey(memberId, m.id) } });
        if (open && !this.expired(open, now)) return open.id;
        if (open) await em.update(QuizAttempt, { id: open.id, status: 'OPEN' }, { status: 'EXPIRED', openKey: null });
        const used = await em
          .createQueryBuilder()
          .update(StudyProgress)
          .set({
            attemptsUsed: () => 'attempts_used + 1',
            status: p.status === 'NOT_STARTED' ? 'IN_PROGRESS' : p.status,
            startedAt: p.startedAt ?? now,
            version: () => 'version + 1',
            updatedAt: now,
          })
          .where('id = :id AND attempts_used < :allowed', { id: p.id, allowed: m.attemptsAllowed })
          .execute();
        if (!used.affected) throw conflict(ErrorCode.ATTEMPTS_EXHAUSTED, `All ${m.attemptsAllowed} attempts this year are used`, { attemptsAllowed: m.attemptsAllowed });
        const bank = await em.find(QuizQuestion, { select: { id: true }, where: { moduleId: m.id, active: true }, order: { id: 'ASC' } });
        if (!bank.length) throw conflict(ErrorCode.QUIZ_BANK_TOO_SMALL, 'This quiz has no questions yet');
        const ids = bank.map((q) => q.id);
        // Fisher–Yates with the system's CSPRNG: the draw cannot be predicted from earlier attempts.
        for (let i = ids.length - 1; i > 0; i--) {
          const j = randomInt(i + 1);
          [ids[i], ids[j]] = [ids[j], ids[i]];
        }
        const drawn = ids.slice(0, Math.min(m.questionsPerAttempt, ids.length));
        const a = em.create(QuizAttempt, {
          memberId,
          moduleId: m.id,
          year,
          questionIds: JSON.stringify(drawn),
          startedAt: now,
          deadlineAt: m.timeLimitSeconds ? new Date(now.getTime() + m.timeLimitSeconds * 1000) : null,
          status: 'OPEN',
          openKey: openKey(memberId, m.id),
          submittedAt: null,
          answers: null,
          correct: null,
          total: drawn.length,
          score: null,
          passed: false,
        });
        await em.insert(QuizAttempt, a);
        return a.id;
      });
    } catch (e) {
      // Two devices drew at once: the unique open key let one through; both get that attempt.
      if (!isUniqueViolation(e)) throw e;
      const open = await this.db.em.findOne(QuizAttempt, { where: { openKey: openKey(memberId, m.id) } });
      if (!open) throw e;
      attemptId = open.id;
    }
    const attempt = await this.db.em.findOneByOrFail(QuizAttempt, { id: attemptId });
    return { progress: await this.progressOf(this.db.em, memberId, m, year), attempt: await this.attemptView(attempt) };
  }

  async submit(actor: Actor, attemptId: number, dto: SubmitAttemptDto): Promise<StudyActionResponse> {
    const memberId = this.memberOf(actor);
    const a = await this.db.em.findOne(QuizAttempt, { where: { id: attemptId } });
    if (!a || a.memberId !== memberId) throw notFound('Attempt');
    if (a.status !== 'OPEN') throw conflict(ErrorCode.ATTEMPT_CLOSED, 'This attempt has already been submitted or has expired');
    const now = new Date();
    if (this.expired(a, now)) throw conflict(ErrorCode.ATTEMPT_EXPIRED, 'The time limit has passed; start a new attempt', { deadline: a.deadlineAt?.toISOString() });
    const m = await this.catalog.find(a.moduleId);
    const issuedIds = JSON.parse(a.questionIds) as number[];
    const questions = await this.db.em.find(QuizQuestion, { where: { id: In(issuedIds) } });
    const issued = questions.map((q) => ({ id: q.id, kind: q.kind, options: JSON.parse(q.options) as QuestionOption[], answer: q.answer.split(',').filter(Boolean) }));
    const problem = answersProblem(issued, dto.answers);
    if (problem) {
      const say = { NOT_ISSUED: 'was not issued in this attempt', DUPLICATE: 'is answered twice', UNKNOWN_OPTION: 'has no such option', TOO_MANY: 'takes one answer' }[problem.reason];
      throw new AppException(HttpStatus.BAD_REQUEST, ErrorCode.QUIZ_ANSWER_INVALID, `Question ${problem.questionId} ${say}`, problem);
    }
    const g = gradeAttempt(issued, dto.answers, m.passPercent);
    await this.db.tx(async (em) => {
      const r = await em
        .createQueryBuilder()
        .update(QuizAttempt)
        .set({ status: 'SUBMITTED', openKey: null, submittedAt: now, answers: JSON.stringify(dto.answers), correct: g.correct, score: g.scorePercent, passed: g.passed })
        .where('id = :id AND status = :s', { id: a.id, s: 'OPEN' })
        .execute();
      if (!r.affected) throw conflict(ErrorCode.ATTEMPT_CLOSED, 'This attempt has already been submitted');
      await em.query(
        `UPDATE study_progress SET best_score = CASE WHEN best_score IS NULL OR best_score < ? THEN ? ELSE best_score END, version = version + 1, updated_at = ?
          WHERE member_id = ? AND module_id = ? AND year = ?`,
        [g.scorePercent, g.scorePercent, now, memberId, m.id, a.year],
      );
      await this.audit.record(em, actor, { action: 'study.quiz.submit', targetType: 'quizAttempt', targetId: a.id, detail: { moduleId: m.id, score: g.scorePercent, passed: g.passed } });
      if (g.passed) {
        const p = await em.findOneOrFail(StudyProgress, { where: { memberId, moduleId: m.id, year: a.year } });
        if (p.status !== 'COMPLETED') await this.markCompleted(em, actor, p.id, m, memberId, a.year, now);
      }
    });
    const byId = new Map(issued.map((q) => [q.id, q]));
    const explanations = new Map(questions.map((q) => [q.id, q.explanation]));
    const result: QuizResultView = {
      attemptId: a.id,
      correct: g.correct,
      total: g.total,
      scorePercent: g.scorePercent,
      passed: g.passed,
      review: m.showAnswers
        ? g.perQuestion.map((p) => ({ questionId: p.questionId, correct: p.correct, selected: p.selected, answer: byId.get(p.questionId)!.answer, explanation: explanations.get(p.questionId) ?? '' }))
        : null,
    };
    return { progress: await this.progressOf(this.db.em, memberId, m, a.year), result };
  }

  /**
   * The one way a module becomes complete: the conditional update lets one request through per (member, module,
   * year); that one adds the class hours and completes the enrolments it finishes, in the same transaction.
   */
  private async markCompleted(em: EntityManager, actor: Actor, progressId: number, m: StudyModule, memberId: number, year: number, now: Date): Promise<void> {
    const r = await em
      .createQueryBuilder()
      .update(StudyProgress)
      .set({ status: 'COMPLETED', completedAt: now, hoursTenths: m.classTenths, version: () => 'version + 1', updatedAt: now })
      .where('id = :id AND status <> :done', { id: progressId, done: 'COMPLETED' })
      .execute();
    if (!r.affected) return;
    await addMemberHours(em, memberId, await lockedMember(em, memberId), year, m.classTenths);
    await this.enrolment.moduleCompleted(em, memberId, m.id, now);
    await this.audit.record(em, actor, { action: 'study.module.complete', targetType: 'studyModule', targetId: m.id, detail: { year, classTenths: m.classTenths } });
  }

  /**
   * The progress row, created if missing. On MySQL the reads lock the row: a plain read after INSERT IGNORE would use
   * the transaction's snapshot and miss a row another request committed a moment ago.
   */
  private async ensureProgress(em: EntityManager, memberId: number, moduleId: number, year: number): Promise<StudyProgress> {
    const lock = isSqlite(em.connection) ? undefined : ({ mode: 'pessimistic_write' } as const);
    const existing = await em.findOne(StudyProgress, { where: { memberId, moduleId, year }, lock });
    if (existing) return existing;
    await em.query(`${isSqlite(em.connection) ? 'INSERT OR IGNORE' : 'INSERT IGNORE'} INTO study_progress (member_id, module_id, year, status, version, updated_at) VALUES (?, ?, ?, 'NOT_STARTED', 1, ?)`, [
      memberId,
      moduleId,
      year,
      new Date(),
    ]);
    return em.findOneOrFail(StudyProgress, { where: { memberId, moduleId, year }, lock });
  }

  private async progressOf(em: EntityManager, memberId: number, m: StudyModule, year: number) {
    const p = await em.findOne(StudyProgress, { where: { memberId, moduleId: m.id, year } });
    const open = m.kind === 'QUIZ' ? await em.findOne(QuizAttempt, { where: { openKey: openKey(memberId, m.id) } }) : null;
    return progressView(m, p, year, open && !this.expired(open, new Date()) ? open : null);
  }

  private async attemptView(a: QuizAttempt): Promise<QuizAttemptView> {
    const ids = JSON.parse(a.questionIds) as number[];
    const qs = new Map((await this.db.em.find(QuizQuestion, { where: { id: In(ids) } })).map((q) => [q.id, q]));
    const questions: IssuedQuestion[] = ids
      .map((id) => qs.get(id))
      .filter((q): q is QuizQuestion => !!q)
      .map((q) => ({ id: q.id, kind: q.kind, stem: q.stem, options: JSON.parse(q.options) as QuestionOption[] }));
    return { id: a.id, moduleId: a.moduleId, startedAt: a.startedAt.toISOString(), deadline: a.deadlineAt?.toISOString() ?? null, status: a.status, questions };
  }

  private expired(a: QuizAttempt, now: Date): boolean {
    return !!a.deadlineAt && now.getTime() > a.deadlineAt.getTime() + SUBMIT_GRACE_SECONDS * 1000;
  }

  private async published(id: number): Promise<StudyModule> {
    const m = await this.catalog.find(id);
    if (!m.published) throw notFound('Module');
    return m;
  }

  private memberOf(actor: Actor): number {
    if (actor.memberId === null) throw forbidden('Only members study for themselves');
    return actor.memberId;
  }
}
