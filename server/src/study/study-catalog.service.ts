import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  hoursToTenths,
  tenthsToHours,
  Permission,
  PAGE_LIMIT_DEFAULT,
  type Page,
  type QuestionOption,
  type QuizQuestionView,
  type StudyModuleDetail,
  type StudyModuleSummary,
} from '@zhdj/shared';
import sanitizeHtml from 'sanitize-html';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { changesOf } from '../common/changes';
import { Db } from '../common/database/db.service';
import { conflict, invalidField, notFound } from '../common/errors/app.exception';
import { decodeCursor, encodeCursor, likeEscape } from '../common/pagination/cursor';
import type { CreateModuleDto, CreateQuestionDto, ListModulesQuery, UpdateModuleDto, UpdateQuestionDto } from './dto/study-module.dto';
import { QuizQuestion } from './entities/quiz-question.entity';
import { StudyModule } from './entities/study-module.entity';
import { moduleSummary, progressView, studyYear } from './study-views';

/** What an article may contain: text structure, emphasis, lists, links, images; no scripts, styles or frames. */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'strong', 'b', 'em', 'i', 'u', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'width', 'height'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
};

export const sanitizeArticle = (html: string): string => sanitizeHtml(html, SANITIZE).trim();

const TRUE_FALSE_OPTIONS: QuestionOption[] = [
  { key: 'T', text: '正确' },
  { key: 'F', text: '错误' },
];

export function questionView(q: QuizQuestion): QuizQuestionView {
  return {
    id: q.id,
    moduleId: q.moduleId,
    kind: q.kind,
    stem: q.stem,
    options: JSON.parse(q.options) as QuestionOption[],
    answer: q.answer.split(',').filter(Boolean),
    explanation: q.explanation,
    active: q.active,
  };
}

/** Characters of an article's text an audit record quotes. */
const EXCERPT_CHARS = 60;

/**
 * An article's body as an audit record keeps it: its length, its SHA-256 and the start of its text, not the body
 * itself. A body is sanitised HTML of up to 64 KiB, and the log is append-only and kept for years: two copies of it
 * per edit would make most of the log article markup. The hash identifies each version exactly (whoever holds a copy
 * can show it is the one recorded), the length and excerpt let a reader recognise it.
 */
function bodyDigest(body: string | null): { chars: number; sha256: string; excerpt: string } | null {
  if (body === null) return null;
  const text = sanitizeHtml(body, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
  const excerpt = [...text].length > EXCERPT_CHARS ? `${[...text].slice(0, EXCERPT_CHARS).join('')}…` : text;
  return { chars: [...body].length, sha256: createHash('sha256').update(body).digest('hex'), excerpt };
}

/**
 * A module's settings as its audit record compares them before and after an edit, each in full but the article's body
 * (see bodyDigest): the pass mark, class hours, minimum reading time and the rest are what an auditor asks after.
 */
function moduleSettings(m: StudyModule) {
  return {
    title: m.title,
    summary: m.summary,
    tags: m.tags ? m.tags.split(',') : [],
    need: m.need,
    classHours: tenthsToHours(m.classTenths),
    published: m.published,
    body: bodyDigest(m.body),
    minReadSeconds: m.minReadSeconds,
    videoUrl: m.videoUrl,
    durationSeconds: m.durationSeconds,
    questionsPerAttempt: m.questionsPerAttempt,
    passPercent: m.passPercent,
    attemptsAllowed: m.attemptsAllowed,
    timeLimitSeconds: m.timeLimitSeconds,
    showAnswers: m.showAnswers,
  };
}

/** A question as its audit record compares it, in full: the options as "A. 文本", the answer key as the options' keys. */
function questionContent(q: QuizQuestion) {
  const v = questionView(q);
  return { kind: v.kind, stem: v.stem, options: v.options.map((o) => `${o.key}. ${o.text}`), answer: v.answer, explanation: v.explanation, active: v.active };
}

/** The county's catalogue: modules and question banks (study.author), and modules as learners open them. */
@Injectable()
export class StudyCatalogService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListModulesQuery): Promise<Page<StudyModuleSummary>> {
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    const qb = this.db.em.createQueryBuilder(StudyModule, 'm').orderBy('m.id', 'ASC').limit(limit + 1);
    if (query.kind) qb.andWhere('m.kind = :kind', { kind: query.kind });
    if (query.need) qb.andWhere('m.need = :need', { need: query.need });
    if (query.q) qb.andWhere(`m.title LIKE :q ESCAPE '!'`, { q: `%${likeEscape(query.q)}%` });
    if (after) qb.andWhere('m.id > :after', { after: after[0] });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return { items: page.map(moduleSummary), nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null };
  }

  /** The author's view: content, settings and the bank's size (the bank itself is listed separately). */
  async authorView(id: number): Promise<StudyModuleDetail> {
    const m = await this.find(id);
    return this.detail(m, await this.bankSize(this.db.em, id));
  }

  detail(m: StudyModule, bankSize: number, progress: StudyModuleDetail['progress'] = progressView(m, null, studyYear(), null)): StudyModuleDetail {
    return {
      ...moduleSummary(m),
      body: m.kind === 'ARTICLE' ? m.body : null,
      minReadSeconds: m.minReadSeconds,
      videoUrl: m.kind === 'VIDEO' ? m.videoUrl : null,
      durationSeconds: m.durationSeconds,
      quiz:
        m.kind === 'QUIZ'
          ? {
              questionsPerAttempt: m.questionsPerAttempt,
              passPercent: m.passPercent,
              attemptsAllowed: m.attemptsAllowed,
              timeLimitSeconds: m.timeLimitSeconds,
              showAnswers: m.showAnswers,
              bankSize,
            }
          : null,
      progress,
    };
  }

  async find(id: number, em: EntityManager = this.db.em): Promise<StudyModule> {
    const m = await em.findOne(StudyModule, { where: { id } });
    if (!m) throw notFound('Module');
    return m;
  }

  async bankSize(em: EntityManager, moduleId: number): Promise<number> {
    return em.count(QuizQuestion, { where: { moduleId, active: true } });
  }

  async create(actor: Actor, dto: CreateModuleDto): Promise<StudyModuleDetail> {
    const fields = this.kindFields(dto.kind, dto);
    if (dto.published && dto.kind === 'QUIZ') throw conflict(ErrorCode.QUIZ_BANK_TOO_SMALL, 'Add questions to the bank before publishing the quiz');
    const now = new Date();
    const id = await this.db.tx(async (em) => {
      const m = em.create(StudyModule, {
        kind: dto.kind,
        title: dto.title.trim(),
        summary: dto.summary?.trim() ?? '',
        tags: (dto.tags ?? []).map((t) => t.trim()).join(','),
        need: dto.need,
        classTenths: hoursToTenths(dto.classHours),
        published: dto.published ?? false,
        ...fields,
        version: 1,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(StudyModule, m);
      await this.audit.record(em, actor, { action: 'study.module.create', targetType: 'studyModule', targetId: m.id, permission: Permission.STUDY_AUTHOR, detail: { kind: m.kind, title: m.title } });
      return m.id;
    });
    return this.authorView(id);
  }

  async update(actor: Actor, id: number, dto: UpdateModuleDto): Promise<StudyModuleDetail> {
    await this.db.tx(async (em) => {
      const m = await this.find(id, em);
      const merged = { ...m, ...this.definedOnly(dto) };
      const fields = this.kindFields(m.kind, merged);
      const changes: Partial<StudyModule> = { ...fields, updatedAt: new Date(), version: m.version + 1 };
      if (dto.title !== undefined) changes.title = dto.title.trim();
      if (dto.summary !== undefined) changes.summary = dto.summary.trim();
      if (dto.tags !== undefined) changes.tags = dto.tags.map((t) => t.trim()).join(',');
      if (dto.need !== undefined) changes.need = dto.need;
      if (dto.classHours !== undefined) changes.classTenths = hoursToTenths(dto.classHours);
      if (dto.published !== undefined) changes.published = dto.published;
      const publishing = changes.published ?? m.published;
      if (m.kind === 'QUIZ' && publishing && (await this.bankSize(em, id)) < (changes.questionsPerAttempt ?? m.questionsPerAttempt)) {
        throw conflict(ErrorCode.QUIZ_BANK_TOO_SMALL, 'The bank needs at least as many active questions as an attempt draws');
      }
      if (m.published && changes.published === false) await this.checkNotInPublishedTrack(em, id);
      const r = await em.createQueryBuilder().update(StudyModule).set(changes).where('id = :id AND version = :v', { id, v: dto.version }).execute();
      if (!r.affected) throw conflict(ErrorCode.CONFLICT, 'This module was changed by someone else; reload and try again', { currentVersion: m.version });
      await this.audit.record(em, actor, {
        action: 'study.module.update',
        targetType: 'studyModule',
        targetId: id,
        permission: Permission.STUDY_AUTHOR,
        detail: { title: m.title, ...changesOf(moduleSettings(m), moduleSettings({ ...m, ...changes })) },
      });
    });
    return this.authorView(id);
  }

  async questions(moduleId: number, cursor: string | undefined, limit = PAGE_LIMIT_DEFAULT): Promise<Page<QuizQuestionView>> {
    const m = await this.find(moduleId);
    if (m.kind !== 'QUIZ') throw notFound('Question bank');
    const after = decodeCursor<[number]>(cursor, ['number']);
    const qb = this.db.em.createQueryBuilder(QuizQuestion, 'q').where('q.moduleId = :m', { m: moduleId }).orderBy('q.id', 'ASC').limit(limit + 1);
    if (after) qb.andWhere('q.id > :after', { after: after[0] });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return { items: page.map(questionView), nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null };
  }

  async addQuestion(actor: Actor, moduleId: number, dto: CreateQuestionDto): Promise<QuizQuestionView> {
    const m = await this.find(moduleId);
    if (m.kind !== 'QUIZ') throw notFound('Question bank');
    const { options, answer } = this.checkQuestion(dto.kind, dto.options, dto.answer);
    const now = new Date();
    const id = await this.db.tx(async (em) => {
      const q = em.create(QuizQuestion, {
        moduleId,
        kind: dto.kind,
        stem: dto.stem.trim(),
        options: JSON.stringify(options),
        answer: answer.join(','),
        explanation: dto.explanation?.trim() ?? '',
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(QuizQuestion, q);
      await this.audit.record(em, actor, { action: 'study.question.create', targetType: 'quizQuestion', targetId: q.id, permission: Permission.STUDY_AUTHOR, detail: { moduleId } });
      return q.id;
    });
    return questionView(await this.db.em.findOneByOrFail(QuizQuestion, { id }));
  }

  async updateQuestion(actor: Actor, id: number, dto: UpdateQuestionDto): Promise<QuizQuestionView> {
    await this.db.tx(async (em) => {
      const q = await em.findOne(QuizQuestion, { where: { id } });
      if (!q) throw notFound('Question');
      const current = questionView(q);
      const kind = dto.kind ?? q.kind;
      const { options, answer } = this.checkQuestion(kind, dto.options ?? (dto.kind && dto.kind !== q.kind ? undefined : current.options), dto.answer ?? current.answer);
      const changes: Partial<QuizQuestion> = { kind, options: JSON.stringify(options), answer: answer.join(','), updatedAt: new Date() };
      if (dto.stem !== undefined) changes.stem = dto.stem.trim();
      if (dto.explanation !== undefined) changes.explanation = dto.explanation.trim();
      if (dto.active !== undefined) changes.active = dto.active;
      if (q.active && dto.active === false) {
        const m = await this.find(q.moduleId, em);
        if (m.published && (await this.bankSize(em, m.id)) - 1 < m.questionsPerAttempt) {
          throw conflict(ErrorCode.QUIZ_BANK_TOO_SMALL, 'The published quiz would have fewer active questions than an attempt draws');
        }
      }
      await em.update(QuizQuestion, { id }, changes);
      await this.audit.record(em, actor, {
        action: 'study.question.update',
        targetType: 'quizQuestion',
        targetId: id,
        permission: Permission.STUDY_AUTHOR,
        detail: { moduleId: q.moduleId, ...changesOf(questionContent(q), questionContent({ ...q, ...changes })) },
      });
    });
    return questionView(await this.db.em.findOneByOrFail(QuizQuestion, { id }));
  }

  /** Kind-specific settings, complete for the kind (other kinds' settings are left at their neutral values). */
  private kindFields(
    kind: StudyModule['kind'],
    src: Partial<Pick<StudyModule, 'body' | 'minReadSeconds' | 'videoUrl' | 'durationSeconds' | 'questionsPerAttempt' | 'passPercent' | 'attemptsAllowed' | 'timeLimitSeconds' | 'showAnswers'>>,
  ): Partial<StudyModule> {
    const need = <T>(v: T | undefined | null, field: string, what: string): T => {
      if (v === undefined || v === null) throw invalidField(field, 'required', `${field} is required for ${what}`);
      return v;
    };
    if (kind === 'ARTICLE') {
      const body = sanitizeArticle(need(src.body, 'body', 'an article'));
      if (!body) throw invalidField('body', 'notEmpty', 'The article has no content left after sanitising');
      // A TEXT column holds 64 KiB on MySQL; escaping can lengthen the HTML, so the limit is checked on the result.
      if (Buffer.byteLength(body) > 65_535) throw invalidField('body', 'maxBytes', 'The article is too long once sanitised');
      return { body, minReadSeconds: need(src.minReadSeconds, 'minReadSeconds', 'an article'), videoUrl: null, durationSeconds: 0, questionsPerAttempt: 0, passPercent: 0, attemptsAllowed: 0, timeLimitSeconds: 0, showAnswers: false };
    }
    if (kind === 'VIDEO') {
      return { body: null, minReadSeconds: 0, videoUrl: need(src.videoUrl, 'videoUrl', 'a video'), durationSeconds: need(src.durationSeconds, 'durationSeconds', 'a video'), questionsPerAttempt: 0, passPercent: 0, attemptsAllowed: 0, timeLimitSeconds: 0, showAnswers: false };
    }
    return {
      body: null,
      minReadSeconds: 0,
      videoUrl: null,
      durationSeconds: 0,
      questionsPerAttempt: need(src.questionsPerAttempt, 'questionsPerAttempt', 'a quiz'),
      passPercent: need(src.passPercent, 'passPercent', 'a quiz'),
      attemptsAllowed: need(src.attemptsAllowed, 'attemptsAllowed', 'a quiz'),
      timeLimitSeconds: src.timeLimitSeconds ?? 0,
      showAnswers: src.showAnswers ?? false,
    };
  }

  private checkQuestion(kind: QuizQuestion['kind'], options: QuestionOption[] | undefined, answer: string[]): { options: QuestionOption[]; answer: string[] } {
    const opts = kind === 'TRUE_FALSE' ? TRUE_FALSE_OPTIONS : options;
    if (!opts) throw invalidField('options', 'required', 'Choice questions need options');
    const keys = opts.map((o) => o.key);
    if (new Set(keys).size !== keys.length) throw invalidField('options', 'unique', 'Option keys must be different');
    const ans = [...new Set(answer)].sort();
    if (ans.some((a) => !keys.includes(a))) throw invalidField('answer', 'inOptions', 'Every answer must be one of the options');
    if (kind !== 'MULTIPLE' && ans.length !== 1) throw invalidField('answer', 'single', 'Single-choice and true/false questions have exactly one answer');
    if (kind === 'MULTIPLE' && ans.length < 2) throw invalidField('answer', 'multiple', 'Multiple-choice questions have at least two right options');
    return { options: opts.map((o) => ({ key: o.key, text: o.text.trim() })), answer: ans };
  }

  private async checkNotInPublishedTrack(em: EntityManager, moduleId: number): Promise<void> {
    const [row] = await em.query('SELECT COUNT(*) AS n FROM track_modules tm JOIN study_tracks t ON t.id = tm.track_id WHERE tm.module_id = ? AND t.published = 1', [moduleId]);
    if (Number(row.n) > 0) throw conflict(ErrorCode.MODULE_IN_USE, 'This module is part of a published track; take it out of the track first');
  }

  private definedOnly<T extends object>(dto: T): Partial<T> {
    return Object.fromEntries(Object.entries(dto).filter(([k, v]) => v !== undefined && k !== 'version')) as Partial<T>;
  }
}
