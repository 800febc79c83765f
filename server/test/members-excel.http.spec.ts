import { chinaYearMonth, idNumberProblem, importProblemZh, MEMBER_IMPORT_COLUMNS, shiftYearMonth, type ImportRowError } from '@zhdj/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, expectError, lastAuditId } from './support/http';
import { User } from '../src/auth/entities/user.entity';
import { Db } from '../src/common/database/db.service';
import { Member } from '../src/members/entities/member.entity';
import { captureQueries } from './support/query-capture';
import { startTestApp, tableCounts, type TestApp } from './support/test-app';
import { expectTreeConsistent, orgSnapshot } from './support/tree';
import { binary, importFile, importIdNumber, readSheet, validRow, type ImportRow } from './support/xlsx';

const TABLES = ['members', 'users', 'member_org_history', 'audit_log', 'organizations'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = MEMBER_IMPORT_COLUMNS.map((c) => c.header);

describe('member import and export over HTTP', () => {
  let t: TestApp;
  let o: TestApp['county']['orgs'];
  beforeAll(async () => {
    t = await startTestApp();
    o = t.county.orgs;
    for (const who of ['county', 'committeeA', 'branchA1', 'memberA1', 'committeeB', 'sysadmin']) await t.as(who);
  });
  afterAll(() => t.close());

  const upload = async (file: Buffer, who = 'committeeA', name = 'members.xlsx') =>
    t.http.post('/api/members/import').set(await t.as(who)).attach('file', file, name);

  async function refusedWithoutChange(send: () => Promise<import('supertest').Response>, status: number, code: string) {
    const counts = await tableCounts(t.ds, TABLES);
    const tree = await orgSnapshot(t.ds);
    const res = await send();
    expectError(res, status, code);
    expect(await tableCounts(t.ds, TABLES)).toEqual(counts);
    expect(await orgSnapshot(t.ds)).toEqual(tree);
    return res;
  }

  describe('template', () => {
    it('is a readable workbook whose header row has the Chinese column names', async () => {
      const res = await t.http.get('/api/members/import-template').set(await t.as('branchA1')).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(XLSX);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('党员信息导入模板.xlsx'));
      const { sheetNames, rows } = await readSheet(res.body);
      expect(sheetNames[0]).toBe('党员信息');
      expect(rows[0]).toEqual(HEADERS);
      expect(HEADERS).toContain('公民身份号码');
    });

    it('requires member.import', async () => {
      expectError(await t.http.get('/api/members/import-template').set(await t.as('memberA1')), 403, 'FORBIDDEN');
      expectError(await t.http.get('/api/members/import-template').set(await t.as('sysadmin')), 403, 'FORBIDDEN');
      expectError(await t.http.get('/api/members/import-template'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('import', () => {
    it('lists every failing row and why, and writes nothing', async () => {
      const existing = (await t.http.post(`/api/members/${t.county.members.memberA1}/reveal-id`).set(await t.as('county'))).body.idNumber as string;
      const [{ phone: existingPhone }] = await t.ds.query('SELECT phone FROM members WHERE id = ?', [t.county.members.memberA2]);
      const good = validRow(9000, 'T-branchA1');
      const bad = (i: number, change: ImportRow) => ({ ...validRow(i, 'T-branchA1'), ...change });
      const wrongDigit = (() => {
        const id = importIdNumber(9002).idNumber;
        return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
      })();
      // Excel keeps 15 significant digits: an ID typed as a number has lost its last digits, even when what is left
      // happens to pass the check digit.
      const numericFailing = Number(importIdNumber(9009).idNumber.slice(0, 17)) * 10;
      const numericPassing = (() => {
        for (let i = 9500; ; i++) {
          const n = Number(importIdNumber(i).idNumber);
          if (idNumberProblem(String(n)) === null) return { n, i };
        }
      })();
      const rows: ImportRow[] = [
        good, //                                                          row 2: fine
        bad(9001, { orgCode: 'T-branchA2' }), //                           row 3: fine
        bad(9002, { idNumber: wrongDigit }), //                            row 4: check digit
        bad(9003, { idNumber: good.idNumber, birthDate: good.birthDate, sex: good.sex }), // row 5: same ID as row 2
        bad(9004, { idNumber: existing, birthDate: '1985-06-15', sex: '男' }), // row 6: already registered
        bad(9005, { orgCode: 'NO-SUCH-ORG' }), //                          row 7: unknown organisation
        bad(9006, { orgCode: 'T-branchB1' }), //                           row 8: outside committee A
        bad(9007, { orgCode: 'T-generalA' }), //                           row 9: not a branch
        bad(9008, { joinedAt: '2020-13-45', probationEndsAt: '2027-02-30', birthDate: '1990/01/01' }), // row 10: dates
        bad(9009, { idNumber: numericFailing }), //                        row 11: ID typed as a number
        bad(9010, { phone: good.phone }), //                               row 12: same phone as row 2
        bad(9011, { phone: existingPhone }), //                            row 13: phone already used
        bad(9012, { category: '预备党员', probationEndsAt: '' }), //       row 14: probation end missing
        bad(9013, { name: '', sex: '未知', ethnicity: '火星族', education: '幼儿园', duesPaidThrough: '2026-13', isMobile: '也许' }), // row 15
        bad(numericPassing.i, { idNumber: numericPassing.n }), //         row 16: a number, mangled yet plausible
        bad(9014, { joinedAt: '1900-01-01' }), //                          row 17: joined before birth
        bad(9015, { duesPaidThrough: shiftYearMonth(chinaYearMonth(), 24) }), // row 18: dues two years ahead
      ];
      const auditBefore = await lastAuditId(t.ds);
      const res = await refusedWithoutChange(async () => upload(await importFile(rows)), 400, 'IMPORT_INVALID');
      // Nothing imported, but the importer learnt that two of these people are registered: that is recorded, by count.
      const told = (await auditSince(t.ds, auditBefore, { reads: true })).filter((row) => row.action === 'member.importRefused');
      expect(told.map((row) => JSON.parse(row.detail!))).toEqual([{ rows: rows.length, idRegistered: 1, phoneTaken: 1 }]);
      // Each problem as column:code (the web words it from the code in the reader's language).
      const byRow = new Map<number, string[]>();
      for (const d of res.body.details as ImportRowError[]) {
        expect(d.message).toBe(importProblemZh(d.problem, d.params));
        byRow.set(d.row, [...(byRow.get(d.row) ?? []), `${d.field}:${d.problem}`]);
      }
      expect(byRow.has(2)).toBe(false);
      expect(byRow.has(3)).toBe(false);
      expect(byRow.get(4)).toEqual(['idNumber:idCheckDigit']);
      expect(byRow.get(5)).toEqual(['idNumber:idRepeated']);
      expect(byRow.get(6)).toEqual(['idNumber:idRegistered']);
      expect(byRow.get(7)).toEqual(['orgCode:orgNotInScope']);
      expect(byRow.get(8)).toEqual(['orgCode:orgNotInScope']);
      expect(byRow.get(9)).toEqual(['orgCode:orgNotBranch']);
      expect(new Set(byRow.get(10))).toEqual(new Set(['joinedAt:dateFormat', 'probationEndsAt:dateFormat', 'birthDate:dateFormat']));
      expect(byRow.get(11)).toEqual(['idNumber:idNumberAsNumber']);
      expect(byRow.get(12)).toEqual(['phone:phoneRepeated']);
      expect(byRow.get(13)).toEqual(['phone:phoneTaken']);
      expect(byRow.get(14)).toEqual(['probationEndsAt:probationEndRequired']);
      expect(new Set(byRow.get(15))).toEqual(
        new Set(['name:required', 'sex:sexValue', 'ethnicity:ethnicityUnknown', 'education:educationUnknown', 'duesPaidThrough:yearMonthFormat', 'isMobile:yesNo']),
      );
      expect(byRow.get(16)).toEqual(['idNumber:idNumberAsNumber']);
      // The dates' rule a member created on screen is held to (shared with the API's create and edit).
      expect(byRow.get(17)).toEqual(['joinedAt:joinedAfterBirth']);
      expect(byRow.get(18)).toEqual(['duesPaidThrough:duesTooFarAhead']);
      const details = res.body.details as ImportRowError[];
      // The parameters the wording needs: the row repeated, the code not found, the value not recognised, the column.
      expect(details.find((d) => d.row === 5)!.params).toEqual({ row: 2 });
      expect(details.find((d) => d.row === 7)!.params).toEqual({ code: 'NO-SUCH-ORG' });
      expect(details.find((d) => d.row === 15 && d.field === 'ethnicity')!.params).toEqual({ value: '火星族' });
      expect(details.find((d) => d.row === 10 && d.field === 'joinedAt')!.params).toEqual({ header: '入党日期' });
      expect([...byRow.keys()]).toEqual([...byRow.keys()].sort((a, b) => a - b));
      const text = JSON.stringify(res.body);
      expect(text).toContain('第 2 行'); // the duplicate points at the row it repeats
      // The report names rows, not the people's ID numbers.
      for (const id of [good.idNumber, existing, wrongDigit]) expect(text).not.toContain(id);
    });

    it('refuses files that are not workbooks, lack columns or hold no rows', async () => {
      await refusedWithoutChange(() => upload(Buffer.from('this is not a spreadsheet, just some bytes \x00\x01\x02')), 400, 'IMPORT_FILE_UNREADABLE');
      await refusedWithoutChange(() => upload(Buffer.from('PK\x03\x04 broken zip')), 400, 'IMPORT_FILE_UNREADABLE');
      await refusedWithoutChange(async () => t.http.post('/api/members/import').set(await t.as('committeeA')), 400, 'IMPORT_FILE_UNREADABLE');
      const noPhone = await importFile([validRow(9100, 'T-branchA1')], MEMBER_IMPORT_COLUMNS.map((c) => c.key).filter((k) => k !== 'phone'));
      const r = await refusedWithoutChange(() => upload(noPhone), 400, 'IMPORT_INVALID');
      expect(r.body.details).toEqual([{ row: 1, field: 'row', problem: 'missingColumn', params: { header: '手机号码' }, message: '缺少列：手机号码' }]);
      await refusedWithoutChange(async () => upload(await importFile([])), 400, 'IMPORT_INVALID');
      await refusedWithoutChange(() => upload(Buffer.alloc(10 * 1024 * 1024 + 1, 1)), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('requires member.import, and checks every organisation against the importer’s own scope', async () => {
      const file = await importFile([validRow(9200, 'T-branchA1')]);
      await refusedWithoutChange(() => upload(file, 'memberA1'), 403, 'FORBIDDEN');
      await refusedWithoutChange(() => upload(file, 'sysadmin'), 403, 'FORBIDDEN');
      await refusedWithoutChange(() => t.http.post('/api/members/import').attach('file', file, 'm.xlsx'), 401, 'UNAUTHENTICATED');
      const r = await refusedWithoutChange(() => upload(file, 'committeeB'), 400, 'IMPORT_INVALID');
      expect(r.body.details).toEqual([expect.objectContaining({ row: 2, field: 'orgCode' })]);
    });

    it('imports a valid file of 5,000 rows in one go', async () => {
      const codes = ['T-branchA1', 'T-branchA2', 'T-branchAG1'];
      const rows = Array.from({ length: 5000 }, (_, i) => validRow(i, codes[i % 3]));
      // Some people type dates as dates; they are read as the same calendar day.
      for (const r of rows.slice(0, 50)) r.birthDate = new Date(`${r.birthDate as string}T00:00:00Z`);
      const file = await importFile(rows);
      const counts = await tableCounts(t.ds, ['members', 'users', 'member_org_history']);
      const before = Object.fromEntries((await orgSnapshot(t.ds)).map((x) => [x.id, x.subtree_member_count]));
      const audit = await lastAuditId(t.ds);

      const capture = captureQueries(t.ds);
      capture.start();
      const startedAt = Date.now();
      const res = await upload(file);
      const finishedAt = Date.now();
      // Rows go in many at a time (Db.insertRows): a statement per 400 members for each of their three tables, and the
      // 5,000 audit records in two — not one statement per record, which held the embedded database for seconds.
      const captured = capture.stop();
      const inserts = captured.filter((q) => /^\s*INSERT/i.test(q.sql));
      const into = (table: string) => inserts.filter((q) => new RegExp(`^\\s*INSERT INTO [\`"]?${table}[\`"]?[\\s(]`, 'i').test(q.sql)).length;
      expect({ members: into('members'), users: into('users'), history: into('member_org_history'), audit: into('audit_log') }).toEqual({ members: 13, users: 13, history: 13, audit: 3 });
      // The organisations' counts change by their totals, one UPDATE per distinct amount: the branches' own counts by
      // 1,667 or 1,666 (two), the subtree counts by 1,666, 1,667 or 5,000 (three) — not two UPDATEs per branch.
      expect(captured.filter((q) => /^\s*UPDATE\s+[`"]?organizations[`"]?\s/i.test(q.sql))).toHaveLength(5);
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
      expect(res.body).toEqual({ imported: 5000 });

      expect(await tableCounts(t.ds, ['members', 'users', 'member_org_history'])).toEqual({
        members: counts.members + 5000,
        users: counts.users + 5000,
        member_org_history: counts.member_org_history + 5000,
      });
      const after = Object.fromEntries((await orgSnapshot(t.ds)).map((x) => [x.id, x.subtree_member_count]));
      expect(after[o.committeeA.id] - before[o.committeeA.id]).toBe(5000);
      expect(after[o.root.id] - before[o.root.id]).toBe(5000);
      expect(after[o.generalA.id] - before[o.generalA.id]).toBe(5000 / 3 | 0);
      expect(after[o.committeeB.id]).toBe(before[o.committeeB.id]);
      await expectTreeConsistent(t.ds);

      // Spot-check a row end to end: found by its full ID number, with the values of the file.
      const r = rows[4321];
      const found = await t.http.get(`/api/members?q=${r.idNumber}`).set(await t.as('committeeA'));
      expect(found.body.items).toHaveLength(1);
      const detail = (await t.http.get(`/api/members/${found.body.items[0].id}`).set(await t.as('committeeA'))).body;
      expect(r.education).toBe('大专');
      expect(detail).toMatchObject({ name: r.name, phone: r.phone, birthDate: r.birthDate, sex: 'M', education: 'COLLEGE', category: 'FULL', org: { id: o.branchA2.id } });
      const probationary = await t.http.get(`/api/members?q=${rows[20].idNumber}`).set(await t.as('committeeA'));
      expect(probationary.body.items[0]).toMatchObject({ category: 'PROBATIONARY' });
      expect((await t.http.get(`/api/members?q=${rows[10].idNumber}`).set(await t.as('committeeA'))).body.items[0].isRetired).toBe(false);
      expect((await t.http.get(`/api/members?q=${rows[9].idNumber}`).set(await t.as('committeeA'))).body.items[0].isRetired).toBe(true);
      // Written as raw multi-row INSERTs (Db.insertRows), read back through the entities as the app reads them, on
      // either driver: the import's instant (no time-zone shift), the flags and the account's defaults as given.
      const db = t.app.get(Db);
      const [stored] = await db.pick(Member, ['createdAt', 'updatedAt', 'isRetired', 'isMobile', 'status', 'version'], 'id = ?', [found.body.items[0].id]);
      expect(stored.createdAt.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(stored.createdAt.getTime()).toBeLessThanOrEqual(finishedAt + 1000);
      expect(stored).toMatchObject({ updatedAt: stored.createdAt, isRetired: false, isMobile: false, status: 'ACTIVE', version: 1 });
      const [account] = await db.pick(User, ['username', 'createdAt', 'disabled', 'failedLogins', 'passwordChangedAt', 'lockedUntil'], 'member_id = ?', [found.body.items[0].id]);
      expect(account).toEqual({ username: r.phone, createdAt: stored.createdAt, disabled: false, failedLogins: 0, passwordChangedAt: null, lockedUntil: null });

      const written = await auditSince(t.ds, audit);
      const created = written.filter((a) => a.action === 'member.create');
      expect(created).toHaveLength(5000);
      // One record per member, each naming its member, branch and the importer's capacity (written a few hundred at
      // a time: a mix-up between rows would show here).
      expect(new Set(created.map((a) => a.target_id)).size).toBe(5000);
      const spot = created.find((a) => a.target_id === String(found.body.items[0].id));
      expect(spot).toMatchObject({ target_type: 'member', actor_role: 'COMMITTEE_ADMIN', actor_org_id: o.committeeA.id });
      expect(JSON.parse(spot!.detail!)).toEqual({ name: r.name, orgId: o.branchA2.id, via: 'import' });
      expect(written.filter((a) => a.action === 'member.import')).toHaveLength(1);

      // The same file again is refused row by row: every person is now registered.
      const again = await refusedWithoutChange(() => upload(file), 400, 'IMPORT_INVALID');
      expect(again.body.details.length).toBeGreaterThanOrEqual(1000);
    }, 180_000);

    it('accepts the downloaded template once filled in', async () => {
      const res = await t.http.get('/api/members/import-template').set(await t.as('committeeA')).buffer(true).parse(binary);
      const { Workbook } = await import('exceljs');
      const wb = new Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      const row = validRow(9300, 'T-branchA1', '151');
      sheet.addRow(MEMBER_IMPORT_COLUMNS.map((c) => row[c.key] ?? null));
      const filled = Buffer.from(await wb.xlsx.writeBuffer());
      const imported = await upload(filled);
      expect(imported.status).toBe(201);
      expect(imported.body).toEqual({ imported: 1 });
    });
  });

  describe('export', () => {
    const exportOf = async (query: string, who = 'committeeA') =>
      t.http.get(`/api/members/export${query}`).set(await t.as(who)).buffer(true).parse(binary);

    async function listAll(query: string, who = 'committeeA'): Promise<{ name: string; phone: string; idNumberMasked: string }[]> {
      const out = [];
      let cursor: string | null = null;
      do {
        const res: import('supertest').Response = await t.http.get(`/api/members${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).set(await t.as(who));
        expect(res.status).toBe(200);
        out.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      return out;
    }

    it('streams a workbook whose rows are the filtered list, in order, with masked ID numbers', async () => {
      for (const query of [`?orgId=${o.branchA1.id}`, '?category=PROBATIONARY', `?orgId=${o.generalA.id}&q=${encodeURIComponent('王')}`, '?role=ANY']) {
        const res = await exportOf(query);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toContain(XLSX);
        const { rows } = await readSheet(res.body);
        expect(rows[0].slice(0, HEADERS.length)).toEqual(HEADERS);
        const col = (h: string) => rows[0].indexOf(h);
        const expected = await listAll(query);
        expect(expected.length).toBeGreaterThan(0);
        const got = rows.slice(1);
        expect(got.map((r) => [r[col('姓名')], r[col('手机号码')], r[col('公民身份号码')]])).toEqual(expected.map((m) => [m.name, m.phone, m.idNumberMasked]));
        for (const r of got) expect(r[col('公民身份号码')]).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      }
    });

    it('exports a whole subtree of thousands of rows', async () => {
      const res = await exportOf(`?orgId=${o.committeeA.id}`);
      expect(res.status).toBe(200);
      const { rows } = await readSheet(res.body);
      const [{ n }] = await t.ds.query('SELECT COUNT(*) AS n FROM members WHERE org_path LIKE ?', [`${o.committeeA.path}%`]);
      expect(rows.length - 1).toBe(Number(n));
      expect(rows.length - 1).toBeGreaterThan(5000);
      const text = rows.map((r) => r.join('\t')).join('\n');
      expect(text).not.toMatch(/\d{17}[\dX]/);
    }, 60_000);

    it('records the export in the audit log', async () => {
      const before = await lastAuditId(t.ds);
      await exportOf(`?orgId=${o.branchA1.id}`);
      const audit = await auditSince(t.ds, before);
      expect(audit).toEqual([expect.objectContaining({ action: 'member.export', target_type: 'organization', target_id: String(o.branchA1.id), actor_user_id: t.county.users.committeeA })]);
      const [{ n }] = await t.ds.query('SELECT COUNT(*) AS n FROM members WHERE org_id = ?', [o.branchA1.id]);
      expect(JSON.parse(audit[0].detail!).rows).toBe(Number(n));
    });

    it('requires member.export and answers 404 outside scope', async () => {
      expectError(await t.http.get('/api/members/export').set(await t.as('memberA1')), 403, 'FORBIDDEN');
      expectError(await t.http.get('/api/members/export').set(await t.as('sysadmin')), 403, 'FORBIDDEN');
      expectError(await t.http.get(`/api/members/export?orgId=${o.committeeA.id}`).set(await t.as('committeeB')), 404, 'NOT_FOUND');
      expectError(await t.http.get('/api/members/export?limit=abc').set(await t.as('committeeA')), 400, 'VALIDATION_FAILED');
      expectError(await t.http.get('/api/members/export'), 401, 'UNAUTHENTICATED');
    });
  });
});
