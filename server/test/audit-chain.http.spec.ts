import { auditActionLabelEn, auditDetailLinesEn, auditDetailLinesZh, chinaDateTime, ROLE_LABELS_EN, ROLE_LABELS_ZH, type AuditRecord, type Role } from '@zhdj/shared';
import { Workbook } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditChainService } from '../src/audit/audit-chain.service';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { Db } from '../src/common/database/db.service';
import { captureQueries } from './support/query-capture';
import { expectError } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';
import { binary } from './support/xlsx';

describe('the audit log is a hash chain', () => {
  let t: TestApp;
  let chain: AuditChainService;
  beforeAll(async () => {
    t = await startTestApp();
    chain = t.app.get(AuditChainService);
    // Some changes worth auditing: logins, failed logins, a reveal.
    for (const u of ['county', 'committeeA', 'branchA1', 'memberA1']) await t.as(u);
    await t.http.post('/api/auth/login').send({ username: 'county', password: 'wrong-password-1' });
    await t.http.post(`/api/members/${t.county.members.memberA1}/reveal-id`).set(await t.as('county')).expect(200);
  });
  afterAll(() => t.close());

  it('seals every record and verifies intact', async () => {
    const sealed = await chain.seal(0);
    expect(sealed).toBeGreaterThan(5);
    expect(await chain.seal(0)).toBe(0); // sealing twice changes nothing
    expect(await chain.verify()).toMatchObject({ ok: true, sealed, unsealed: 0, firstBroken: null });
  });

  it('walks the chain once for everyone asking together, letting other work in between its pages', async () => {
    // More than a page of the check's reading (5,000 records).
    const values = Array.from({ length: 500 }, (_, i) => `('2026-06-01 08:00:00.000', 'study.progress', 'module', '${i}', '10.0.0.1', '{"passed":true}')`).join(', ');
    for (let k = 0; k < 11; k++) await t.ds.query(`INSERT INTO audit_log (at, action, target_type, target_id, ip, detail) VALUES ${values}`);
    const before = (await chain.verify()).sealed;
    // Sealing the backlog (5,500 records, batches of 2,000) lets other work in between its batches too.
    const sealing: string[] = [];
    const capture = captureQueries(t.ds);
    capture.start();
    const sealingDone = chain.seal(0).then((n) => (sealing.push('sealed'), n));
    setImmediate(() => sealing.push('other'));
    const sealed = before + (await sealingDone);
    expect(sealing).toEqual(['other', 'sealed']);
    // The links are written 250 records to an UPDATE (22 for 5,500), not one UPDATE per record.
    const updates = capture.stop().filter((q) => /^\s*UPDATE\s+[`"]?audit_log[`"]?\s/i.test(q.sql));
    expect(updates).toHaveLength(Math.ceil((sealed - before) / 250));
    const order: string[] = [];
    const walks = [chain.verify(), chain.verify()].map((w) => w.then((r) => (order.push('check'), r)));
    // Another request's turn, asked for after the check began: it comes before the check is done (on SQLite every
    // query answers at once, so without a pause between pages it waited for the whole walk).
    setImmediate(() => order.push('other'));
    const [a, b] = await Promise.all(walks);
    expect(a).toMatchObject({ ok: true, sealed });
    // One walk, one answer for both.
    expect(b).toBe(a);
    expect(order).toEqual(['other', 'check', 'check']);
  });

  it('does not take a record sealed while it walks for one removed from the end', async () => {
    const db = t.app.get(Db);
    const pick = db.pick.bind(db) as (...args: unknown[]) => Promise<unknown[]>;
    await t.ds.query(`INSERT INTO audit_log (at, action, target_type, ip) VALUES ('2026-06-01 08:00:00.000', 'test.record', 'test', '10.0.0.2')`);
    let sealedMeanwhile = 0;
    // The sealer runs (for real) just after the check has read its last page of records.
    const spy = vi.spyOn(db, 'pick').mockImplementation((async (...args: unknown[]) => {
      const rows = await pick(...args);
      // The check's reading (by chain position), not the sealer's own (of records not sealed yet).
      if (args[0] === AuditLog && String(args[2]).startsWith('seq >=') && rows.length < 5000 && !sealedMeanwhile) sealedMeanwhile = await chain.seal(0);
      return rows;
    }) as typeof db.pick);
    const report = await chain.verify();
    spy.mockRestore();
    expect(sealedMeanwhile).toBe(1);
    expect(report).toMatchObject({ ok: true, firstBroken: null });
    // The next check walks it too.
    expect(await chain.verify()).toMatchObject({ ok: true, sealed: report.sealed + 1 });
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

describe('county administrators search and export the audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    for (const u of ['committeeA', 'branchA1', 'memberA1']) await t.as(u);
    await t.http.post(`/api/members/${t.county.members.memberA1}/reveal-id`).set(await t.as('county')).expect(200);
  });
  afterAll(() => t.close());

  it('filters by action and pages newest first, never showing an ID number', async () => {
    const res = await t.http.get('/api/audit?action=member.revealId').set(await t.as('county')).expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ action: 'member.revealId', actor: { username: 'county', role: 'COUNTY_ADMIN' }, target: { type: 'member', id: String(t.county.members.memberA1) } });
    const all = await t.http.get('/api/audit?limit=2').set(await t.as('county')).expect(200);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.items[0].id).toBeGreaterThan(all.body.items[1].id);
    const next = await t.http.get(`/api/audit?limit=2&cursor=${all.body.nextCursor}`).set(await t.as('county'));
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    expect(next.body.items[0].id).toBeLessThan(all.body.items[1].id);
    expect(JSON.stringify(all.body)).not.toMatch(/\d{17}[\dX]/);
  });

  it('filters by time, and refuses a time no clock can read instead of ignoring it', async () => {
    const ask = async (query: string) => t.http.get(`/api/audit?${query}`).set(await t.as('county'));
    const total = (await ask('limit=200')).body.items.length;
    expect((await ask('from=2000-01-01&limit=200')).body.items).toHaveLength(total);
    expect((await ask('to=2000-01-01T00:00:00Z')).body.items).toHaveLength(0);
    expect((await ask(`from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).body.items).toHaveLength(0);
    // A week or a day of the year is ISO 8601 too, but names no instant: refused, not read as no filter at all.
    for (const bad of ['from=2026-W05', 'from=2026-123', 'to=2026-W05', 'from=2026-02-30', 'to=yesterday']) expectError(await ask(bad), 400, 'VALIDATION_FAILED');
  });

  it('filters by an account’s username — what it did and its logins — and names the organisation of the role it acted in', async () => {
    const [user] = await t.ds.query('SELECT id FROM users WHERE username = ?', ['county']);
    const res = await t.http.get('/api/audit?username=county').set(await t.as('county')).expect(200);
    const seen = res.body.items as { action: string; actor: { username: string | null }; target: { type: string; id: string } }[];
    expect(seen.map((r) => r.action)).toEqual(expect.arrayContaining(['member.revealId', 'auth.login']));
    expect(seen.every((r) => r.actor.username === 'county' || (r.target.type === 'user' && r.target.id === String(user.id)))).toBe(true);
    const logins = (await t.http.get('/api/audit?username=committeeA&action=auth.login').set(await t.as('county')).expect(200)).body.items;
    expect(logins.length).toBeGreaterThan(0);
    // A login has no actor yet: the account it opened is named as its target.
    expect(logins[0]).toMatchObject({ actor: { userId: null, username: null }, target: { type: 'user', username: 'committeeA' } });
    const [reveal] = (await t.http.get('/api/audit?action=member.revealId').set(await t.as('county')).expect(200)).body.items;
    const [org] = await t.ds.query('SELECT short_name FROM organizations WHERE id = ?', [reveal.actor.orgId]);
    expect(reveal.actor.orgName).toBe(org.short_name);
    expect((await t.http.get('/api/audit?username=nobody-here').set(await t.as('county')).expect(200)).body.items).toEqual([]);
    const bad = await t.http.get(`/api/audit?username=${'x'.repeat(65)}`).set(await t.as('county'));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('is for county and system administrators only', async () => {
    await t.http.get('/api/audit').set(await t.as('committeeA')).expect(403);
    await t.http.get('/api/audit').set(await t.as('memberA1')).expect(403);
    await t.http.get('/api/audit').set(await t.as('sysadmin')).expect(200);
  });

  it('exports as a workbook and records the export', async () => {
    const res = await t.http.get('/api/audit/export?action=member.').set(await t.as('county')).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect((res.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    // Read as an auditor reads it: Beijing time, who acted in what capacity and where, by name.
    const wb = new Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 7)).toEqual(['编号', '时间（北京时间）', '用户', '角色', '组织', '组织ID']);
    const listed = (await t.http.get('/api/audit?action=member.').set(await t.as('county')).expect(200)).body.items as AuditRecord[];
    const first = listed[0];
    const row = sheet.getRow(2).values as unknown[];
    expect(row[1]).toBe(first.id);
    expect(row[2]).toBe(chinaDateTime(new Date(first.at), true));
    expect(row[3]).toBe(first.actor.username);
    expect(row[4]).toBe(ROLE_LABELS_ZH[first.actor.role as Role]);
    expect(row[5]).toBe(first.actor.orgName);
    const after = await t.http.get('/api/audit?action=audit.export').set(await t.as('county')).expect(200);
    expect(after.body.items).toHaveLength(1);

    // The detail in words (字段：值), with the record as kept beside it: the export's own record, exported.
    const again = await t.http.get('/api/audit/export?action=audit.export').set(await t.as('county')).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const wb2 = new Workbook();
    await wb2.xlsx.load(again.body as unknown as ArrayBuffer);
    const headers = wb2.worksheets[0].getRow(1).values as unknown[];
    const exported = wb2.worksheets[0].getRow(2).values as unknown[];
    const recorded = (after.body.items as AuditRecord[])[0].detail;
    expect(exported[headers.indexOf('详情（原始记录）')]).toBe(JSON.stringify(recorded));
    expect(exported[headers.indexOf('详情')]).toBe(auditDetailLinesZh(recorded).join('\n'));
    expect(exported[headers.indexOf('详情')]).toMatch(/^行数：\d+\n筛选条件：/);
    // What was done and to what, in the screen's words, with the code the search takes beside them.
    expect(exported[headers.indexOf('操作')]).toBe('导出审计日志');
    expect(exported[headers.indexOf('操作代码')]).toBe('audit.export');
    expect(exported[headers.indexOf('对象类型')]).toBe('审计日志');
  });

  it('exports in English when asked in English: the screen’s English words for the same records', async () => {
    const workbook = async (lang: string) => {
      const res = await t.http.get('/api/audit/export?action=transfer.').set(await t.as('county')).set('Accept-Language', lang).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      const wb = new Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      return wb.worksheets[0];
    };
    // A transfer's steps in the log: their states and channels are what the detail puts into words.
    await t.ds.query(
      `INSERT INTO audit_log (at, actor_role, action, target_type, target_id, ip, detail) VALUES
        ('2026-06-01 08:00:00.000', 'MEMBER', 'transfer.submit', 'transfer', '7', '10.0.0.3', '{"from":"DRAFT","to":"SUBMITTED","channel":"IN_PROVINCE"}'),
        ('2026-06-01 09:00:00.000', 'BRANCH_ADMIN', 'transfer.preApprove', 'transfer', '7', '10.0.0.3', '{"from":"SUBMITTED","to":"PRE_APPROVED","comment":"材料齐全"}')`,
    );
    const transfers = (await t.http.get('/api/audit?action=transfer.').set(await t.as('county')).expect(200)).body.items as AuditRecord[];
    expect(transfers.length).toBeGreaterThan(0);
    const sheet = await workbook('en');
    expect(sheet.name).toBe('Audit log');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['No.', 'Time (Beijing)', 'User', 'Role', 'Organisation', 'Organisation ID', 'Action', 'Action code', 'Object type', 'Object ID', 'IP', 'Detail', 'Detail (as recorded)']);
    const zh = await workbook('zh-CN');
    expect(sheet.rowCount).toBe(zh.rowCount);
    for (let n = 2; n <= sheet.rowCount; n++) {
      const row = sheet.getRow(n).values as unknown[];
      const record = transfers.find((r) => r.id === row[1])!;
      expect(row[4]).toBe(record.actor.role ? ROLE_LABELS_EN[record.actor.role as Role] : undefined);
      expect(row[7]).toBe(auditActionLabelEn(record.action));
      expect(row[7]).not.toBe(record.action);
      expect(row[9]).toBe('Transfer');
      expect(row[12] ?? '').toBe(auditDetailLinesEn(record.detail).join('\n'));
      // The record as kept, the same in both languages.
      expect(row[13]).toBe((zh.getRow(n).values as unknown[])[13]);
    }
    // A step's states are in English words (From: Awaiting pre-review), not in codes and not in Chinese.
    const details = Array.from({ length: sheet.rowCount - 1 }, (_, i) => String((sheet.getRow(i + 2).values as unknown[])[12] ?? ''));
    expect(details.some((d) => /^From: [A-Z][a-z]/m.test(d))).toBe(true);
    expect(details.join('\n')).not.toMatch(/From: [A-Z_]+$/m);
  });
});
