import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/database/data-source';
import { MIGRATIONS } from '../src/database/migrations';
import { migrateDataSource } from '../src/database/prepare';
import { databaseStartProblem } from '../src/database/start-failure';
import { testDatabaseConfig } from './support/test-db';

/**
 * Starting on MySQL (DB_TYPE=mysql runs only; vitest.config.mts leaves *.mysql.spec.ts out of SQLite runs): processes
 * started together take turns at the migrations, and a database that is not utf8mb4 is refused before anything is
 * created in it. SQLite has one writer and stores UTF-8 always.
 */
describe('migrations on MySQL', () => {
  const opened: DataSource[] = [];
  const open = async (database?: string) => {
    const { db } = testDatabaseConfig();
    const ds = await createDataSource(database && db.type === 'mysql' ? { ...db, database } : db);
    await ds.initialize();
    opened.push(ds);
    return ds;
  };
  const server = () => {
    const { db } = testDatabaseConfig();
    if (db.type !== 'mysql') throw new Error('MySQL only');
    return createConnection({ host: db.host, port: db.port, user: db.username, password: db.password });
  };
  afterAll(async () => {
    for (const ds of opened) if (ds.isInitialized) await ds.destroy();
  });

  it('runs each migration once when three processes start together on an empty database', async () => {
    const [a, b, c] = [await open(), await open(), await open()];
    const tables = (await a.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')) as { name: string }[];
    await a.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const t of tables) await a.query(`DROP TABLE \`${t.name}\``);
    await a.query('SET FOREIGN_KEY_CHECKS = 1');

    const ran = await Promise.all([a, b, c].map((ds) => migrateDataSource(ds)));
    // One of them ran them all; the others found nothing to run.
    expect(ran.map((names) => names.length).sort((x, y) => x - y)).toEqual([0, 0, MIGRATIONS.length]);
    const recorded = (await a.query('SELECT name FROM migrations ORDER BY id')) as { name: string }[];
    expect(recorded.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  }, 300_000);

  it('refuses a database in another character set than utf8mb4, creating nothing in it', async () => {
    const { db } = testDatabaseConfig();
    const name = `${db.type === 'mysql' ? db.database : ''}_latin1`;
    const conn = await server();
    try {
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET latin1`);
      const ds = await open(name);
      await expect(migrateDataSource(ds)).rejects.toThrow(/uses the character set latin1; zhdj stores Chinese text and needs utf8mb4\. Before the first start: ALTER DATABASE/);
      const [{ n }] = (await ds.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE()')) as { n: number }[];
      expect(Number(n)).toBe(0);
      await ds.destroy();
    } finally {
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    }
  });

  it('says which settings to check when the database cannot be reached or used', async () => {
    const { db } = testDatabaseConfig();
    if (db.type !== 'mysql') throw new Error('MySQL only');
    const failure = (over: Partial<typeof db>) =>
      createConnection({ host: over.host ?? db.host, port: over.port ?? db.port, user: db.username, password: over.password ?? db.password, database: over.database ?? db.database }).then(
        async (c) => {
          await c.end();
          return null;
        },
        (e: unknown) => databaseStartProblem(e, { ...db, ...over }),
      );
    expect(await failure({ password: 'not-the-password' })).toMatch(/refused user .* check DB_USER and DB_PASSWORD/);
    expect(await failure({ database: 'zhdj_no_such_database' })).toMatch(/There is no database "zhdj_no_such_database" .*CREATE DATABASE/);
    expect(await failure({ port: 1 })).toMatch(/Nothing answers at .*:1: .* Check DB_HOST and DB_PORT/);
    expect(await failure({})).toBeNull();
  });
});
