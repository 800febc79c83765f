import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryModule, LibraryPage } from '@zhdj/shared';
import { expectError } from './support/http';
import { StudyClient } from './support/study';
import { startTestApp, tableCounts, type TestApp } from './support/test-app';

/**
 * The elective library (自选学习): a member finds any published module, beyond the tracks assigned to them, and its class
 * hours count towards the year's requirement like those of an assigned one.
 */
describe('study: the elective library', () => {
  let t: TestApp;
  let s: StudyClient;
  let elective: number;
  let video: number;
  let draft: number;
  let quiz: number;
  let me: number;

  const library = async (query: Record<string, string | number | boolean> = {}, user = 'memberA1') => t.http.get('/api/study/library').query(query).set(await t.as(user));
  const page = async (query: Record<string, string | number | boolean> = {}, user = 'memberA1'): Promise<LibraryPage> => {
    const r = await library(query, user);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as LibraryPage;
  };
  const ids = (p: LibraryPage) => p.items.map((i) => i.module.id);
  const itemOf = (p: LibraryPage, id: number): LibraryModule | undefined => p.items.find((i) => i.module.id === id);

  beforeAll(async () => {
    t = await startTestApp();
    s = new StudyClient(t);
    me = t.county.members.memberA1;
    elective = await s.article({ title: '发展壮大村级集体经济', minReadSeconds: 30, classHours: 1.5 });
    await t.http.patch(`/api/study/catalog/modules/${elective}`).set(await t.as('county')).send({ tags: ['乡村振兴', '新沂实践'], version: 1 });
    video = await s.video({ classHours: 2 });
    quiz = (await s.quiz({ bank: 5, perAttempt: 3, attempts: 1 })).id;
    const d = await t.http
      .post('/api/study/catalog/modules')
      .set(await t.as('county'))
      .send({ kind: 'ARTICLE', title: '尚未发布的草稿', need: 'POLICY', classHours: 1, body: '<p>草稿</p>', minReadSeconds: 30 });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    draft = d.body.id;
  });
  afterAll(() => t.close());

  it('lists every published module newest first, drafts never, each not started for a member who has not begun', async () => {
    const p = await page();
    expect(ids(p)).toEqual([quiz, video, elective]);
    expect(ids(p)).not.toContain(draft);
    expect(p.items.every((i) => i.status === 'NOT_STARTED' && i.completedAt === null)).toBe(true);
    expect(itemOf(p, elective)!.module).toMatchObject({ kind: 'ARTICLE', title: '发展壮大村级集体经济', classHours: 1.5, published: true, tags: ['乡村振兴', '新沂实践'] });
    // A summary, not the article: no body travels in a list.
    expect(JSON.stringify(p)).not.toContain('党章是党的根本大法');
  });

  it('filters by kind, by need, and by words of the title or a tag', async () => {
    expect(ids(await page({ kind: 'VIDEO' }))).toEqual([video]);
    expect(ids(await page({ need: 'INTEGRITY' }))).toEqual([quiz]);
    expect(ids(await page({ q: '集体经济' }))).toEqual([elective]);
    expect(ids(await page({ q: '新沂实践' }))).toEqual([elective]);
    // LIKE's wildcards are plain characters here.
    expect(ids(await page({ q: '%' }))).toEqual([]);
  });

  it('pages by keyset to the end, every module once', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const p: LibraryPage = await page(cursor ? { limit: 1, cursor } : { limit: 1 });
      expect(p.items.length).toBeLessThanOrEqual(1);
      seen.push(...ids(p));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual([quiz, video, elective]);
  });

  it('an elective module studied outside any track gives its class hours, shows as completed, and leaves the to-do filter', async () => {
    const hoursBefore = (await t.http.get('/api/study/my').set(await t.as('memberA1'))).body.classHours.earned;
    expect((await t.http.post(`/api/study/modules/${elective}/start`).set(await t.as('memberA1'))).status).toBe(200);
    expect(itemOf(await page(), elective)!.status).toBe('IN_PROGRESS');
    await s.rewind(me, elective, 31);
    const done = await t.http.post(`/api/study/modules/${elective}/complete`).set(await t.as('memberA1'));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const my = (await t.http.get('/api/study/my').set(await t.as('memberA1'))).body;
    expect(my.classHours.earned).toBe(hoursBefore + 1.5);
    const after = itemOf(await page(), elective)!;
    expect(after.status).toBe('COMPLETED');
    expect(Date.parse(after.completedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(ids(await page({ todo: true }))).toEqual([quiz, video]);
    expect(ids(await page({ todo: false }))).toEqual([quiz, video, elective]);
  });

  it('says a quiz failed with its one attempt used cannot go on alone, like the track card does', async () => {
    const drawn = await t.http.post(`/api/study/modules/${quiz}/attempts`).set(await t.as('memberA1'));
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(200);
    const failed = await t.http.post(`/api/study/attempts/${drawn.body.attempt.id}/submit`).set(await t.as('memberA1')).send({ answers: [] });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body.result.passed).toBe(false);
    expect(itemOf(await page(), quiz)).toMatchObject({ status: 'IN_PROGRESS', attemptsExhausted: true });
    expect(itemOf(await page({}, 'memberB1'), quiz)).toMatchObject({ status: 'NOT_STARTED', attemptsExhausted: false });
  });

  it('shows each member their own status only', async () => {
    const other = await page({}, 'memberB1');
    expect(itemOf(other, elective)).toMatchObject({ status: 'NOT_STARTED', completedAt: null });
    expect(ids(await page({ todo: true }, 'memberB1'))).toEqual([quiz, video, elective]);
  });

  it('is for members: an administrator without a member record is refused', async () => {
    expectError(await library({}, 'county'), 403, 'FORBIDDEN');
  });

  it('refuses bad filters with 400 and a field, changing nothing', async () => {
    const tables = ['study_progress', 'study_member_hours', 'audit_log'];
    const before = await tableCounts(t.ds, tables);
    const bad: Record<string, string | number>[] = [{ kind: 'PODCAST' }, { need: 'x' }, { limit: 0 }, { limit: 101 }, { todo: 'maybe' }, { q: '字'.repeat(51) }, { cursor: 'not-a-cursor' }];
    for (const query of bad) {
      const r = await library(query);
      expect(r.status, `${JSON.stringify(query)} → ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await tableCounts(t.ds, tables)).toEqual(before);
  });
});
