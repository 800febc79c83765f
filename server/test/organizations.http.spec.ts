import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, expectError, lastAuditId } from './support/http';
import { startTestApp, tableCounts, type TestApp } from './support/test-app';
import { expectTreeConsistent, orgSnapshot } from './support/tree';

const TABLES = ['organizations', 'members', 'audit_log', 'member_org_history'];

describe('organisations over HTTP', () => {
  let t: TestApp;
  let o: TestApp['county']['orgs'];
  beforeAll(async () => {
    t = await startTestApp();
    o = t.county.orgs;
    // Log everyone in now, so the audit rows of those logins do not count as changes made by refused requests.
    for (const who of ['county', 'committeeA', 'branchA1', 'memberA1', 'committeeB', 'memberB1', 'sysadmin']) await t.as(who);
  });
  afterAll(() => t.close());

  const get = async (path: string, who: string) => t.http.get(`/api/organizations${path}`).set(await t.as(who));
  const ids = (list: { id: number }[]) => list.map((x) => x.id);

  /** Runs a request that must be refused and checks that nothing at all changed. */
  async function refusedWithoutChange(send: () => Promise<import('supertest').Response>, status: number, code: string) {
    const counts = await tableCounts(t.ds, TABLES);
    const tree = await orgSnapshot(t.ds);
    const res = await send();
    expectError(res, status, code);
    expect(await tableCounts(t.ds, TABLES)).toEqual(counts);
    expect(await orgSnapshot(t.ds)).toEqual(tree);
    return res;
  }

  describe('reading', () => {
    it('GET :id gives the organisation, its breadcrumb and its subtree counts', async () => {
      const res = await get(`/${o.committeeA.id}`, 'county');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: o.committeeA.id,
        name: o.committeeA.name,
        code: 'T-committeeA',
        level: 'COMMITTEE',
        parentId: o.root.id,
        depth: 1,
        path: o.committeeA.path,
        childCount: 3,
        descendantCount: 4,
        memberCount: 5,
        canManage: true,
        hasApprovalAuthority: true,
      });
      expect(res.body.ancestors).toEqual([{ id: o.root.id, name: o.root.name, shortName: o.root.shortName, level: 'COUNTY_COMMITTEE' }]);

      const branch = await get(`/${o.branchAG1.id}`, 'committeeA');
      expect(branch.status).toBe(200);
      expect(ids(branch.body.ancestors)).toEqual([o.root.id, o.committeeA.id, o.generalA.id]);
      expect(branch.body).toMatchObject({ descendantCount: 0, memberCount: 1, childCount: 0 });

      const root = await get(`/${o.root.id}`, 'county');
      expect(root.body).toMatchObject({ ancestors: [], descendantCount: 7, memberCount: 7, childCount: 2 });
    });

    it('a branch administrator reads their branch, sees the breadcrumb above, and may not manage it', async () => {
      const res = await get(`/${o.branchA1.id}`, 'branchA1');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ memberCount: 3, canManage: false });
      expect(ids(res.body.ancestors)).toEqual([o.root.id, o.committeeA.id]);
    });

    it('GET :id/children lists each child with its counts', async () => {
      const res = await get(`/${o.committeeA.id}/children`, 'committeeA');
      expect(res.status).toBe(200);
      const byId = Object.fromEntries(res.body.map((c: { id: number }) => [c.id, c]));
      expect(Object.keys(byId).map(Number).sort((a, b) => a - b)).toEqual([o.branchA1.id, o.branchA2.id, o.generalA.id].sort((a, b) => a - b));
      expect(byId[o.branchA1.id]).toMatchObject({ level: 'BRANCH', memberCount: 3, descendantCount: 0, childCount: 0 });
      expect(byId[o.branchA2.id]).toMatchObject({ memberCount: 1, descendantCount: 0, childCount: 0 });
      expect(byId[o.generalA.id]).toMatchObject({ level: 'GENERAL_BRANCH', memberCount: 1, descendantCount: 1, childCount: 1 });
      expect((await get(`/${o.branchA1.id}/children`, 'committeeA')).body).toEqual([]);
    });

    it('lists the roots of the caller’s scope without q', async () => {
      expect(ids((await get('', 'county')).body)).toEqual([o.root.id]);
      expect(ids((await get('', 'committeeA')).body)).toEqual([o.committeeA.id]);
      expect(ids((await get('', 'branchA1')).body)).toEqual([o.branchA1.id]);
      expect(ids((await get('', 'sysadmin')).body)).toEqual([o.root.id]);
      const root = (await get('', 'committeeB')).body[0];
      expect(root).toMatchObject({ id: o.committeeB.id, descendantCount: 1, memberCount: 2, childCount: 1 });
    });

    it('searches names, short names and codes within the caller’s scope only', async () => {
      const branches = [o.branchA1.id, o.branchA2.id, o.branchAG1.id];
      expect(ids((await get('?q=branch', 'committeeA')).body).sort()).toEqual([...branches].sort());
      expect(ids((await get('?q=branch', 'county')).body).sort()).toEqual([...branches, o.branchB1.id].sort());
      expect(ids((await get('?q=branch', 'committeeB')).body)).toEqual([o.branchB1.id]);
      expect((await get('?q=T-branchB1', 'committeeA')).body).toEqual([]);
      expect(ids((await get('?q=T-branchB1', 'county')).body)).toEqual([o.branchB1.id]);
      expect(ids((await get(`?q=${encodeURIComponent('中共测试committeeB委员会')}`, 'county')).body)).toEqual([o.committeeB.id]);
      // LIKE wildcards are matched literally.
      expect((await get('?q=%25', 'county')).body).toEqual([]);
      expect((await get('?q=_', 'county')).body).toEqual([]);
      expect((await get('?q=branch&limit=2', 'county')).body).toHaveLength(2);
      expectError(await get('?q=branch&limit=51', 'county'), 400, 'VALIDATION_FAILED');
      expectError(await get(`?q=${'x'.repeat(51)}`, 'county'), 400, 'VALIDATION_FAILED');
    });

    it('answers 404 outside the caller’s scope, as if the organisation did not exist', async () => {
      expectError(await get(`/${o.committeeA.id}`, 'committeeB'), 404, 'NOT_FOUND');
      expectError(await get(`/${o.branchA1.id}`, 'committeeB'), 404, 'NOT_FOUND');
      expectError(await get(`/${o.committeeA.id}/children`, 'committeeB'), 404, 'NOT_FOUND');
      // Children in the caller's scope do not put their parent in it: a branch's administrator cannot list its siblings.
      expectError(await get(`/${o.committeeA.id}/children`, 'branchA1'), 404, 'NOT_FOUND');
      expectError(await get(`/${o.root.id}/children`, 'committeeA'), 404, 'NOT_FOUND');
      // A childless organisation outside the scope, and one that does not exist, answer the same.
      expectError(await get(`/${o.branchB1.id}/children`, 'committeeA'), 404, 'NOT_FOUND');
      expectError(await get('/999999/children', 'county'), 404, 'NOT_FOUND');
      expectError(await get(`/${o.committeeA.id}`, 'branchA1'), 404, 'NOT_FOUND');
      expectError(await get(`/${o.branchA2.id}`, 'branchA1'), 404, 'NOT_FOUND');
      expectError(await get('/999999', 'county'), 404, 'NOT_FOUND');
      expectError(await get('/abc', 'county'), 400, 'VALIDATION_FAILED');
    });

    it('refuses members the tree (403) and everyone without a token (401)', async () => {
      expectError(await get(`/${o.branchA1.id}`, 'memberA1'), 403, 'FORBIDDEN');
      expectError(await get(`/${o.branchA1.id}/children`, 'memberA1'), 403, 'FORBIDDEN');
      expectError(await get('', 'memberA1'), 403, 'FORBIDDEN');
      expectError(await get('?q=branch', 'memberA1'), 403, 'FORBIDDEN');
      expectError(await t.http.get(`/api/organizations/${o.root.id}`), 401, 'UNAUTHENTICATED');
      expectError(await t.http.get('/api/organizations'), 401, 'UNAUTHENTICATED');
      expectError(await t.http.get('/api/organizations/directory'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('directory', () => {
    const FIELDS = ['code', 'id', 'level', 'name', 'parentName', 'shortName'];

    it('lets any logged-in user, a member included, search the whole county by name or code', async () => {
      const res = await get('/directory?q=branchB1', 'memberA1');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        { id: o.branchB1.id, name: o.branchB1.name, shortName: o.branchB1.shortName, code: 'T-branchB1', level: 'BRANCH', parentName: o.committeeB.name },
      ]);
      expect((await get('/directory?q=T-committeeA', 'committeeB')).body.map((e: { id: number }) => e.id)).toEqual([o.committeeA.id]);
      expect((await get('/directory?q=branch', 'memberB1')).body).toHaveLength(4);
    });

    it('shows names and codes only: no counts, no paths, no people', async () => {
      const res = await get('/directory?limit=50', 'memberA1');
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(8);
      for (const entry of res.body) expect(Object.keys(entry).sort()).toEqual(FIELDS);
      expect(res.body.find((e: { id: number }) => e.id === o.root.id).parentName).toBeNull();
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/[Cc]ount|path|phone|contact|address/);
      for (const name of ['memberA1', 'secretaryA1', '联系人', '测试地址']) expect(text).not.toContain(name);
    });
  });

  describe('creating', () => {
    const body = (parentId: number, code: string, extra: Record<string, unknown> = {}) => ({
      parentId,
      level: 'BRANCH',
      code,
      name: `中共测试${code}支部委员会`,
      shortName: `测试${code}`,
      type: 'COMMUNITY',
      hasApprovalAuthority: false,
      contactPerson: '张三',
      phone: '0516-88001234',
      postcode: '221400',
      ...extra,
    });

    it('creates a branch under a committee in scope, updates the ancestors’ counts and audits it', async () => {
      const before = await lastAuditId(t.ds);
      const res = await t.http.post('/api/organizations').set(await t.as('committeeA')).send(body(o.committeeA.id, 'NEW-A3'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ code: 'NEW-A3', level: 'BRANCH', parentId: o.committeeA.id, depth: 2, descendantCount: 0, memberCount: 0, contactPerson: '张三' });
      expect(res.body.path).toBe(`${o.committeeA.path}${res.body.id}/`);
      expect(ids(res.body.ancestors)).toEqual([o.root.id, o.committeeA.id]);
      expect((await get(`/${o.committeeA.id}`, 'committeeA')).body.descendantCount).toBe(5);
      expect((await get(`/${o.root.id}`, 'county')).body.descendantCount).toBe(8);
      const audit = await auditSince(t.ds, before);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'organization.create',
          actor_user_id: t.county.users.committeeA,
          actor_role: 'COMMITTEE_ADMIN',
          actor_org_id: o.committeeA.id,
          target_type: 'organization',
          target_id: String(res.body.id),
        }),
      ]);
      await expectTreeConsistent(t.ds);
    });

    it('follows the level rules: a branch holds no children, a general branch holds only branches', async () => {
      const send = async (parentId: number, level: string) =>
        t.http.post('/api/organizations').set(await t.as('county')).send(body(parentId, `LVL-${level.replaceAll("_", "-")}`, { level }));
      for (const level of ['BRANCH', 'GENERAL_BRANCH', 'COMMITTEE']) {
        await refusedWithoutChange(() => send(o.branchA1.id, level), 400, 'ORG_PARENT_INVALID');
      }
      await refusedWithoutChange(() => send(o.generalA.id, 'COMMITTEE'), 400, 'ORG_PARENT_INVALID');
      await refusedWithoutChange(() => send(o.generalA.id, 'COUNTY_COMMITTEE'), 400, 'ORG_PARENT_INVALID');
      const ok = await send(o.generalA.id, 'BRANCH');
      expect(ok.status).toBe(201);
    });

    it('refuses a code already in use with 409 ORG_CODE_TAKEN', async () => {
      const auth = await t.as('committeeA');
      await refusedWithoutChange(async () => t.http.post('/api/organizations').set(auth).send(body(o.committeeA.id, 'T-branchB1')), 409, 'ORG_CODE_TAKEN');
      await refusedWithoutChange(async () => t.http.post('/api/organizations').set(auth).send(body(o.committeeA.id, 'NEW-A3')), 409, 'ORG_CODE_TAKEN');
    });

    it('validates the body: unknown fields, bad codes, missing names, bad postcodes', async () => {
      const auth = await t.as('county');
      const cases: [Record<string, unknown>, string][] = [
        [body(o.committeeA.id, 'V-1', { path: '/1/' }), 'path'],
        [body(o.committeeA.id, 'bad code!'), 'code'],
        [body(o.committeeA.id, 'V-2', { name: undefined }), 'name'],
        [body(o.committeeA.id, 'V-3', { postcode: '22140' }), 'postcode'],
        [body(o.committeeA.id, 'V-4', { level: 'PARTY_GROUP' }), 'level'],
        [body(o.committeeA.id, 'V-5', { type: 'ARMY' }), 'type'],
        [body(o.committeeA.id, 'V-6', { name: 'x'.repeat(101) }), 'name'],
        [body(0, 'V-7'), 'parentId'],
      ];
      for (const [payload, field] of cases) {
        const res = await refusedWithoutChange(async () => t.http.post('/api/organizations').set(auth).send(payload), 400, 'VALIDATION_FAILED');
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });

    it('refuses parents outside the caller’s scope (404), callers without org.manage (403) and no token (401)', async () => {
      await refusedWithoutChange(async () => t.http.post('/api/organizations').set(await t.as('committeeA')).send(body(o.committeeB.id, 'OUT-1')), 404, 'NOT_FOUND');
      await refusedWithoutChange(async () => t.http.post('/api/organizations').set(await t.as('branchA1')).send(body(o.committeeA.id, 'OUT-2')), 403, 'FORBIDDEN');
      await refusedWithoutChange(async () => t.http.post('/api/organizations').set(await t.as('memberA1')).send(body(o.committeeA.id, 'OUT-3')), 403, 'FORBIDDEN');
      await refusedWithoutChange(async () => t.http.post('/api/organizations').send(body(o.committeeA.id, 'OUT-4')), 401, 'UNAUTHENTICATED');
    });
  });

  describe('updating', () => {
    it('changes the given fields only, and audits before and after', async () => {
      const before = await lastAuditId(t.ds);
      const res = await t.http
        .patch(`/api/organizations/${o.branchA2.id}`)
        .set(await t.as('committeeA'))
        .send({ shortName: '改名支部', contactPerson: '李四', hasApprovalAuthority: false });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: o.branchA2.id, shortName: '改名支部', contactPerson: '李四', name: o.branchA2.name, code: 'T-branchA2', memberCount: 1 });
      const audit = await auditSince(t.ds, before);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'organization.update', target_id: String(o.branchA2.id), actor_role: 'COMMITTEE_ADMIN' });
      expect(JSON.parse(audit[0].detail!)).toMatchObject({ before: { shortName: o.branchA2.shortName, contactPerson: '联系人' }, after: { shortName: '改名支部', contactPerson: '李四' } });
    });

    it('refuses bad input without changing anything: unknown or immutable fields, nulls, bad values', async () => {
      const auth = await t.as('committeeA');
      // Spaces alone say nothing; NUL and half a surrogate pair are no one's text.
      const untypeable = [{ shortName: '   ' }, { name: ' \t\u3000 ' }, { shortName: '支部\u0000' }, { contactPerson: '张\ud800' }, { address: '\udc00路' }];
      for (const payload of [{ code: 'NEW-CODE' }, { parentId: o.committeeB.id }, { name: null }, { type: null }, { shortName: '' }, { postcode: 'abcdef' }, ...untypeable]) {
        await refusedWithoutChange(async () => t.http.patch(`/api/organizations/${o.branchA2.id}`).set(auth).send(payload), 400, 'VALIDATION_FAILED');
      }
    });

    it('leaves the authority to approve probationary members to the county, and to committees only', async () => {
      const authority = async (id: number) => Number((await t.ds.query('SELECT has_approval_authority AS a FROM organizations WHERE id = ?', [id]))[0].a) === 1;
      const patch = async (id: number, who: string, hasApprovalAuthority: boolean) => t.http.patch(`/api/organizations/${id}`).set(await t.as(who)).send({ hasApprovalAuthority });
      // A committee neither withdraws its own nor gives it below itself (it decides who approves and issues letters).
      await refusedWithoutChange(() => patch(o.committeeA.id, 'committeeA', false), 403, 'FORBIDDEN');
      await refusedWithoutChange(() => patch(o.branchA2.id, 'committeeA', true), 400, 'VALIDATION_FAILED');
      await refusedWithoutChange(
        async () => t.http.post('/api/organizations').set(await t.as('committeeA')).send({ parentId: o.committeeA.id, level: 'COMMITTEE', code: 'NEW-AC', name: '中共测试社区委员会', shortName: '测试社区党委', type: 'COMMUNITY', hasApprovalAuthority: true }),
        403,
        'FORBIDDEN',
      );
      // Not even the county gives it to a branch or a general branch: receivers refuse letters a branch issued.
      const refused = await refusedWithoutChange(() => patch(o.generalA.id, 'county', true), 400, 'VALIDATION_FAILED');
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'hasApprovalAuthority', constraint: 'committeeOnly' })]);
      expect([await authority(o.committeeA.id), await authority(o.branchA2.id), await authority(o.generalA.id)]).toEqual([true, false, false]);
      // The county withdraws and grants it; saying what is already so is no change at all.
      expect((await patch(o.committeeB.id, 'county', false)).body.hasApprovalAuthority).toBe(false);
      expect((await patch(o.committeeB.id, 'county', true)).body.hasApprovalAuthority).toBe(true);
      expect((await patch(o.committeeA.id, 'committeeA', true)).status).toBe(200);
    });

    it('refuses out-of-scope (404), forbidden (403) and anonymous (401) updates', async () => {
      await refusedWithoutChange(async () => t.http.patch(`/api/organizations/${o.branchB1.id}`).set(await t.as('committeeA')).send({ shortName: 'x' }), 404, 'NOT_FOUND');
      await refusedWithoutChange(async () => t.http.patch(`/api/organizations/${o.branchA1.id}`).set(await t.as('branchA1')).send({ shortName: 'x' }), 403, 'FORBIDDEN');
      await refusedWithoutChange(async () => t.http.patch(`/api/organizations/${o.branchA1.id}`).send({ shortName: 'x' }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('moving', () => {
    const move = async (id: number, parentId: number, who = 'county') =>
      t.http.post(`/api/organizations/${id}/move`).set(await t.as(who)).send({ parentId });

    it('refuses cycles, moving the root, bad levels and out-of-scope targets, changing nothing', async () => {
      await refusedWithoutChange(() => move(o.committeeA.id, o.committeeA.id), 400, 'ORG_MOVE_CYCLE');
      await refusedWithoutChange(() => move(o.committeeA.id, o.generalA.id), 400, 'ORG_MOVE_CYCLE');
      await refusedWithoutChange(() => move(o.committeeA.id, o.branchAG1.id), 400, 'ORG_MOVE_CYCLE');
      await refusedWithoutChange(() => move(o.root.id, o.committeeA.id), 400, 'ORG_PARENT_INVALID');
      await refusedWithoutChange(() => move(o.generalA.id, o.branchB1.id), 400, 'ORG_PARENT_INVALID');
      await refusedWithoutChange(() => move(o.committeeB.id, o.generalA.id), 400, 'ORG_PARENT_INVALID');
      // A committee administrator cannot move their subtree out of their own scope, nor reach into another.
      await refusedWithoutChange(() => move(o.generalA.id, o.committeeB.id, 'committeeA'), 404, 'NOT_FOUND');
      await refusedWithoutChange(() => move(o.branchB1.id, o.committeeA.id, 'committeeA'), 404, 'NOT_FOUND');
      await refusedWithoutChange(() => move(o.branchA1.id, o.generalA.id, 'branchA1'), 403, 'FORBIDDEN');
      await refusedWithoutChange(async () => t.http.post(`/api/organizations/${o.branchA1.id}/move`).send({ parentId: o.generalA.id }), 401, 'UNAUTHENTICATED');
      await refusedWithoutChange(async () => t.http.post(`/api/organizations/${o.branchA1.id}/move`).set(await t.as('county')).send({}), 400, 'VALIDATION_FAILED');
    });

    it('moves a subtree: paths of its organisations and members are rewritten and the counts follow', async () => {
      const before = await lastAuditId(t.ds);
      const a = (await get(`/${o.committeeA.id}`, 'county')).body;
      const b = (await get(`/${o.committeeB.id}`, 'county')).body;
      const g = (await get(`/${o.generalA.id}`, 'county')).body;
      const res = await move(o.generalA.id, o.committeeB.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ parentId: o.committeeB.id, path: `${o.committeeB.path}${o.generalA.id}/`, depth: 2 });
      expect(ids(res.body.ancestors)).toEqual([o.root.id, o.committeeB.id]);
      const moved = { descendants: g.descendantCount + 1, members: g.memberCount };
      expect((await get(`/${o.committeeA.id}`, 'county')).body).toMatchObject({
        descendantCount: a.descendantCount - moved.descendants,
        memberCount: a.memberCount - moved.members,
      });
      expect((await get(`/${o.committeeB.id}`, 'county')).body).toMatchObject({
        descendantCount: b.descendantCount + moved.descendants,
        memberCount: b.memberCount + moved.members,
      });
      expect((await get(`/${o.root.id}`, 'county')).body.memberCount).toBe(7);
      const branch = (await get(`/${o.branchAG1.id}`, 'county')).body;
      expect(branch).toMatchObject({ path: `${o.committeeB.path}${o.generalA.id}/${o.branchAG1.id}/`, depth: 3 });
      const [member] = await t.ds.query('SELECT org_path FROM members WHERE id = ?', [t.county.members.memberAG1]);
      expect(member.org_path).toBe(branch.path);
      await expectTreeConsistent(t.ds);

      // Scope follows the tree at once: the subtree and its member now belong to committee B's administrator.
      expectError(await get(`/${o.generalA.id}`, 'committeeA'), 404, 'NOT_FOUND');
      expect((await get(`/${o.generalA.id}`, 'committeeB')).status).toBe(200);
      expectError(await t.http.get(`/api/members/${t.county.members.memberAG1}`).set(await t.as('committeeA')), 404, 'NOT_FOUND');
      expect((await t.http.get(`/api/members/${t.county.members.memberAG1}`).set(await t.as('committeeB'))).status).toBe(200);

      const audit = await auditSince(t.ds, before);
      expect(audit).toEqual([expect.objectContaining({ action: 'organization.move', target_id: String(o.generalA.id), actor_role: 'COUNTY_ADMIN' })]);
      expect(JSON.parse(audit[0].detail!)).toMatchObject({ fromParentId: o.committeeA.id, toParentId: o.committeeB.id });
    });

    it('moves a subtree deeper: every depth below changes and the administrators’ scopes follow', async () => {
      const res = await move(o.committeeB.id, o.committeeA.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ depth: 2, path: `${o.committeeA.path}${o.committeeB.id}/` });
      expect((await get(`/${o.branchAG1.id}`, 'county')).body.depth).toBe(4);
      expect((await get(`/${o.committeeA.id}`, 'county')).body).toMatchObject({ memberCount: 7, childCount: 4 });
      expect((await get(`/${o.root.id}`, 'county')).body).toMatchObject({ memberCount: 7, childCount: 1 });
      await expectTreeConsistent(t.ds);
      // Committee B's administrator still sees their own subtree, now one level lower; committee A's sees it too.
      expect(ids((await get('', 'committeeB')).body)).toEqual([o.committeeB.id]);
      expect((await get(`/${o.branchB1.id}`, 'committeeA')).status).toBe(200);
      const list = await t.http.get(`/api/members?orgId=${o.committeeB.id}`).set(await t.as('committeeB'));
      expect(list.body.items).toHaveLength(3);
      // Moving it back restores the original counts.
      expect((await move(o.committeeB.id, o.root.id)).status).toBe(200);
      expect((await get(`/${o.committeeA.id}`, 'county')).body.memberCount).toBe(4);
      await expectTreeConsistent(t.ds);
    });

    it('two concurrent moves that together would make a cycle: exactly one succeeds, the tree stays a tree', async () => {
      const auth = await t.as('county');
      for (let round = 0; round < 4; round++) {
        const [x, y] = round % 2 ? [o.committeeB, o.committeeA] : [o.committeeA, o.committeeB];
        const results = await Promise.all([
          t.http.post(`/api/organizations/${x.id}/move`).set(auth).send({ parentId: y.id }),
          t.http.post(`/api/organizations/${y.id}/move`).set(auth).send({ parentId: x.id }),
        ]);
        expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toEqual([200, 400]);
        expectError(results.find((r) => r.status === 400)!, 400, 'ORG_MOVE_CYCLE');
        await expectTreeConsistent(t.ds);
        // Put the moved committee back under the root for the next round.
        const moved = results[0].status === 200 ? x : y;
        expect((await move(moved.id, o.root.id)).status).toBe(200);
        await expectTreeConsistent(t.ds);
      }
    });
  });
});
