import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryFailedError } from 'typeorm';
import { Db } from '../src/common/database/db.service';
import { Organization } from '../src/organizations/entities/organization.entity';
import { addLoginMembers, extendForTransfers } from './factories/transfer-county';
import { startTestApp, type TestApp } from './support/test-app';
import { TransferClient } from './support/transfers';
import { itOn } from './support/driver';

/**
 * Db.load reads entities by plain SQL on the hot paths in place of em.find: for every entity of the schema, on this
 * run's driver, what it returns must equal what TypeORM's own hydration returns (dates, booleans, JSON, nulls).
 */
describe('Db.load', () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(Db);
    // Rows in the transfer, event and letter tables as well as the county fixture's organisations, members and users.
    await extendForTransfers(t);
    await addLoginMembers(t, t.county.orgs.branchA1, ['loadCheck']);
    await new TransferClient(t).issued('loadCheck', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' });
  });
  afterAll(() => t?.close());

  it('returns, for every entity, exactly the entities em.find returns', async () => {
    let compared = 0;
    for (const meta of t.ds.entityMetadatas) {
      const keys = meta.primaryColumns.map((c) => c.databaseName);
      const order = Object.fromEntries(meta.primaryColumns.map((c) => [c.propertyName, 'ASC' as const]));
      const expected = await t.ds.manager.find(meta.target, { order });
      const actual = await db.load(meta.target, '1 = 1', [], `ORDER BY ${keys.join(', ')}`);
      expect(actual, meta.name).toEqual(expected);
      if (expected.length) expect(Object.getPrototypeOf(actual[0]), meta.name).toBe(Object.getPrototypeOf(expected[0]));
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(50);
    for (const table of ['transfers', 'transfer_events', 'letters', 'members', 'organizations', 'users']) {
      expect(Number((await t.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n), table).toBeGreaterThan(0);
    }
  });

  it('pick returns only the named fields, each as load converts it, under an alias the WHERE may use', async () => {
    for (const meta of t.ds.entityMetadatas) {
      // Every other stored column, so that dates, booleans and JSON are among the picked fields somewhere.
      const fields = meta.columns.filter((c, i) => !c.isVirtual && i % 2 === 0).map((c) => c.propertyName);
      const keys = meta.primaryColumns.map((c) => `x.${c.databaseName}`);
      const full = await db.load(meta.target, '1 = 1', [], `ORDER BY ${keys.map((k) => k.slice(2)).join(', ')}`);
      const picked = await db.pick(meta.target, fields, '1 = 1', [], { alias: 'x', tail: `ORDER BY ${keys.join(', ')}` });
      expect(picked.map((p) => ({ ...p })), meta.name).toEqual(full.map((e) => Object.fromEntries(fields.map((f) => [f, (e as Record<string, unknown>)[f]]))));
    }
    await expect(db.pick(meta(t, 'Organization'), ['nope' as never], '1 = 1')).rejects.toThrow(/no stored column nope/);
  });

  it('query returns the rows em.query returns, binds Dates and booleans as TypeORM does, and fails as TypeORM fails', async () => {
    // On SQLite, reads go past TypeORM's query runner (sqlite-rows.ts): the same rows must come back.
    const cases: [string, unknown[]][] = [
      ['SELECT * FROM transfers ORDER BY id', []],
      ['SELECT t.id, t.state, o.id, o.name AS org FROM transfers t JOIN organizations o ON o.id = t.source_org_id ORDER BY t.id', []],
      ['SELECT COUNT(*) AS n, MAX(updated_at) FROM transfers WHERE updated_at < ?', [new Date(Date.now() + 60_000)]],
      ['SELECT id, disabled FROM users WHERE disabled = ? ORDER BY id', [false]],
      ['SELECT id FROM users WHERE id = ?', [-1]],
      // Numbers bound as parameters (MySQL's binary protocol sends them as doubles), sums and averages (decimals),
      // text, nulls and JSON as stored.
      ['SELECT o.id, o.path, o.level FROM organizations o WHERE o.id >= ? AND o.path >= ? AND o.parent_id IS NOT NULL ORDER BY o.id', [1, '/']],
      ['SELECT SUM(id) AS total, AVG(depth) AS mean, COUNT(DISTINCT parent_id) AS parents FROM organizations WHERE id > ?', [0]],
      ['SELECT id, incoming_member, destination_name FROM transfers WHERE member_id IS NOT NULL OR id > ? ORDER BY id', [0]],
      ['SELECT id FROM organizations WHERE id IN (?, ?) ORDER BY id', [t.county.orgs.branchA1.id, t.county.orgs.branchB1.id]],
    ];
    for (const [sql, params] of cases) {
      const rows = await db.query(sql, params);
      expect(rows, sql).toEqual(await t.ds.query(sql, params));
      if (params[0] !== -1) expect(rows.length, sql).toBeGreaterThan(0);
    }
    // A write through query() changes the table as em.query would.
    const [before] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log');
    await db.query("UPDATE organizations SET phone = phone WHERE id = ?", [t.county.orgs.branchA1.id]);
    expect((await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log'))[0].n).toBe(before.n);
    await expect(db.query('SELECT nope FROM transfers')).rejects.toBeInstanceOf(QueryFailedError);
    await expect(db.load(meta(t, 'Transfer'), 'nope = ?', [1])).rejects.toBeInstanceOf(QueryFailedError);
  });

  itOn(process.env.DB_TYPE === 'mysql')('on MySQL reads outside a transaction as prepared statements, except lists of placeholders', async () => {
    const pool = (t.ds.driver as unknown as { pool: { execute: (...args: unknown[]) => unknown } }).pool;
    const executed: string[] = [];
    const execute = pool.execute;
    pool.execute = function (this: unknown, ...args: unknown[]) {
      executed.push(String(args[0]));
      return execute.apply(this, args);
    };
    try {
      await db.query('SELECT id FROM users WHERE id = ?', [1]);
      await db.load(Organization, 'id = ?', [t.county.orgs.branchA1.id]);
      await db.byIds(Organization, [t.county.orgs.branchA1.id, t.county.orgs.branchB1.id]);
      await db.tx((em) => db.query('SELECT id FROM users WHERE id = ?', [2], em));
      await db.query('UPDATE organizations SET phone = phone WHERE id = ?', [t.county.orgs.branchA1.id]);
    } finally {
      pool.execute = execute;
    }
    expect(executed).toEqual(['SELECT id FROM users WHERE id = ?', expect.stringMatching(/FROM `organizations` WHERE id = \?$/)]);
  });

  it('run returns how many rows a conditional UPDATE changed, inside a transaction, and undoes nothing it should not', async () => {
    const id = t.county.orgs.branchA1.id;
    const [{ phone }] = await db.query<{ phone: string }>('SELECT phone FROM organizations WHERE id = ?', [id]);
    expect(await db.tx((em) => db.run('UPDATE organizations SET phone = ? WHERE id = ? AND phone = ?', ['0516-1', id, phone], em))).toBe(1);
    expect(await db.tx((em) => db.run('UPDATE organizations SET phone = ? WHERE id = ? AND phone = ?', ['0516-2', id, phone], em))).toBe(0);
    // Rolled back with the transaction it ran in.
    await expect(
      db.tx(async (em) => {
        expect(await db.run('UPDATE organizations SET phone = ? WHERE id = ?', ['0516-3', id], em)).toBe(1);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect((await db.query<{ phone: string }>('SELECT phone FROM organizations WHERE id = ?', [id]))[0].phone).toBe('0516-1');
    await db.tx((em) => db.run('UPDATE organizations SET phone = ? WHERE id = ?', [phone, id], em));
    await expect(db.tx((em) => db.run('UPDATE nope SET x = 1 WHERE id = ?', [1], em))).rejects.toBeInstanceOf(QueryFailedError);
  });

  itOn(process.env.DB_TYPE !== 'mysql')('on SQLite keeps the statements every transaction runs prepared, however many one-off statements come between', async () => {
    // TypeORM's SQLite driver writes a find's id into the SQL text, so each id is a statement of its own in its cache.
    const connection = (t.ds.driver as unknown as { databaseConnection: { prepare: (sql: string) => unknown } }).databaseConnection;
    const prepare = connection.prepare;
    const prepared: string[] = [];
    const tx = () => db.tx((em) => em.findOne(Organization, { where: { code: 'no-such-code' } }));
    await tx();
    connection.prepare = function (this: unknown, sql: string) {
      prepared.push(sql);
      return prepare.call(this, sql);
    };
    try {
      for (let i = 0; i < 1200; i++) {
        await t.ds.manager.findOne(Organization, { where: { id: 1_000_000 + i } });
        if (i % 100 === 99) await tx();
      }
    } finally {
      connection.prepare = prepare;
    }
    expect(prepared.filter((sql) => /organizations/.test(sql)).length).toBeGreaterThanOrEqual(1200);
    expect(prepared.filter((sql) => /^(BEGIN|COMMIT)/.test(sql))).toEqual([]);
  });

  it('pick reads counts with each row, as numbers, on either driver', async () => {
    const rows = await db.pick(Organization, ['id'], '1 = 1', [], {
      alias: 'o',
      tail: 'ORDER BY o.id',
      counts: { childCount: 'SELECT COUNT(*) FROM organizations g WHERE g.parent_id = o.id' },
    });
    const grouped: { parent_id: number; n: number }[] = await t.ds.query('SELECT parent_id, COUNT(*) AS n FROM organizations WHERE parent_id IS NOT NULL GROUP BY parent_id');
    const expected = new Map(grouped.map((g) => [Number(g.parent_id), Number(g.n)]));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.some((r) => r.childCount > 1)).toBe(true);
    for (const r of rows) expect(r.childCount, `children of ${r.id}`).toBe(expected.get(r.id) ?? 0);
  });

  it('pick reads values of joined tables with each row, as stored, null where nothing joins, on either driver', async () => {
    const rows = await db.pick(Organization, ['id', 'name'], '1 = 1', [], {
      alias: 'o',
      tail: 'ORDER BY o.id',
      joined: { from: 'LEFT JOIN organizations p ON p.id = o.parent_id', values: { parentName: 'p.name', parentLevel: 'p.level' } },
    });
    const expected: { id: number; name: string; parent_name: string | null; parent_level: string | null }[] = await t.ds.query(
      'SELECT o.id, o.name, p.name AS parent_name, p.level AS parent_level FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id ORDER BY o.id',
    );
    expect(rows.map((r) => [r.id, r.name, r.parentName, r.parentLevel])).toEqual(expected.map((e) => [Number(e.id), e.name, e.parent_name, e.parent_level]));
    expect(rows.some((r) => r.parentName === null)).toBe(true);
    expect(rows.some((r) => typeof r.parentName === 'string')).toBe(true);
  });

  it('byIds finds the given rows, and none for an empty list', async () => {
    const { branchA1, branchB1 } = t.county.orgs;
    const found = await db.byIds(meta(t, 'Organization'), [branchB1.id, branchA1.id, 987654]);
    expect(found.map((o) => (o as { id: number }).id).sort((a, b) => a - b)).toEqual([branchA1.id, branchB1.id].sort((a, b) => a - b));
    expect(await db.byIds(meta(t, 'Organization'), [])).toEqual([]);
  });
  itOn(process.env.DB_TYPE === 'mysql')('runs a transaction InnoDB chose as a deadlock victim again, so both of two crossing transactions commit', async () => {
    const [a, b] = (await t.ds.query('SELECT id FROM organizations ORDER BY id LIMIT 2')) as { id: number }[];
    // Each locks one row, waits until the other holds its own, then asks for the other's: a real deadlock, once.
    let held = 0;
    const bothHold = async () => {
      held++;
      for (let i = 0; held < 2 && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
    };
    let attempts = 0;
    const crossing = (first: number, second: number) =>
      db.tx(async (em) => {
        attempts++;
        await em.query('SELECT id FROM organizations WHERE id = ? FOR UPDATE', [first]);
        if (attempts <= 2) await bothHold();
        await em.query('SELECT id FROM organizations WHERE id = ? FOR UPDATE', [second]);
        return first;
      });
    const results = await Promise.allSettled([crossing(a.id, b.id), crossing(b.id, a.id)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    // The victim ran twice.
    expect(attempts).toBe(3);
  });
});

function meta(t: TestApp, name: string) {
  return t.ds.getMetadata(name).target;
}
