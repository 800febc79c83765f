import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../src/common/calendar/china-calendar';
import { expectError } from './support/http';
import { expectCountersConsistent, StudyClient, thisYear } from './support/study';
import { startTestApp, tableCounts, type TestApp } from './support/test-app';

describe('study catalogue: modules, question banks and tracks (county authors)', () => {
  let t: TestApp;
  let s: StudyClient;
  beforeAll(async () => {
    t = await startTestApp();
    s = new StudyClient(t);
  });
  afterAll(() => t.close());

  const create = async (body: Record<string, unknown>, user = 'county') => t.http.post('/api/study/catalog/modules').set(await t.as(user)).send(body);
  const articleBody = { kind: 'ARTICLE', title: '学习贯彻党的二十大精神', need: 'POLICY', classHours: 1.5, minReadSeconds: 120 };

  it('sanitises article HTML on the server', async () => {
    const r = await create({
      ...articleBody,
      body: '<h2>标题</h2><p onclick="steal()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a><a href="https://www.12371.cn/">共产党员网</a></p><img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe>',
      tags: ['二十大', '理论学习'],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.body).not.toMatch(/script|onclick|onerror|iframe|javascript:/);
    expect(r.body.body).toContain('<h2>标题</h2>');
    expect(r.body.body).toContain('href="https://www.12371.cn/"');
    expect(r.body).toMatchObject({ kind: 'ARTICLE', classHours: 1.5, tags: ['二十大', '理论学习'], seconds: 120, published: false, version: 1 });
    const [row] = await t.ds.query('SELECT class_tenths, body FROM study_modules WHERE id = ?', [r.body.id]);
    expect(Number(row.class_tenths)).toBe(15);
    expect(row.body).not.toContain('script');
  });

  it('refuses incomplete or unsafe modules with 400, creating nothing', async () => {
    const before = await tableCounts(t.ds, ['study_modules']);
    const bad: Record<string, unknown>[] = [
      { ...articleBody },
      { ...articleBody, body: '<script>only()</script>' },
      { ...articleBody, body: '<p>x</p>', classHours: 1.25 },
      { ...articleBody, body: '<p>x</p>', classHours: 0 },
      { ...articleBody, body: '<p>x</p>', need: 'FUN' },
      { ...articleBody, body: '<p>x</p>', tags: ['a,b'] },
      { ...articleBody, body: '<p>x</p>', extra: 1 },
      { ...articleBody, body: `<p>${'长'.repeat(20_001)}</p>` },
      { ...articleBody, body: `<p>${'<'.repeat(19_990)}</p>` },
      { kind: 'VIDEO', title: '视频', need: 'SKILLS', classHours: 1, videoUrl: 'javascript:alert(1)', durationSeconds: 60 },
      { kind: 'VIDEO', title: '视频', need: 'SKILLS', classHours: 1, videoUrl: '//evil.example/v.mp4', durationSeconds: 60 },
      { kind: 'VIDEO', title: '视频', need: 'SKILLS', classHours: 1, videoUrl: '/media/v.mp4' },
      { kind: 'QUIZ', title: '测试', need: 'RULES', classHours: 1, questionsPerAttempt: 10, attemptsAllowed: 3 },
      { kind: 'PODCAST', title: '播客', need: 'RULES', classHours: 1 },
    ];
    for (const b of bad) expectError(await create(b), 400, 'VALIDATION_FAILED');
    expect(await tableCounts(t.ds, ['study_modules'])).toEqual(before);
    const ok = await create({ kind: 'VIDEO', title: '视频', need: 'SKILLS', classHours: 1, videoUrl: 'https://media.example.cn/a/b.m3u8', durationSeconds: 60 });
    expect(ok.status).toBe(201);
  });

  it('only county authors write the catalogue (403 for others)', async () => {
    expectError(await create({ ...articleBody, body: '<p>x</p>' }, 'committeeA'), 403, 'FORBIDDEN');
    expectError(await create({ ...articleBody, body: '<p>x</p>' }, 'memberA1'), 403, 'FORBIDDEN');
    expectError(await t.http.get('/api/study/catalog/modules').set(await t.as('branchA1')), 403, 'FORBIDDEN');
  });

  it('keeps the quiz bank valid: answers among the options, one for single choice, two or more for multiple; publishes only a full bank', async () => {
    const quiz = await create({ kind: 'QUIZ', title: '党史知识测试', need: 'HISTORY', classHours: 1, questionsPerAttempt: 2, passPercent: 60, attemptsAllowed: 2 });
    expect(quiz.status).toBe(201);
    const q = async (b: Record<string, unknown>) => t.http.post(`/api/study/catalog/modules/${quiz.body.id}/questions`).set(await t.as('county')).send(b);
    const abc = [{ key: 'A', text: '1921年' }, { key: 'B', text: '1927年' }, { key: 'C', text: '1949年' }];
    expectError(await q({ kind: 'SINGLE', stem: '中国共产党成立于哪一年？', options: abc, answer: ['D'] }), 400, 'VALIDATION_FAILED');
    expectError(await q({ kind: 'SINGLE', stem: '中国共产党成立于哪一年？', options: abc, answer: ['A', 'B'] }), 400, 'VALIDATION_FAILED');
    expectError(await q({ kind: 'MULTIPLE', stem: '多选', options: abc, answer: ['A'] }), 400, 'VALIDATION_FAILED');
    expectError(await q({ kind: 'SINGLE', stem: '重复选项', options: [abc[0], abc[0]], answer: ['A'] }), 400, 'VALIDATION_FAILED');
    const one = await q({ kind: 'SINGLE', stem: '中国共产党成立于哪一年？', options: abc, answer: ['A'], explanation: '1921年7月' });
    expect(one.status, JSON.stringify(one.body)).toBe(201);
    let pub = await t.http.patch(`/api/study/catalog/modules/${quiz.body.id}`).set(await t.as('county')).send({ published: true, version: 1 });
    expectError(pub, 409, 'QUIZ_BANK_TOO_SMALL');
    const tf = await q({ kind: 'TRUE_FALSE', stem: '遵义会议在贵州召开。', answer: ['T'] });
    expect(tf.body.options).toEqual([{ key: 'T', text: '正确' }, { key: 'F', text: '错误' }]);
    pub = await t.http.patch(`/api/study/catalog/modules/${quiz.body.id}`).set(await t.as('county')).send({ published: true, version: 1 });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    expect(pub.body.quiz).toMatchObject({ bankSize: 2, questionsPerAttempt: 2 });
    expectError(await t.http.patch(`/api/study/catalog/modules/${quiz.body.id}`).set(await t.as('county')).send({ title: '旧版本', version: 1 }), 409, 'CONFLICT');
    // Retiring a question would leave fewer than an attempt draws.
    expectError(await t.http.patch(`/api/study/catalog/questions/${tf.body.id}`).set(await t.as('county')).send({ active: false }), 409, 'QUIZ_BANK_TOO_SMALL');
    const bank = await t.http.get(`/api/study/catalog/modules/${quiz.body.id}/questions`).query({ limit: 1 }).set(await t.as('county'));
    expect(bank.body.items).toHaveLength(1);
    expect(bank.body.items[0]).toMatchObject({ answer: ['A'], explanation: '1921年7月' });
    const next = await t.http.get(`/api/study/catalog/modules/${quiz.body.id}/questions`).query({ cursor: bank.body.nextCursor }).set(await t.as('county'));
    expect(next.body.items.map((x: { id: number }) => x.id)).toEqual([tf.body.id]);
    expect(next.body.nextCursor).toBeNull();
  });

  it('records what an edit changed: a question’s answer key and options in full, a module’s settings, an article’s body by hash and excerpt', async () => {
    const as = await t.as('county');
    const quiz = await create({ kind: 'QUIZ', title: '党章知识测试', need: 'RULES', classHours: 1, questionsPerAttempt: 1, passPercent: 60, attemptsAllowed: 2 });
    const abc = [{ key: 'A', text: '十八大' }, { key: 'B', text: '十九大' }, { key: 'C', text: '二十大' }];
    const q = await t.http.post(`/api/study/catalog/modules/${quiz.body.id}/questions`).set(as).send({ kind: 'SINGLE', stem: '现行党章由哪次大会修改通过？', options: abc, answer: ['B'] });
    expect(q.status, JSON.stringify(q.body)).toBe(201);
    const edited = await t.http
      .patch(`/api/study/catalog/questions/${q.body.id}`)
      .set(as)
      .send({ options: [...abc.slice(0, 2), { key: 'C', text: '第二十次全国代表大会' }], answer: ['C'] });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const detail = async (action: string, id: number) => JSON.parse((await t.ds.query('SELECT detail FROM audit_log WHERE action = ? AND target_id = ? ORDER BY id DESC', [action, String(id)]))[0].detail);
    // The answer key was B and is now C: an auditor can tell, as they can which option's wording changed.
    expect(await detail('study.question.update', q.body.id)).toEqual({
      moduleId: quiz.body.id,
      before: { options: ['A. 十八大', 'B. 十九大', 'C. 二十大'], answer: ['B'] },
      after: { options: ['A. 十八大', 'B. 十九大', 'C. 第二十次全国代表大会'], answer: ['C'] },
    });

    const settings = await t.http.patch(`/api/study/catalog/modules/${quiz.body.id}`).set(as).send({ version: 1, passPercent: 80, classHours: 1.5, attemptsAllowed: 2 });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    expect(await detail('study.module.update', quiz.body.id)).toEqual({ title: '党章知识测试', before: { passPercent: 60, classHours: 1 }, after: { passPercent: 80, classHours: 1.5 } });

    const article = await create({ ...articleBody, body: '<p>第一版正文</p>' });
    const text = `${'全面从严治党'.repeat(20)}`;
    const rewritten = await t.http.patch(`/api/study/catalog/modules/${article.body.id}`).set(as).send({ version: 1, body: `<p>${text}</p>`, minReadSeconds: 300 });
    expect(rewritten.status, JSON.stringify(rewritten.body)).toBe(200);
    const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(await detail('study.module.update', article.body.id)).toEqual({
      title: articleBody.title,
      before: { body: { chars: '<p>第一版正文</p>'.length, sha256: sha256('<p>第一版正文</p>'), excerpt: '第一版正文' }, minReadSeconds: 120 },
      after: { body: { chars: `<p>${text}</p>`.length, sha256: sha256(`<p>${text}</p>`), excerpt: `${text.slice(0, 60)}…` }, minReadSeconds: 300 },
    });
  });

  it('publishes a track only with published modules and a required one; keeps assigned tracks’ modules published', async () => {
    const draftModule = (await create({ ...articleBody, body: '<p>草稿</p>' })).body.id as number;
    const live = await s.article({ title: '廉洁从政' });
    const post = async (modules: { moduleId: number; required: boolean }[]) =>
      t.http
        .post('/api/study/tracks')
        .set(await t.as('county'))
        .send({ title: '机关党员清单', year: thisYear(), audience: { orgTypes: ['ORGAN'], groups: [], needs: ['INTEGRITY'] }, modules, published: true });
    expectError(await post([{ moduleId: draftModule, required: true }]), 409, 'TRACK_INVALID');
    expectError(await post([{ moduleId: live, required: false }]), 409, 'TRACK_INVALID');
    expectError(await post([{ moduleId: live, required: true }, { moduleId: live, required: false }]), 400, 'VALIDATION_FAILED');
    expectError(await post([{ moduleId: 999999, required: true }]), 400, 'VALIDATION_FAILED');
    const ok = await post([{ moduleId: live, required: true }]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ published: true, requiredClassHours: 1, audience: { orgTypes: ['ORGAN'], needs: ['INTEGRITY'] } });
    const m = (await t.http.get(`/api/study/catalog/modules/${live}`).set(await t.as('county'))).body;
    expectError(await t.http.patch(`/api/study/catalog/modules/${live}`).set(await t.as('county')).send({ published: false, version: m.version }), 409, 'MODULE_IN_USE');
    // Assigners see published tracks, filterable by need; drafts are not theirs to see.
    const draft = await t.http
      .post('/api/study/tracks')
      .set(await t.as('county'))
      .send({ title: '草稿清单', year: thisYear(), audience: { orgTypes: [], groups: [], needs: [] }, modules: [] });
    const seen = await t.http.get('/api/study/tracks').query({ need: 'INTEGRITY' }).set(await t.as('committeeA'));
    expect(seen.body.items.map((x: { id: number }) => x.id)).toEqual([ok.body.id]);
    expectError(await t.http.get(`/api/study/tracks/${draft.body.id}`).set(await t.as('committeeA')), 404, 'NOT_FOUND');
    expect((await t.http.get(`/api/study/tracks/${draft.body.id}`).set(await t.as('county'))).status).toBe(200);
  });

  it('changing a track’s modules re-derives completion of its assignments, and the counters follow', async () => {
    const first = await s.article({ title: '第一课', minReadSeconds: 10 });
    const second = await s.article({ title: '第二课', minReadSeconds: 10 });
    const trackId = await s.track([{ moduleId: first, required: true }, { moduleId: second, required: false }], { orgTypes: ['COMMUNITY'] }, '社区清单');
    const a = await s.assign(trackId, t.county.orgs.committeeA.id);
    await t.http.post(`/api/study/modules/${first}/start`).set(await t.as('memberA1')).expect(200);
    await s.rewind(t.county.members.memberA1, first, 11);
    await t.http.post(`/api/study/modules/${first}/complete`).set(await t.as('memberA1')).expect(200);
    expect((await t.http.get(`/api/study/assignments/${a.id}`).set(await t.as('county'))).body.completed).toBe(1);
    const tv = (await t.http.get(`/api/study/tracks/${trackId}`).set(await t.as('county'))).body;
    // Its author sees whom a change would re-judge; an assigner sees no county-wide figures.
    expect(tv.reach).toEqual({ assignments: 1, enrolled: a.enrolled, completed: 1 });
    expect((await t.http.get(`/api/study/tracks/${trackId}`).set(await t.as('committeeA'))).body.reach).toBeUndefined();
    const r = await t.http
      .patch(`/api/study/tracks/${trackId}`)
      .set(await t.as('county'))
      .send({ modules: [{ moduleId: first, required: true }, { moduleId: second, required: true }], version: tv.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await t.http.get(`/api/study/assignments/${a.id}`).set(await t.as('county'))).body.completed).toBe(0);
    expectError(await t.http.patch(`/api/study/tracks/${trackId}`).set(await t.as('county')).send({ year: thisYear() + 1, version: tv.version + 1 }), 409, 'TRACK_INVALID');

    // Made optional again, the member's track is complete again — as of when they finished its last required module
    // (an hour ago here), not the moment of the administrator's save.
    const finishedAt = new Date(Date.now() - 3600_000);
    await t.ds.query('UPDATE study_progress SET completed_at = ? WHERE member_id = ? AND module_id = ?', [finishedAt, t.county.members.memberA1, first]);
    const back = await t.http
      .patch(`/api/study/tracks/${trackId}`)
      .set(await t.as('county'))
      .send({ modules: [{ moduleId: first, required: true }, { moduleId: second, required: false }], version: tv.version + 1 });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect((await t.http.get(`/api/study/assignments/${a.id}`).set(await t.as('county'))).body.completed).toBe(1);
    const [progress] = await t.ds.query('SELECT completed_at FROM study_progress WHERE member_id = ? AND module_id = ?', [t.county.members.memberA1, first]);
    const [enrolment] = await t.ds.query('SELECT completed_at FROM study_enrolments WHERE assignment_id = ? AND member_id = ?', [a.id, t.county.members.memberA1]);
    expect(new Date(enrolment.completed_at).getTime()).toBe(new Date(progress.completed_at).getTime());
    expect(Math.abs(new Date(enrolment.completed_at).getTime() - finishedAt.getTime())).toBeLessThan(1000);
    await expectCountersConsistent(t);
  });

  it('lists assignments reaching a subtree, with the figures of the part in view', async () => {
    const m = await s.article({ title: '全县必学' });
    const trackId = await s.track([{ moduleId: m, required: true }], {}, '全县清单');
    const a = await s.assign(trackId, t.county.orgs.root.id, { dueOn: `${thisYear() + 1}-03-31` });
    expect(a.enrolled).toBe(7);
    const list = await t.http.get('/api/study/assignments').query({ trackId }).set(await t.as('committeeB'));
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: a.id, org: { id: t.county.orgs.root.id }, enrolled: 2 });
    const one = await t.http.get(`/api/study/assignments/${a.id}`).set(await t.as('committeeB'));
    expect(one.body.enrolled).toBe(2);
    // Only the county, who made it, may change it.
    expectError(await t.http.patch(`/api/study/assignments/${a.id}`).set(await t.as('committeeB')).send({ dueOn: `${thisYear() + 1}-04-30`, version: 1 }), 404, 'NOT_FOUND');
    const moved = await t.http.patch(`/api/study/assignments/${a.id}`).set(await t.as('county')).send({ dueOn: `${thisYear() + 1}-04-30`, version: 1 });
    expect(moved.body).toMatchObject({ dueOn: `${thisYear() + 1}-04-30`, version: 2 });
    const cancelled = await t.http.post(`/api/study/assignments/${a.id}/cancel`).set(await t.as('county'));
    expect(cancelled.body.status).toBe('CANCELLED');
    const st = await s.stats({ trackId });
    expect(st.org.enrolled).toBe(0);
  });

  it('keeps an assignment that has ended as the record: its due date may move, it is not withdrawn', async () => {
    const m = await s.article({ title: '已结束的任务' });
    const trackId = await s.track([{ moduleId: m, required: true }], {}, '已结束清单');
    const a = await s.assign(trackId, t.county.orgs.committeeA.id, { dueOn: `${thisYear() + 1}-03-31` });
    // Its last day passes.
    const yesterday = shanghaiDate(new Date(Date.now() - 86_400_000));
    await t.ds.query('UPDATE study_assignments SET starts_on = ?, due_on = ? WHERE id = ?', [`${yesterday.slice(0, 4)}-01-01`, yesterday, a.id]);
    const before = await t.ds.query('SELECT status, version FROM study_assignments WHERE id = ?', [a.id]);
    const refused = await t.http.post(`/api/study/assignments/${a.id}/cancel`).set(await t.as('county'));
    expectError(refused, 409, 'ASSIGNMENT_ENDED');
    expect(await t.ds.query('SELECT status, version FROM study_assignments WHERE id = ?', [a.id])).toEqual(before);
    // Extending it is still possible (the audit log keeps the move).
    const extended = await t.http.patch(`/api/study/assignments/${a.id}`).set(await t.as('county')).send({ dueOn: `${thisYear() + 1}-01-31`, version: Number(before[0].version) });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    expect((await t.http.post(`/api/study/assignments/${a.id}/cancel`).set(await t.as('county'))).body.status).toBe('CANCELLED');
  });
});
