import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '@zhdj/shared';
import { expectError } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';
import { importFile, validRow } from './support/xlsx';

/**
 * ID numbers are sensitive personal data: encrypted at rest, masked in responses and logs. After the fixture, an
 * import and the usual traffic around members, no plaintext ID number may be found in the database's bytes, in the
 * server's log output or in the audit log.
 */
describe('no plaintext ID numbers at rest or in logs', () => {
  let t: TestApp;
  const known = new Set<string>();
  const output: string[] = [];
  const restore: (() => void)[] = [];

  /** Every 18-character window of every run of ID-like characters that is a known ID number. */
  function leaks(text: string): string[] {
    const found = new Set<string>();
    for (const run of text.matchAll(/[0-9Xx]{18,}/g)) {
      for (let i = 0; i + 18 <= run[0].length; i++) {
        const window = run[0].slice(i, i + 18).toUpperCase();
        if (known.has(window)) found.add(window);
      }
    }
    return [...found];
  }

  beforeAll(async () => {
    // Capture everything the server writes, whichever way it writes it, and still pass it through.
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = original as typeof stream.write));
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level];
      console[level] = (...args: unknown[]) => {
        output.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
        original.apply(console, args);
      };
      restore.push(() => (console[level] = original));
    }
    t = await startTestApp({}, { logger: ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    for (const r of restore) r();
  });

  it('seeds, imports and handles members the usual ways', async () => {
    const county = await t.as('county');
    const committeeA = await t.as('committeeA');
    for (const id of Object.values(t.county.members)) {
      const res = await t.http.post(`/api/members/${id}/reveal-id`).set(county).expect(200);
      known.add(res.body.idNumber);
    }
    const rows = Array.from({ length: 300 }, (_, i) => validRow(i, ['T-branchA1', 'T-branchA2', 'T-branchAG1'][i % 3]));
    for (const r of rows) known.add(String(r.idNumber));
    expect((await t.http.post('/api/members/import').set(committeeA).attach('file', await importFile(rows), 'm.xlsx')).body).toEqual({ imported: 300 });

    // A refused import that names existing people, a duplicate create, a look-up by full number, an ID change that
    // collides with another member's (a failing SQL statement), a search and an export.
    expectError(await t.http.post('/api/members/import').set(committeeA).attach('file', await importFile(rows.slice(0, 20)), 'm.xlsx'), 400, 'IMPORT_INVALID');
    const first17 = '320396' + '19800101' + '123';
    const created = first17 + idCheckChar(first17);
    known.add(created);
    const body = { name: '测试', sex: 'M', ethnicity: '汉族', birthDate: '1980-01-01', idNumber: created, phone: '13600000001', education: 'BACHELOR', category: 'FULL', joinedAt: '2000-07-01', duesPaidThrough: '2026-06', orgId: t.county.orgs.branchA1.id };
    const res = await t.http.post('/api/members').set(committeeA).send(body).expect(201);
    expectError(await t.http.post('/api/members').set(committeeA).send({ ...body, phone: '13600000002' }), 409, 'ID_NUMBER_TAKEN');
    expect((await t.http.get(`/api/members?q=${created}`).set(committeeA)).body.items).toHaveLength(1);
    const clash = String(rows[0].idNumber);
    const update = await t.http.patch(`/api/members/${res.body.id}`).set(committeeA).send({ version: 1, idNumber: clash, birthDate: rows[0].birthDate, sex: 'F' });
    expectError(update, 409, 'ID_NUMBER_TAKEN');
    const changed = first17.slice(0, 14) + '125';
    const newId = changed + idCheckChar(changed);
    known.add(newId);
    expect((await t.http.patch(`/api/members/${res.body.id}`).set(committeeA).send({ version: 1, idNumber: newId })).status).toBe(200);
    expect((await t.http.get(`/api/members/export?orgId=${t.county.orgs.committeeA.id}`).set(committeeA)).status).toBe(200);
    expect(known.size).toBe(Object.keys(t.county.members).length + 300 + 2);
  });

  it('the audit log holds none, though it records the reveals and the import', async () => {
    const rows: { action: string; detail: string | null; target_id: string | null }[] = await t.ds.query('SELECT action, detail, target_id FROM audit_log');
    expect(rows.filter((r) => r.action === 'member.revealId')).toHaveLength(Object.keys(t.county.members).length);
    expect(rows.filter((r) => r.action === 'member.import')).toHaveLength(1);
    expect(leaks(JSON.stringify(rows))).toEqual([]);
  });

  it('the database holds none', async () => {
    if (t.config.db.type === 'sqlite') {
      const path = t.config.db.path;
      const read = () => [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('\n');
      const before = read();
      expect(before.length).toBeGreaterThan(100_000);
      expect(leaks(before)).toEqual([]);
      // Once the write-ahead log is folded into the main file, still nothing.
      await t.ds.query('PRAGMA wal_checkpoint(TRUNCATE)');
      expect(leaks(read())).toEqual([]);
      // The scan itself works: the masked forms it must not confuse with numbers are there.
      expect(before).toContain('**********');
    } else {
      const columns: { t: string; c: string }[] = await t.ds.query(
        `SELECT table_name AS t, column_name AS c FROM information_schema.columns
          WHERE table_schema = DATABASE() AND data_type IN ('char', 'varchar', 'text', 'tinytext', 'mediumtext', 'longtext', 'json')`,
      );
      expect(columns.length).toBeGreaterThan(20);
      const sample = [...known].slice(0, 12).concat([...known].slice(-3));
      for (const { t: table, c: column } of columns) {
        // Exactly these numbers, by LIKE …
        for (const id of sample) {
          const [{ n }] = await t.ds.query(`SELECT COUNT(*) AS n FROM \`${table}\` WHERE \`${column}\` LIKE ?`, [`%${id}%`]);
          expect(Number(n), `${table}.${column} holds ${id.slice(0, 4)}…`).toBe(0);
        }
        // … and any value that looks like one, checked against every known number.
        const suspects: { v: string }[] = await t.ds.query(`SELECT \`${column}\` AS v FROM \`${table}\` WHERE \`${column}\` REGEXP '[0-9]{17}[0-9Xx]'`);
        expect(leaks(suspects.map((s) => s.v).join('\n')), `${table}.${column}`).toEqual([]);
      }
    }
  });

  it('the server’s log output holds none', async () => {
    const text = output.join('\n');
    // The capture worked: the start-up log mapped the member routes.
    expect(text).toContain('/api/members/:id/reveal-id');
    expect(leaks(text)).toEqual([]);
  });
});
