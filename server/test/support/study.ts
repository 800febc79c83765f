import { expect } from 'vitest';
import { addDays, shanghaiDate } from '../../src/common/calendar/china-calendar';
import { computeStudyCounters, readStudyCounters } from '../../src/study/study-counters';
import { toDate } from '../../src/common/database/db.service';
import type { TestApp } from './test-app';

export const today = () => shanghaiDate(new Date());
export const thisYear = () => Number(today().slice(0, 4));
export const inDays = (n: number) => addDays(today(), n);

export interface QuizFixture {
  id: number;
  /** Question id → right keys. */
  key: Map<number, string[]>;
}

/** Authoring and assigning over HTTP, as the county administrator unless told. */
export class StudyClient {
  constructor(private readonly t: TestApp) {}

  private async post(path: string, body: unknown, user = 'county', status = 201) {
    const r = await this.t.http.post(path).set(await this.t.as(user)).send(body as object);
    expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(status);
    return r.body;
  }

  async article(o: { title?: string; minReadSeconds?: number; classHours?: number; body?: string } = {}): Promise<number> {
    const b = await this.post('/api/study/catalog/modules', {
      kind: 'ARTICLE',
      title: o.title ?? '学习党章',
      need: 'RULES',
      classHours: o.classHours ?? 1,
      body: o.body ?? '<p>党章是党的根本大法。</p>',
      minReadSeconds: o.minReadSeconds ?? 60,
      published: true,
    });
    return b.id;
  }

  async video(o: { durationSeconds?: number; classHours?: number } = {}): Promise<number> {
    const b = await this.post('/api/study/catalog/modules', {
      kind: 'VIDEO',
      title: '乡村振兴专题讲座',
      need: 'SKILLS',
      classHours: o.classHours ?? 2,
      videoUrl: '/media/study/village.mp4',
      durationSeconds: o.durationSeconds ?? 600,
      published: true,
    });
    return b.id;
  }

  /** A published quiz with `bank` questions: single choice (right answer B), true/false (T) and multiple (A, C) in turn. */
  async quiz(o: { bank?: number; perAttempt?: number; passPercent?: number; attempts?: number; timeLimitSeconds?: number; showAnswers?: boolean; classHours?: number; title?: string } = {}): Promise<QuizFixture> {
    const m = await this.post('/api/study/catalog/modules', {
      kind: 'QUIZ',
      title: o.title ?? '廉洁自律知识测试',
      need: 'INTEGRITY',
      classHours: o.classHours ?? 1.5,
      questionsPerAttempt: o.perAttempt ?? 5,
      passPercent: o.passPercent ?? 80,
      attemptsAllowed: o.attempts ?? 3,
      timeLimitSeconds: o.timeLimitSeconds ?? 600,
      showAnswers: o.showAnswers ?? true,
    });
    const key = new Map<number, string[]>();
    for (let i = 0; i < (o.bank ?? 8); i++) {
      const kind = ['SINGLE', 'TRUE_FALSE', 'MULTIPLE'][i % 3];
      const q =
        kind === 'SINGLE'
          ? { kind, stem: `单选题 ${i}`, options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }], answer: ['B'], explanation: '乙正确' }
          : kind === 'TRUE_FALSE'
            ? { kind, stem: `判断题 ${i}`, answer: ['T'] }
            : { kind, stem: `多选题 ${i}`, options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }, { key: 'D', text: '丁' }], answer: ['A', 'C'] };
      const b = await this.post(`/api/study/catalog/modules/${m.id}/questions`, q);
      key.set(b.id, q.answer);
    }
    const pub = await this.t.http.patch(`/api/study/catalog/modules/${m.id}`).set(await this.t.as('county')).send({ published: true, version: m.version });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    return { id: m.id, key };
  }

  async track(modules: { moduleId: number; required: boolean }[], audience: Partial<{ orgTypes: string[]; groups: string[]; needs: string[] }> = {}, title = '测试学习清单'): Promise<number> {
    const b = await this.post('/api/study/tracks', {
      title,
      description: '测试',
      year: thisYear(),
      audience: { orgTypes: [], groups: [], needs: [], ...audience },
      modules,
      published: true,
    });
    return b.id;
  }

  async assign(trackId: number, orgId: number, o: { dueOn?: string; user?: string } = {}) {
    return this.post('/api/study/assignments', { trackId, orgId, startsOn: today(), dueOn: o.dueOn ?? inDays(30) }, o.user ?? 'county');
  }

  async my(user: string) {
    const r = await this.t.http.get('/api/study/my').set(await this.t.as(user));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  }

  async stats(query: Record<string, string | number>, user = 'county') {
    const r = await this.t.http.get('/api/study/stats').query(query).set(await this.t.as(user));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  }

  /** Moves a member's reading clock (or video wall clock, or attempt deadline) back, instead of waiting. */
  async rewind(memberId: number, moduleId: number, seconds: number) {
    const rows: { id: number; started_at: string | Date | null }[] = await this.t.ds.query('SELECT id, started_at FROM study_progress WHERE member_id = ? AND module_id = ?', [memberId, moduleId]);
    // As if `seconds` more had passed since the last report, and so since the start too (a video's coverage is capped
    // by both clocks).
    const started = rows[0].started_at ? toDate(rows[0].started_at)!.getTime() : Date.now();
    await this.t.ds.query('UPDATE study_progress SET started_at = ?, last_report_at = ? WHERE id = ?', [
      new Date(Math.min(started, Date.now()) - seconds * 1000),
      new Date(Date.now() - seconds * 1000),
      rows[0].id,
    ]);
  }
}

/** The maintained counter rows equal a recomputation from the base rows. */
export async function expectCountersConsistent(t: TestApp): Promise<void> {
  const maintained = await readStudyCounters(t.ds.manager);
  const rebuilt = await computeStudyCounters(t.ds.manager);
  expect(Object.fromEntries(maintained.counters)).toEqual(Object.fromEntries(rebuilt.counters));
  expect(Object.fromEntries(maintained.orgHours)).toEqual(Object.fromEntries(rebuilt.orgHours));
  expect(Object.fromEntries(maintained.memberHours)).toEqual(Object.fromEntries(rebuilt.memberHours));
}
