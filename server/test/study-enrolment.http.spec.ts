import { youthBornAfter } from '@zhdj/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../src/common/calendar/china-calendar';
import { Member } from '../src/members/entities/member.entity';
import { StudyEnrolment } from '../src/study/entities/study-enrolment.entity';
import { expectError } from './support/http';
import { captureQueries } from './support/query-capture';
import { expectCountersConsistent, inDays, StudyClient, thisYear } from './support/study';
import { startTestApp, tableCounts, type TestApp } from './support/test-app';
import { fakeIdNumber, fakePhone } from './factories/mini-county';
import { importFile, validRow } from './support/xlsx';

const activeEnrolments = async (t: TestApp, assignmentId: number) =>
  (await t.ds.query('SELECT member_id FROM study_enrolments WHERE assignment_id = ? AND active = 1 ORDER BY member_id', [assignmentId])).map((r: { member_id: number }) => Number(r.member_id));

describe('study: audiences, assignment and enrolment that follows the member', () => {
  let t: TestApp;
  let s: StudyClient;
  let article: number;
  beforeAll(async () => {
    t = await startTestApp();
    s = new StudyClient(t);
    article = await s.article();
  });
  afterAll(() => t.close());

  const preview = async (orgId: number, audience: Record<string, string[]>, user = 'county') =>
    t.http.post('/api/study/audience/preview').set(await t.as(user)).send({ orgId, audience: { orgTypes: [], groups: [], needs: [], ...audience } });

  it('previews how many members of a subtree an audience matches', async () => {
    const { orgs } = t.county;
    const cases: [number, Record<string, string[]>, number][] = [
      [orgs.root.id, {}, 7],
      [orgs.committeeA.id, {}, 5],
      [orgs.root.id, { orgTypes: ['COMMUNITY'] }, 5],
      [orgs.root.id, { orgTypes: ['RURAL'] }, 2],
      [orgs.root.id, { groups: ['YOUTH'] }, 1], // probationaryA1, born 2000
      [orgs.root.id, { groups: ['CADRES'] }, 1], // secretaryA1
      [orgs.root.id, { groups: ['PROBATIONARY', 'RETIRED'] }, 2],
      [orgs.root.id, { orgTypes: ['RURAL'], groups: ['PROBATIONARY'] }, 0],
      [orgs.root.id, { needs: ['INTEGRITY'] }, 7], // needs describe, never filter
      [orgs.committeeB.id, { groups: ['RETIRED'] }, 1],
    ];
    for (const [orgId, audience, matched] of cases) {
      const r = await preview(orgId, audience);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect({ audience, matched: r.body.matched }).toEqual({ audience, matched });
    }
    const whole = await preview(orgs.committeeA.id, {});
    expect(whole.body).toMatchObject({ org: { id: orgs.committeeA.id }, total: 5 });
  });

  it('previews only within scope (404 outside), and only for administrators (403)', async () => {
    const { orgs } = t.county;
    expectError(await preview(orgs.committeeB.id, {}, 'committeeA'), 404, 'NOT_FOUND');
    expectError(await preview(orgs.root.id, {}, 'branchA1'), 404, 'NOT_FOUND');
    expectError(await preview(orgs.branchA1.id, {}, 'memberA1'), 403, 'FORBIDDEN');
    expectError(await preview(orgs.root.id, { groups: ['ELDERS'] }), 400, 'VALIDATION_FAILED');
  });

  it('assigning enrols every matching member of the subtree, once', async () => {
    const { orgs, members } = t.county;
    const community = await s.track([{ moduleId: article, required: true }], { orgTypes: ['COMMUNITY'] }, '社区党员学习清单');
    const a = await s.assign(community, orgs.root.id);
    expect(a).toMatchObject({ track: { id: community, year: thisYear() }, org: { id: orgs.root.id }, enrolled: 5, completed: 0, status: 'ACTIVE' });
    expect(await activeEnrolments(t, a.id)).toEqual([members.memberA1, members.secretaryA1, members.probationaryA1, members.memberA2, members.memberAG1].sort((x, y) => x - y));

    const cadres = await s.track([{ moduleId: article, required: true }], { groups: ['CADRES'] }, '书记委员清单');
    const c = await s.assign(cadres, orgs.committeeA.id, { user: 'committeeA' });
    expect(c.enrolled).toBe(1);
    expect(await activeEnrolments(t, c.id)).toEqual([members.secretaryA1]);
    await expectCountersConsistent(t);
  });

  it('refuses an overlapping assignment of the same track, an unpublished track, bad dates and out-of-scope organisations, changing nothing', async () => {
    const { orgs } = t.county;
    const track = await s.track([{ moduleId: article, required: true }], {}, '重叠测试');
    await s.assign(track, orgs.committeeA.id);
    const before = await tableCounts(t.ds, ['study_assignments', 'study_enrolments', 'study_org_counters', 'audit_log']);
    const post = async (body: Record<string, unknown>, user = 'county') =>
      t.http.post('/api/study/assignments').set(await t.as(user)).send({ trackId: track, orgId: orgs.branchA1.id, startsOn: `${thisYear()}-01-01`, dueOn: `${thisYear() + 1}-01-31`, ...body });
    expectError(await post({}), 409, 'ASSIGNMENT_OVERLAP');
    expectError(await post({ orgId: orgs.root.id }), 409, 'ASSIGNMENT_OVERLAP');
    // The assigning dialog's preview says so before anyone confirms: below it, above it; elsewhere nothing.
    const preview = async (orgId: number) => (await t.http.get(`/api/study/tracks/${track}/preview`).query({ orgId }).set(await t.as('county'))).body;
    expect((await preview(orgs.branchA1.id)).overlap).toEqual({ assignmentId: expect.any(Number), org: { id: orgs.committeeA.id, shortName: expect.any(String) } });
    expect((await preview(orgs.root.id)).overlap).toMatchObject({ org: { id: orgs.committeeA.id } });
    expect((await preview(orgs.committeeB.id)).overlap).toBeNull();
    expectError(await post({ orgId: orgs.committeeB.id, dueOn: '2000-01-01', startsOn: '2000-01-01' }), 400, 'VALIDATION_FAILED');
    expectError(await post({ orgId: orgs.committeeB.id, dueOn: `${thisYear() + 1}-02-30` }), 400, 'VALIDATION_FAILED');
    expectError(await post({ orgId: orgs.committeeB.id }, 'committeeA'), 404, 'NOT_FOUND');
    expectError(await post({ orgId: orgs.committeeB.id }, 'memberA1'), 403, 'FORBIDDEN');
    const draft = await t.http
      .post('/api/study/tracks')
      .set(await t.as('county'))
      .send({ title: '草稿', year: thisYear(), audience: { orgTypes: [], groups: [], needs: [] }, modules: [{ moduleId: article, required: true }] });
    expect(draft.status).toBe(201);
    expectError(await post({ trackId: draft.body.id, orgId: orgs.committeeB.id }), 409, 'TRACK_NOT_PUBLISHED');
    expect(await tableCounts(t.ds, ['study_assignments', 'study_enrolments', 'study_org_counters', 'audit_log'])).toEqual({ ...before, audit_log: before.audit_log + 1 });
  });

  it('a new member who matches is enrolled when created; one who does not is not', async () => {
    const { orgs } = t.county;
    const track = await s.track([{ moduleId: article, required: true }], { groups: ['YOUTH'] }, '青年党员清单');
    const a = await s.assign(track, orgs.committeeA.id);
    expect(a.enrolled).toBe(1);
    const create = async (name: string, birthDate: string) => {
      const r = await t.http
        .post('/api/members')
        .set(await t.as('committeeA'))
        .send({
          name,
          sex: 'M',
          ethnicity: '汉族',
          birthDate,
          idNumber: fakeIdNumber(birthDate, 'M'),
          phone: fakePhone(),
          education: 'BACHELOR',
          category: 'FULL',
          joinedAt: '2020-07-01',
          duesPaidThrough: '2026-01',
          orgId: orgs.branchA2.id,
        });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as number;
    };
    const young = await create('新青年', '2001-05-04');
    const older = await create('老同志', '1960-05-04');
    const enrolled = await activeEnrolments(t, a.id);
    expect(enrolled).toContain(young);
    expect(enrolled).not.toContain(older);
    const view = await t.http.get(`/api/study/assignments/${a.id}`).set(await t.as('county'));
    expect(view.body.enrolled).toBe(2);
    await expectCountersConsistent(t);
  });

  it('a member made branch secretary is enrolled in the cadres’ track above them, and leaves it when the post ends; other edits change no enrolment', async () => {
    const { orgs, members } = t.county;
    const track = await s.track([{ moduleId: article, required: true }], { groups: ['CADRES'] }, '书记履职清单');
    const a = await s.assign(track, orgs.committeeA.id);
    expect(await activeEnrolments(t, a.id)).toEqual([members.secretaryA1]);
    const edit = async (body: Record<string, unknown>) => {
      const m = await t.http.get(`/api/members/${members.memberAG1}`).set(await t.as('committeeA'));
      const r = await t.http.patch(`/api/members/${members.memberAG1}`).set(await t.as('committeeA')).send({ ...body, version: m.body.version });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    const enrolled = async () => (await t.http.get(`/api/study/assignments/${a.id}`).set(await t.as('county'))).body.enrolled;
    await edit({ phone: fakePhone() });
    expect(await activeEnrolments(t, a.id)).toEqual([members.secretaryA1]);
    await edit({ post: 'SECRETARY' });
    expect(await activeEnrolments(t, a.id)).toEqual([members.secretaryA1, members.memberAG1].sort((x, y) => x - y));
    expect(await enrolled()).toBe(2);
    await edit({ post: null });
    expect(await activeEnrolments(t, a.id)).toEqual([members.secretaryA1]);
    const [left] = await t.ds.query('SELECT active, left_at FROM study_enrolments WHERE assignment_id = ? AND member_id = ?', [a.id, members.memberAG1]);
    expect(Number(left.active)).toBe(0);
    expect(left.left_at).not.toBeNull();
    expect(await enrolled()).toBe(1);
    // Elected again (a committee member this time): the same enrolment is active again, not a second one.
    await edit({ post: 'COMMITTEE_MEMBER' });
    expect(await activeEnrolments(t, a.id)).toEqual([members.secretaryA1, members.memberAG1].sort((x, y) => x - y));
    const [{ n }] = await t.ds.query('SELECT COUNT(*) AS n FROM study_enrolments WHERE assignment_id = ? AND member_id = ?', [a.id, members.memberAG1]);
    expect(Number(n)).toBe(1);
    await expectCountersConsistent(t);
  });

  it('a youth member who turns 35 after being enrolled keeps the track at their next edit; a corrected birth date is judged afresh', async () => {
    const { orgs } = t.county;
    const track = await s.track([{ moduleId: article, required: true }], { groups: ['YOUTH'] }, '青年理论学习清单');
    const a = await s.assign(track, orgs.committeeA.id);
    const created = await t.http
      .post('/api/members')
      .set(await t.as('committeeA'))
      .send({ name: '满龄青年', sex: 'F', ethnicity: '汉族', birthDate: '2000-03-08', idNumber: fakeIdNumber('2000-03-08', 'F'), phone: fakePhone(), education: 'BACHELOR', category: 'FULL', joinedAt: '2022-07-01', duesPaidThrough: '2026-01', orgId: orgs.branchA2.id });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    expect(await activeEnrolments(t, a.id)).toContain(id);
    // Time passes: she was enrolled twenty days ago, at 34, and turned 35 ten days ago.
    await t.ds.getRepository(StudyEnrolment).update({ assignmentId: a.id, memberId: id }, { enrolledAt: shanghaiInstant(inDays(-20), '09:00') });
    await t.ds.getRepository(Member).update(id, { birthDate: youthBornAfter(inDays(-10)) });
    const edit = async (body: Record<string, unknown>) => {
      const m = await t.http.get(`/api/members/${id}`).set(await t.as('committeeA'));
      const r = await t.http.patch(`/api/members/${id}`).set(await t.as('committeeA')).send({ ...body, version: m.body.version });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    // An edit of a fact an audience looks at re-derives her enrolments: she stays in the track she was given.
    await edit({ isMobile: true });
    expect(await activeEnrolments(t, a.id)).toContain(id);
    // Her birth date was wrong (with the ID number that carries it): at 46 she was never a youth member.
    await edit({ birthDate: '1980-03-08', idNumber: fakeIdNumber('1980-03-08', 'F') });
    expect(await activeEnrolments(t, a.id)).not.toContain(id);
    await expectCountersConsistent(t);
  });

  it('a completed in-county transfer moves the enrolment: the old organisation stops counting it, the new one enrols the member', async () => {
    const { orgs, members } = t.county;
    const everyone = await s.track([{ moduleId: article, required: true }], {}, '全体党员清单');
    const inA = await s.assign(everyone, orgs.committeeA.id);
    const rural = await s.track([{ moduleId: article, required: true }], { orgTypes: ['RURAL'] }, '农村党员清单');
    const inB = await s.assign(rural, orgs.committeeB.id);
    expect(await activeEnrolments(t, inA.id)).toContain(members.memberA1);
    expect(inB.enrolled).toBe(2);
    // memberA1 has done the article this year: the new track is complete as soon as they are enrolled in it.
    await t.http.post(`/api/study/modules/${article}/start`).set(await t.as('memberA1')).expect(200);
    await s.rewind(members.memberA1, article, 120);
    await t.http.post(`/api/study/modules/${article}/complete`).set(await t.as('memberA1')).expect(200);
    const statsA = await s.stats({ orgId: orgs.committeeA.id, trackId: everyone });

    const act = async (user: string, id: number, body: Record<string, unknown>) => {
      const d = await t.http.get(`/api/transfers/${id}`).set(await t.as(user));
      const r = await t.http.post(`/api/transfers/${id}/actions`).set(await t.as(user)).send({ version: d.body.version, ...body });
      expect(r.status, `${body.action}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    const created = await t.http
      .post('/api/transfers')
      .set(await t.as('memberA1'))
      .send({ channel: 'IN_COUNTY', destinationOrgId: orgs.branchB1.id, reason: 'JOB_CHANGE', reasonDetail: '调往乙镇工作' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    await act('memberA1', id, { action: 'submit' });
    await act('branchA1', id, {
      action: 'preApprove',
      checklist: { identityVerified: true, duesPaid: true, goodStanding: true, destinationExact: true, probationHandled: true, materialsComplete: true },
    });
    await act('committeeA', id, { action: 'approve' });
    await act('committeeA', id, { action: 'issueLetter' });
    await act('committeeB', id, { action: 'accept', destinationBranchId: orgs.branchB1.id });
    // Still in the old branch until they report.
    expect(await activeEnrolments(t, inA.id)).toContain(members.memberA1);
    await act('committeeB', id, { action: 'confirmReported' });

    // Left committeeA's subtree: the record stays, inactive, and no longer counts there.
    const [old] = await t.ds.query('SELECT active, left_at, completed_at FROM study_enrolments WHERE assignment_id = ? AND member_id = ?', [inA.id, members.memberA1]);
    expect(Number(old.active)).toBe(0);
    expect(old.left_at).not.toBeNull();
    expect(old.completed_at).not.toBeNull();
    const afterA = await s.stats({ orgId: orgs.committeeA.id, trackId: everyone });
    expect(afterA.org.enrolled).toBe(statsA.org.enrolled - 1);
    expect(afterA.org.completed).toBe(statsA.org.completed - 1);
    // Enrolled in the rural track of the new committee, and already complete there (the article was done this year).
    expect(await activeEnrolments(t, inB.id)).toContain(members.memberA1);
    const b = await t.http.get(`/api/study/assignments/${inB.id}`).set(await t.as('county'));
    expect(b.body).toMatchObject({ enrolled: 3, completed: 1 });
    const my = await s.my('memberA1');
    expect(my.tracks.map((x: { assignmentId: number }) => x.assignmentId)).toEqual([inB.id]);
    expect(my.tracks[0]).toMatchObject({ completedAt: expect.any(String), requiredDone: 1, requiredTotal: 1, percent: 100 });
    // Their class hours moved with them.
    const hoursB = await s.stats({ orgId: orgs.committeeB.id });
    expect(hoursB.org.avgClassHours).toBeGreaterThan(0);
    await expectCountersConsistent(t);
  });

  it('moving a branch to another committee moves its study figures: enrolments outside their assignment are left, the new committee’s assignments enrol', async () => {
    const { orgs, members } = t.county;
    const m = await s.article({ title: '移动测试', minReadSeconds: 10, classHours: 1 });
    const inA = await s.assign(await s.track([{ moduleId: m, required: true }], {}, '甲党委清单'), orgs.committeeA.id);
    const inB = await s.assign(await s.track([{ moduleId: m, required: true }], {}, '乙党委清单'), orgs.committeeB.id);
    const county = await s.assign(await s.track([{ moduleId: m, required: true }], {}, '全县清单'), orgs.root.id);
    expect(await activeEnrolments(t, inA.id)).toContain(members.memberA2);
    // memberA2 earns class hours before the move: they must move too.
    const [{ password_hash: hash }] = await t.ds.query('SELECT password_hash FROM users WHERE username = ?', ['memberA1']);
    await t.ds.query('UPDATE users SET username = ?, password_hash = ? WHERE member_id = ?', ['memberA2', hash, members.memberA2]);
    await t.http.post(`/api/study/modules/${m}/start`).set(await t.as('memberA2')).expect(200);
    await s.rewind(members.memberA2, m, 11);
    await t.http.post(`/api/study/modules/${m}/complete`).set(await t.as('memberA2')).expect(200);
    const hoursB = (await s.stats({ orgId: orgs.committeeB.id })).org;
    const moved = await t.http.post(`/api/organizations/${orgs.branchA2.id}/move`).set(await t.as('county')).send({ parentId: orgs.committeeB.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await activeEnrolments(t, inA.id)).not.toContain(members.memberA2);
    expect(await activeEnrolments(t, inB.id)).toContain(members.memberA2);
    expect(await activeEnrolments(t, county.id)).toContain(members.memberA2);
    const st = await s.stats({ trackId: county.track.id });
    const byOrg = Object.fromEntries(st.children.map((c: { org: { id: number }; enrolled: number }) => [c.org.id, c.enrolled]));
    expect(st.org.enrolled).toBe(byOrg[orgs.committeeA.id] + byOrg[orgs.committeeB.id]);
    const [paths] = await t.ds.query('SELECT org_path FROM study_enrolments WHERE assignment_id = ? AND member_id = ?', [county.id, members.memberA2]);
    expect(paths.org_path).toBe(`${orgs.committeeB.path}${orgs.branchA2.id}/`);
    const hoursAfter = (await s.stats({ orgId: orgs.committeeB.id })).org;
    expect(hoursAfter.avgClassHours * hoursAfter.members).toBeGreaterThan(hoursB.avgClassHours * hoursB.members);
    expect((await s.stats({ trackId: inB.track.id })).org.completed).toBe(1);
    await expectCountersConsistent(t);
  });

  it('a member who leaves the county keeps their record, which stops counting anywhere', async () => {
    const { orgs, members } = t.county;
    const track = await s.track([{ moduleId: article, required: true }], { orgTypes: ['RURAL'] }, '离开测试');
    const a = await s.assign(track, orgs.committeeB.id);
    expect(await activeEnrolments(t, a.id)).toContain(members.memberB1);
    const act = async (user: string, id: number, body: Record<string, unknown>) => {
      const d = await t.http.get(`/api/transfers/${id}`).set(await t.as(user));
      const r = await t.http.post(`/api/transfers/${id}/actions`).set(await t.as(user)).send({ version: d.body.version, ...body });
      expect(r.status, `${body.action}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    const created = await t.http
      .post('/api/transfers')
      .set(await t.as('memberB1'))
      .send({ channel: 'IN_PROVINCE', destinationName: '中共南京市玄武区梅园新村街道工作委员会', destinationRegion: '江苏省南京市', reason: 'JOB_CHANGE' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    await act('memberB1', id, { action: 'submit' });
    const r = await t.http.get(`/api/transfers/${id}`).set(await t.as('committeeB'));
    expect(r.status).toBe(200);
    await act('committeeB', id, {
      action: 'preApprove',
      checklist: { identityVerified: true, duesPaid: true, goodStanding: true, destinationExact: true, probationHandled: true, materialsComplete: true },
    });
    await act('committeeB', id, { action: 'approve' });
    await act('committeeB', id, { action: 'issueLetter' });
    await act('committeeB', id, { action: 'recordReceipt', receiptHandler: '张三', receiptPhone: '02588888888' });
    expect(await activeEnrolments(t, a.id)).not.toContain(members.memberB1);
    const [row] = await t.ds.query('SELECT COUNT(*) AS n FROM study_enrolments WHERE assignment_id = ? AND member_id = ?', [a.id, members.memberB1]);
    expect(Number(row.n)).toBe(1);
    await expectCountersConsistent(t);
  });
  it('imported members who match are enrolled, in the import’s transaction', async () => {
    const { orgs } = t.county;
    const track = await s.track([{ moduleId: article, required: true }], { orgTypes: ['COMMUNITY'] }, '导入测试清单');
    const a = await s.assign(track, orgs.committeeA.id);
    const rows = [validRow(7001, 'T-branchA1', '151'), validRow(7002, 'T-branchAG1', '151'), validRow(7003, 'T-branchB1', '151')];
    const r = await t.http.post('/api/members/import').set(await t.as('county')).attach('file', await importFile(rows), 'members.xlsx');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const imported: { id: number; org_id: number }[] = await t.ds.query(`SELECT id, org_id FROM members WHERE phone LIKE '151%' ORDER BY id`);
    expect(imported).toHaveLength(3);
    const enrolled = await activeEnrolments(t, a.id);
    // The two in committeeA's community branches; not the rural one.
    expect(imported.filter((m) => enrolled.includes(Number(m.id))).map((m) => Number(m.org_id))).toEqual([orgs.branchA1.id, orgs.branchAG1.id]);
    await expectCountersConsistent(t);
  });

  it('an import of many members adds them to each organisation’s study counters at once, not branch by branch and chunk by chunk', async () => {
    const { orgs } = t.county;
    const track = await s.track([{ moduleId: article, required: true }], { orgTypes: ['COMMUNITY'] }, '批量导入清单');
    const a = await s.assign(track, orgs.committeeA.id);
    // 1,200 rows over two community branches, alternating: each 500-member chunk of the enrolment touches both.
    const rows = Array.from({ length: 1200 }, (_, i) => validRow(20_000 + i, i % 2 ? 'T-branchAG1' : 'T-branchA1', '152'));
    const capture = captureQueries(t.ds);
    capture.start();
    const r = await t.http.post('/api/members/import').set(await t.as('county')).attach('file', await importFile(rows), 'members.xlsx');
    const updates = capture.stop().filter((q) => /^\s*UPDATE\s+[`"]?study_org_counters/i.test(q.sql) && q.params.includes(a.id));
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
    // branchA1 and branchAG1 gain 600 each, generalA (above branchAG1) 600, committeeA and the root 1,200: two
    // amounts, two statements. Branch by branch and chunk by chunk it was six (each with a SELECT before it).
    expect(updates.map((q) => q.params[0])).toEqual([600, 1200]);
    const counters: { org_id: number; enrolled: number }[] = await t.ds.query('SELECT org_id, enrolled FROM study_org_counters WHERE assignment_id = ?', [a.id]);
    const enrolledAt = Object.fromEntries(counters.map((c) => [Number(c.org_id), Number(c.enrolled)]));
    const before = (await t.ds.query(`SELECT COUNT(*) AS n FROM study_enrolments WHERE assignment_id = ? AND active = 1 AND member_id IN (SELECT id FROM members WHERE phone NOT LIKE '152%')`, [a.id]))[0];
    expect(enrolledAt[orgs.committeeA.id]).toBe(1200 + Number(before.n));
    await expectCountersConsistent(t);
  });

  it('a member arriving from outside the county is enrolled when placed in a branch', async () => {
    const { orgs } = t.county;
    const track = await s.track([{ moduleId: article, required: true }], {}, '转入测试清单');
    const a = await s.assign(track, orgs.committeeB.id);
    const birthDate = '1993-05-04';
    const reg = await t.http
      .post('/api/transfers/inbound')
      .set(await t.as('committeeB'))
      .send({
        destinationOrgId: orgs.branchB1.id,
        incomingLetterNo: '2026320102777',
        sourceOrgName: '中共南京市玄武区委组织部',
        sourceRegion: '江苏省南京市',
        validUntil: inDays(30),
        name: '钱新来',
        sex: 'M',
        ethnicity: '汉族',
        birthDate,
        idNumber: fakeIdNumber(birthDate, 'M'),
        phone: fakePhone(),
        education: 'BACHELOR',
        category: 'FULL',
        joinedAt: '2016-06-30',
        duesPaidThrough: '2026-10',
        reason: 'JOB_CHANGE',
      });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const d = await t.http.get(`/api/transfers/${reg.body.id}`).set(await t.as('committeeB'));
    const acc = await t.http
      .post(`/api/transfers/${reg.body.id}/actions`)
      .set(await t.as('committeeB'))
      .send({ action: 'accept', destinationBranchId: orgs.branchB1.id, version: d.body.version });
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    expect(await activeEnrolments(t, a.id)).toContain(Number(acc.body.member.id));
    await expectCountersConsistent(t);
  });

});
