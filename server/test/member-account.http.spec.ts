import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../src/auth/entities/user.entity';
import { Db } from '../src/common/database/db.service';
import { MemberWriter, NO_PASSWORD } from '../src/members/member-writer';
import { memberInput } from './factories/mini-county';
import { CHANGES_ONLY } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

describe('a member whose account was imported gets a first password from their branch', () => {
  let t: TestApp;
  let memberId: number;
  beforeAll(async () => {
    t = await startTestApp();
    const db = t.app.get(Db);
    [memberId] = await db.tx((em) => t.app.get(MemberWriter).insert(em, [memberInput('新导入', t.county.orgs.branchA1)]));
  });
  afterAll(() => t.close());

  it('cannot log in before a password is issued', async () => {
    const user = await t.app.get(Db).em.findOneByOrFail(User, { memberId });
    expect(user.passwordHash).toBe(NO_PASSWORD);
    const res = await t.http.post('/api/auth/login').send({ username: user.username, password: 'anything-at-all-12' });
    expect(res.status).toBe(401);
  });

  it('is issued a temporary password by an administrator in scope, which must be replaced at the first login', async () => {
    await t.http.post(`/api/members/${memberId}/issue-password`).set(await t.as('committeeB')).expect(404);
    await t.http.post(`/api/members/${memberId}/issue-password`).set(await t.as('memberA1')).expect(403);
    const issued = await t.http.post(`/api/members/${memberId}/issue-password`).set(await t.as('branchA1')).expect(200);
    expect(issued.body.temporaryPassword).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const [audit] = await t.ds.query(`SELECT detail FROM audit_log WHERE action = 'member.issuePassword'`);
    expect(audit.detail).not.toContain(issued.body.temporaryPassword);
    // The member is named, so the log says whose password was issued: 党员：新导入.
    const user = await t.app.get(Db).em.findOneByOrFail(User, { memberId });
    expect(JSON.parse(audit.detail)).toEqual({ member: '新导入', userId: user.id });

    const first = await t.http.post('/api/auth/login').send({ username: issued.body.username, password: issued.body.temporaryPassword });
    expect(first.status).toBe(403);
    expect(first.body.code).toBe('PASSWORD_EXPIRED');
    const changed = await t.http
      .post('/api/auth/password/expired')
      .send({ changeToken: first.body.details.changeToken, newPassword: 'my own choice of words 2026' })
      .expect(200);
    expect(changed.body.user.memberId).toBe(memberId);
    await t.http.post('/api/auth/login').send({ username: issued.body.username, password: 'my own choice of words 2026' }).expect(200);
    await t.http.post('/api/auth/login').send({ username: issued.body.username, password: issued.body.temporaryPassword }).expect(401);
  });
});

/**
 * An administrator's account belongs to a member record that sits in some branch; the branch keeps that record, but
 * not the account: issuing its password, or changing its login (mobile number) or name, is for the tier that appoints
 * such administrators. Otherwise a branch's administrator could hand themself their committee's account.
 */
describe("an administrator's account is looked after by the tier that appoints it, not by the branch that keeps the record", () => {
  let t: TestApp;
  let memberId: number;
  let username: string;
  const NEW_PASSWORD = 'a committee secretary 2026';
  const detail = async (user: string) => (await t.http.get(`/api/members/${memberId}`).set(await t.as(user)).expect(200)).body;
  const patch = async (user: string, body: object) => t.http.patch(`/api/members/${memberId}`).set(await t.as(user)).send({ ...body, version: (await detail('county')).version });
  const account = async () => t.app.get(Db).em.findOneByOrFail(User, { memberId });
  const audits = async () => Number((await t.ds.query(`SELECT COUNT(*) AS n FROM audit_log WHERE action NOT LIKE 'auth.%' AND ${CHANGES_ONLY}`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    [memberId] = await t.app.get(Db).tx((em) => t.app.get(MemberWriter).insert(em, [memberInput('李书记', t.county.orgs.branchA1)]));
    username = (await account()).username;
    // The county appoints the branch's member to administer the whole committee.
    await t.http.post(`/api/organizations/${t.county.orgs.committeeA.id}/administrators`).set(await t.as('county')).send({ memberId }).expect(201);
  });
  afterAll(() => t.close());

  it('refuses the branch and the committee (a peer tier) a password, a new login or a new name, and changes nothing', async () => {
    const before = { user: await account(), audits: await audits() };
    for (const user of ['branchA1', 'committeeA']) {
      expect((await detail(user)).accountHeldAbove).toBe(true);
      const issued = await t.http.post(`/api/members/${memberId}/issue-password`).set(await t.as(user));
      expect([issued.status, issued.body.code]).toEqual([403, 'FORBIDDEN']);
      for (const change of [{ phone: '13905169999' }, { name: '王冒名' }]) {
        const res = await patch(user, change);
        expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
      }
    }
    expect(await account()).toEqual(before.user);
    expect((await detail('county')).name).toBe('李书记');
    expect(await audits()).toBe(before.audits);
    // The rest of the record is still the branch's to keep.
    expect((await patch('branchA1', { duesPaidThrough: '2026-11' })).status).toBe(200);
  });

  it('lets the county issue the password, and the administrator change their own login', async () => {
    expect((await detail('county')).accountHeldAbove).toBe(false);
    const issued = await t.http.post(`/api/members/${memberId}/issue-password`).set(await t.as('county')).expect(200);
    const first = await t.http.post('/api/auth/login').send({ username, password: issued.body.temporaryPassword }).expect(403);
    const own = await t.http.post('/api/auth/password/expired').send({ changeToken: first.body.details.changeToken, newPassword: NEW_PASSWORD }).expect(200);
    const asSelf = { Authorization: `Bearer ${own.body.accessToken}` };
    const mine = (await t.http.get(`/api/members/${memberId}`).set(asSelf).expect(200)).body;
    expect(mine.accountHeldAbove).toBe(false);
    await t.http.patch(`/api/members/${memberId}`).set(asSelf).send({ phone: '13905168888', version: mine.version }).expect(200);
    await t.http.post('/api/auth/login').send({ username: '13905168888', password: NEW_PASSWORD }).expect(200);
  });

  it('gives the account back to the branch once the role is dismissed', async () => {
    const { administrators } = (await t.http.get(`/api/organizations/${t.county.orgs.committeeA.id}/administrators`).set(await t.as('county')).expect(200)).body;
    const mine = administrators.find((a: { memberId: number | null }) => a.memberId === memberId);
    await t.http.delete(`/api/organizations/${t.county.orgs.committeeA.id}/administrators/${mine.assignmentId}`).set(await t.as('county')).expect(204);
    expect((await detail('branchA1')).accountHeldAbove).toBe(false);
    await t.http.post(`/api/members/${memberId}/issue-password`).set(await t.as('branchA1')).expect(200);
  });
});
