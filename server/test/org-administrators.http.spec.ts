import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLoginMembers } from './factories/transfer-county';
import { binary, readSheet } from './support/xlsx';
import { startTestApp, type TestApp } from './support/test-app';
import { TransferClient } from './support/transfers';

/**
 * Administrators appointed and dismissed from the app by the tier above: a member of the organisation's subtree is
 * given its administrator role on their own account, takes over at once the steps waiting there with no administrator
 * nearer, and hands them back to the nearest one above when dismissed. Refusals change nothing.
 *
 *   root (county) ─┬─ committeeA (committeeA) ─┬─ branchA1 (branchA1)
 *                  │                           └─ branchA2 (none)      ← a2, a3, a4 are its members
 *                  └─ committeeB (committeeB) ── branchB1 (branchB1)
 */
describe('administrators of an organisation', () => {
  let t: TestApp;
  let tc: TransferClient;
  let branchA2: number;
  let transfer: number;

  beforeAll(async () => {
    t = await startTestApp();
    tc = new TransferClient(t);
    const { branchA2: a2org, branchB1 } = t.county.orgs;
    branchA2 = a2org.id;
    await addLoginMembers(t, a2org, ['a2', 'a3', 'a4']);
    transfer = (await tc.submitted('a2', { channel: 'IN_COUNTY', destinationOrgId: branchB1.id, reason: 'JOB_CHANGE' })).id;
  });
  afterAll(() => t.close());

  const list = async (user: string, orgId = branchA2) => t.http.get(`/api/organizations/${orgId}/administrators`).set(await t.as(user));
  const appoint = async (user: string, memberId: unknown, orgId = branchA2) => t.http.post(`/api/organizations/${orgId}/administrators`).set(await t.as(user)).send({ memberId });
  const dismiss = async (user: string, assignmentId: number, orgId = branchA2) => t.http.delete(`/api/organizations/${orgId}/administrators/${assignmentId}`).set(await t.as(user));
  const todo = async (user: string) => {
    const r = await t.http.get('/api/transfers').query({ queue: 'todo', limit: 100 }).set(await t.as(user));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return { ids: (r.body.items as { id: number }[]).map((i) => i.id) };
  };
  const roles = async () => Number((await t.ds.query('SELECT COUNT(*) AS n FROM role_assignments'))[0].n);
  const audits = async (action: string) => (await t.ds.query('SELECT target_id, detail FROM audit_log WHERE action = ? ORDER BY id', [action])) as { target_id: string; detail: string }[];

  it('lists who administers an organisation, and whether the caller may change that', async () => {
    const a1 = await list('committeeA', t.county.orgs.branchA1.id);
    expect(a1.status).toBe(200);
    expect(a1.body).toMatchObject({ role: 'BRANCH_ADMIN', canAppoint: true });
    expect(a1.body.administrators).toEqual([expect.objectContaining({ displayName: expect.any(String), role: 'BRANCH_ADMIN', self: false, disabled: false })]);
    // A committee's own administrators are the county's to appoint: the committee sees them, and itself among them.
    const own = await list('committeeA', t.county.orgs.committeeA.id);
    expect(own.body).toMatchObject({ role: 'COMMITTEE_ADMIN', canAppoint: false, administrators: [expect.objectContaining({ self: true })] });
    expect((await list('county', t.county.orgs.committeeA.id)).body.canAppoint).toBe(true);
    // Another committee's branch is outside the scope: as if it did not exist. A branch administrator may not ask.
    expect((await list('committeeA', t.county.orgs.branchB1.id)).status).toBe(404);
    expect((await list('branchA1', t.county.orgs.branchA1.id)).body.code).toBe('FORBIDDEN');
    expect((await list('committeeA')).body.administrators).toEqual([]);
  });

  it('an appointed member takes over at once the steps waiting there, and a dismissed one hands them back', async () => {
    // Branch A2 has no administrator: its pre-review is committee A's.
    expect((await todo('committeeA')).ids).toContain(transfer);
    expect((await todo('a3')).ids).toEqual([]);
    const r = await appoint('committeeA', t.county.members.a3);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ role: 'BRANCH_ADMIN', memberId: t.county.members.a3, displayName: 'a3', self: false, disabled: false });
    expect(new Date(r.body.since).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Their own account now administers the branch: their session says so, and the pre-review is theirs alone.
    const me = await t.http.get('/api/me').set(await t.as('a3')).expect(200);
    expect(me.body.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'BRANCH_ADMIN', org: expect.objectContaining({ id: branchA2 }) })]));
    expect((await todo('a3')).ids).toEqual([transfer]);
    expect((await todo('committeeA')).ids).not.toContain(transfer);
    expect((await list('committeeA')).body.administrators).toEqual([expect.objectContaining({ assignmentId: r.body.assignmentId, branchName: t.county.orgs.branchA2.shortName })]);
    const [appointed] = await audits('user.appoint');
    expect(appointed).toMatchObject({ target_id: String(me.body.id) });
    expect(JSON.parse(appointed.detail)).toEqual({ role: 'BRANCH_ADMIN', orgId: branchA2, memberId: t.county.members.a3 });

    // They are told, in the app, where to start.
    const told = async () => ((await t.http.get('/api/notifications').query({ limit: 50 }).set(await t.as('a3')).expect(200)).body.items as { kind: string; title: string; link: string; params: unknown }[]).filter((n) => n.kind.startsWith('admin.'));
    expect(await told()).toEqual([expect.objectContaining({ kind: 'admin.appointed', title: `您已被任命为${t.county.orgs.branchA2.shortName}管理员`, link: '/admin/transfers', params: { org: t.county.orgs.branchA2.shortName, role: 'BRANCH_ADMIN' } })]);

    const gone = await dismiss('committeeA', r.body.assignmentId);
    expect(gone.status, JSON.stringify(gone.body)).toBe(204);
    expect((await todo('a3')).ids).toEqual([]);
    expect((await t.http.get('/api/me').set(await t.as('a3')).expect(200)).body.roles.map((a: { role: string }) => a.role)).not.toContain('BRANCH_ADMIN');
    expect((await todo('committeeA')).ids).toContain(transfer);
    expect((await list('committeeA')).body.administrators).toEqual([]);
    expect(await audits('user.dismiss')).toEqual([expect.objectContaining({ target_id: String(me.body.id) })]);
    expect((await told()).map((n) => n.kind)).toEqual(['admin.dismissed', 'admin.appointed']);
    // Dismissed again (a second click, another tab): it is gone.
    expect((await dismiss('committeeA', r.body.assignmentId)).status).toBe(404);
  });

  it('refuses what the rules refuse, with a code, and changes nothing', async () => {
    const before = await roles();
    const beforeAudit = (await audits('user.appoint')).length;
    // Not of this branch: a member of branch A1 cannot administer A2.
    const other = await appoint('committeeA', t.county.members.memberA1);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('ADMINISTRATOR_NOT_ELIGIBLE');
    // A member outside the caller's scope, and one that does not exist, answer alike.
    expect((await appoint('committeeA', t.county.members.memberB1)).status).toBe(404);
    expect((await appoint('committeeA', 2_147_480_000)).status).toBe(404);
    // A committee does not appoint its own peers; a branch administrator appoints nobody.
    expect((await appoint('committeeA', t.county.members.memberA1, t.county.orgs.committeeA.id)).status).toBe(403);
    expect((await appoint('branchA1', t.county.members.memberA1, t.county.orgs.branchA1.id)).status).toBe(403);
    for (const bad of [0, -1, '7', 1.5, null, undefined]) {
      const r = await appoint('committeeA', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
    }
    // Nobody dismisses themself: the county administrator's own role, at the root.
    const self = (await list('county', t.county.orgs.root.id)).body.administrators.find((a: { self: boolean }) => a.self);
    const refused = await dismiss('county', self.assignmentId, t.county.orgs.root.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CANNOT_DISMISS_SELF');
    // Another organisation's assignment named under this one is not found here.
    const a1 = (await list('committeeA', t.county.orgs.branchA1.id)).body.administrators[0];
    expect((await dismiss('committeeA', a1.assignmentId)).status).toBe(404);
    expect(await roles()).toBe(before);
    expect((await audits('user.appoint')).length).toBe(beforeAudit);
  });

  it('the same member appointed twice at once: one succeeds, the other is told it is done', async () => {
    const before = await roles();
    const answers = await Promise.all([appoint('committeeA', t.county.members.a4), appoint('county', t.county.members.a4)]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('ALREADY_ADMINISTRATOR');
    expect(await roles()).toBe(before + 1);
    expect((await appoint('county', t.county.members.a4)).body.code).toBe('ALREADY_ADMINISTRATOR');
  });
  it('lists the organisations no enabled administrator serves, with their waiting steps and who works them instead', async () => {
    const { root, committeeA, branchA1, branchA2: a2, generalA, branchAG1, committeeB, branchB1 } = t.county.orgs;
    const unstaffed = async (user: string, orgId: number, query: Record<string, unknown> = {}) => t.http.get(`/api/organizations/${orgId}/unstaffed`).query(query).set(await t.as(user));
    const names = (body: { items: { org: { id: number } }[] }) => body.items.map((i) => i.org.id);
    const setDisabled = (username: string, disabled: boolean) => t.ds.query('UPDATE users SET disabled = ? WHERE username = ?', [disabled, username]);

    // Branch A2 is a4's since the test above; dismissed, it is back on the list with the pre-review waiting there.
    const a4 = (await list('county')).body.administrators[0];
    let county = await unstaffed('county', root.id);
    expect(county.status, JSON.stringify(county.body)).toBe(200);
    expect(names(county.body)).toEqual([generalA.id, branchAG1.id, branchB1.id]);
    expect(county.body.total).toBe(3);
    expect((await dismiss('county', a4.assignmentId)).status).toBe(204);
    county = await unstaffed('county', root.id);
    expect(names(county.body)).toEqual([a2.id, generalA.id, branchAG1.id, branchB1.id]);
    expect(county.body).toMatchObject({ total: 4, nextCursor: null });
    expect(county.body.items[0]).toEqual({
      org: { id: a2.id, name: a2.name, shortName: a2.shortName, level: 'BRANCH' },
      parentName: committeeA.shortName,
      memberCount: 4,
      waitingSteps: 1,
      servedBy: { id: committeeA.id, name: committeeA.name, shortName: committeeA.shortName, level: 'COMMITTEE' },
    });
    // A branch under an unstaffed general branch is served by the committee above both.
    expect(county.body.items[2]).toMatchObject({ org: { id: branchAG1.id }, parentName: generalA.shortName, waitingSteps: 0, servedBy: { id: committeeA.id } });
    expect(county.body.items[3]).toMatchObject({ org: { id: branchB1.id }, servedBy: { id: committeeB.id } });

    // Those with steps waiting, what the county would staff first.
    expect((await unstaffed('county', root.id, { waiting: true })).body).toMatchObject({ items: [{ org: { id: a2.id }, waitingSteps: 1 }], total: 1 });
    expect((await unstaffed('county', root.id, { waiting: false })).body.total).toBe(4);

    // The whole list as a spreadsheet, under the same filter, for the towns to staff; the export is audited.
    const exported = await t.http.get(`/api/organizations/${root.id}/unstaffed/export`).query({ level: 'BRANCH' }).set(await t.as('county')).buffer(true).parse(binary);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toContain(encodeURIComponent(`未配备管理员的组织-${root.shortName}-`));
    const sheet = await readSheet(exported.body);
    expect(sheet.sheetNames).toEqual(['未配备管理员的组织']);
    expect(sheet.rows).toEqual([
      ['党组织名称', '简称', '层级', '上级党组织', '党员人数', '待办事项', '代办党组织'],
      [a2.name, a2.shortName, '党支部', committeeA.shortName, '4', '1', committeeA.shortName],
      [branchAG1.name, branchAG1.shortName, '党支部', generalA.shortName, '1', '0', committeeA.shortName],
      [branchB1.name, branchB1.shortName, '党支部', committeeB.shortName, '2', '0', committeeB.shortName],
    ]);
    const [exportRecord] = await t.ds.query("SELECT target_id, detail FROM audit_log WHERE action = 'organization.exportUnstaffed'");
    expect(exportRecord.target_id).toBe(String(root.id));
    expect(JSON.parse(exportRecord.detail)).toEqual({ rows: 3, filter: { level: 'BRANCH', waiting: false } });
    // Asked for in English (the screen's language), the same rows are headed and worded in English.
    const english = await t.http.get(`/api/organizations/${root.id}/unstaffed/export`).query({ level: 'BRANCH' }).set(await t.as('county')).set('Accept-Language', 'en-GB,en;q=0.9').buffer(true).parse(binary);
    expect(english.headers['content-disposition']).toContain(encodeURIComponent(`Organisations without an administrator-${root.shortName}-`));
    const englishSheet = await readSheet(english.body);
    expect(englishSheet.sheetNames).toEqual(['Without an administrator']);
    expect(englishSheet.rows).toEqual([
      ['Organisation', 'Short name', 'Level', 'Parent organisation', 'Members', 'Steps waiting', 'Worked by'],
      ...sheet.rows.slice(1).map((row) => row.map((cell, i) => (i === 2 ? 'Branch' : cell))),
    ]);

    // A committee sees its own subtree; a level narrows the list and its total alike.
    expect(names((await unstaffed('committeeA', committeeA.id)).body)).toEqual([a2.id, generalA.id, branchAG1.id]);
    const branches = (await unstaffed('county', root.id, { level: 'BRANCH' })).body;
    expect(names(branches)).toEqual([a2.id, branchAG1.id, branchB1.id]);
    expect(branches.total).toBe(3);

    // A disabled account serves nobody: its organisation is listed, and what it would serve goes to the nearest above.
    await setDisabled('committeeB', true);
    await setDisabled('branchA1', true);
    try {
      const now = (await unstaffed('county', root.id)).body;
      expect(names(now)).toEqual([branchA1.id, a2.id, generalA.id, branchAG1.id, committeeB.id, branchB1.id]);
      expect(now.items.find((i: { org: { id: number } }) => i.org.id === committeeB.id)).toMatchObject({ parentName: root.shortName, servedBy: { id: root.id, level: 'COUNTY_COMMITTEE' } });
      expect(now.items.at(-1)).toMatchObject({ org: { id: branchB1.id }, servedBy: { id: root.id } });
      // Page by page, each organisation once, the total the same on every page.
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await unstaffed('county', root.id, { limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        expect(page.body.total).toBe(6);
        seen.push(...names(page.body));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(names(now));
      // An administrator of the wrong tier does not staff an organisation: a branch-tier role held at committee B (as
      // the create-admin command could give one) works its branch's steps, but committee B's own steps still go above.
      const [{ id: countyUser }] = await t.ds.query("SELECT id FROM users WHERE username = 'county'");
      await t.ds.query('INSERT INTO role_assignments (user_id, role, org_id, created_at) VALUES (?, ?, ?, ?)', [countyUser, 'BRANCH_ADMIN', committeeB.id, new Date()]);
      const wrongTier = (await unstaffed('county', root.id)).body;
      expect(wrongTier.items.find((i: { org: { id: number } }) => i.org.id === committeeB.id)).toMatchObject({ servedBy: { id: root.id } });
      expect(wrongTier.items.at(-1)).toMatchObject({ org: { id: branchB1.id }, servedBy: { id: committeeB.id } });
      await t.ds.query("DELETE FROM role_assignments WHERE user_id = ? AND role = 'BRANCH_ADMIN' AND org_id = ?", [countyUser, committeeB.id]);
    } finally {
      await setDisabled('committeeB', false);
      await setDisabled('branchA1', false);
    }

    // Only those who appoint may ask, within their scope; bad input is a 400.
    expect((await unstaffed('branchA1', branchA1.id)).body.code).toBe('FORBIDDEN');
    expect((await unstaffed('committeeA', committeeB.id)).status).toBe(404);
    expect((await unstaffed('committeeA', 2_147_480_000)).status).toBe(404);
    // The export is refused alike, before any byte of a file, and leaves no record.
    const exportRecords = async () => Number((await t.ds.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'organization.exportUnstaffed'"))[0].n);
    const recorded = await exportRecords();
    expect((await t.http.get(`/api/organizations/${committeeB.id}/unstaffed/export`).set(await t.as('committeeA'))).body.code).toBe('NOT_FOUND');
    expect((await t.http.get(`/api/organizations/${branchA1.id}/unstaffed/export`).set(await t.as('branchA1'))).body.code).toBe('FORBIDDEN');
    expect((await t.http.get(`/api/organizations/${root.id}/unstaffed/export`).query({ waiting: 'yes' }).set(await t.as('county'))).body.code).toBe('VALIDATION_FAILED');
    expect(await exportRecords()).toBe(recorded);
    for (const query of [{ level: 'TOWN' }, { waiting: 'yes' }, { cursor: 'not-a-cursor' }, { limit: 0 }, { limit: 101 }, { limit: 'many' }]) {
      const r = await unstaffed('county', root.id, query);
      expect(r.status, JSON.stringify(query)).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
    }
  });
});
