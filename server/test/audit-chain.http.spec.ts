import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditChainService } from '../src/audit/audit-chain.service';
import { startTestApp, type TestApp } from './support/test-app';

describe('the audit log is a hash chain', () => {
  let t: TestApp;
  let chain: AuditChainService;
  beforeAll(async () => {
    t = await startTestApp();
    chain = t.app.get(AuditChainService);
    // Some changes worth auditing: logins, failed logins, a reveal.
    for (const u of ['county', 'committeeA', 'branchA1', 'memberA1']) await t.as(u);
    await t.http.post('/api/auth/login').send({ username: 'county', password: 'wrong-password-1' });
    await t.http.post(`/api/members/${t.county.members.memberA1}/reveal-id`).set(await t.as('county')).expect(201);
  });
  afterAll(() => t.close());

  it('seals every record and verifies intact', async () => {
    const sealed = await chain.seal(0);
    expect(sealed).toBeGreaterThan(5);
    expect(await chain.seal(0)).toBe(0); // sealing twice changes nothing
    expect(await chain.verify()).toMatchObject({ ok: true, sealed, unsealed: 0, firstBroken: null });
  });

  it('names the first record that was altered', async () => {
    const [row] = await t.ds.query('SELECT id, seq, ip FROM audit_log WHERE seq = 3');
    await t.ds.query('UPDATE audit_log SET ip = ? WHERE id = ?', ['10.0.0.99', row.id]);
    expect(await chain.verify()).toMatchObject({ ok: false, firstBroken: { seq: 3, id: Number(row.id), reason: expect.stringContaining('altered') } });
    // Putting the original value back makes the chain whole again: the hash covers exactly the record's content.
    await t.ds.query('UPDATE audit_log SET ip = ? WHERE id = ?', [row.ip, row.id]);
    expect((await chain.verify()).ok).toBe(true);
  });

  it('notices a removed record, in the middle or at the end', async () => {
    const [{ n }] = await t.ds.query('SELECT MAX(seq) AS n FROM audit_log');
    await t.ds.query('DELETE FROM audit_log WHERE seq = ?', [Number(n)]);
    expect(await chain.verify()).toMatchObject({ ok: false, firstBroken: { seq: Number(n), reason: expect.stringContaining('removed') } });
    await t.ds.query('DELETE FROM audit_log WHERE seq = 2');
    expect(await chain.verify()).toMatchObject({ ok: false, firstBroken: { seq: 2, id: null, reason: expect.stringContaining('missing') } });
  });
});
