import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import type { DatabaseConfig } from '../../src/config/database.config';
import { createDataSource, isSqlite } from '../../src/database/data-source';

/** The database this test file runs against: a fresh SQLite file, or the run's MariaDB database. */
export function testDatabaseConfig(): { db: DatabaseConfig; cleanup: () => void } {
  if (process.env.DB_TYPE === 'mysql') {
    return {
      db: {
        type: 'mysql',
        host: process.env.DB_HOST ?? '127.0.0.1',
        port: Number(process.env.DB_PORT ?? 3306),
        username: process.env.DB_USER ?? 'root',
        password: process.env.DB_PASSWORD ?? '',
        database: inject('mysqlDatabase'),
        poolSize: 20,
        connectTimeoutMs: 3000,
        answerTimeoutMs: 30000,
      },
      cleanup: () => {},
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'zhdj-test-'));
  return { db: { type: 'sqlite', path: join(dir, 'test.sqlite') }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Drops every table, then builds the schema with the migrations — each test file starts from nothing. */
export async function resetSchema(ds: DataSource): Promise<void> {
  const q = ds.createQueryRunner();
  try {
    if (isSqlite(ds)) {
      await q.query('PRAGMA foreign_keys = OFF');
    } else {
      await q.query('SET FOREIGN_KEY_CHECKS = 0');
    }
    const tables: { name: string }[] = isSqlite(ds)
      ? await q.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      : await q.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`);
    for (const t of tables) await q.query(`DROP TABLE ${isSqlite(ds) ? `"${t.name}"` : `\`${t.name}\``}`);
    if (isSqlite(ds)) await q.query('PRAGMA foreign_keys = ON');
    else await q.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await q.release();
  }
  await ds.runMigrations({ transaction: 'each' });
}

export async function migratedDataSource(): Promise<{ ds: DataSource; close: () => Promise<void>; db: DatabaseConfig }> {
  const { db, cleanup } = testDatabaseConfig();
  const ds = await createDataSource(db);
  await ds.initialize();
  await resetSchema(ds);
  return {
    ds,
    db,
    close: async () => {
      await ds.destroy();
      cleanup();
    },
  };
}
