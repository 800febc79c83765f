import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../src/auth/entities/user.entity';
import { Db } from '../src/common/database/db.service';
import { MemberWriter, NO_PASSWORD } from '../src/members/member-writer';
import { memberInput } from './factories/mini-county';
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
