import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner.js';
import { DateUtils } from 'typeorm/util/DateUtils.js';
import { SnakeNamingStrategy } from '../common/database/snake-naming.strategy';
import type { DatabaseConfig } from '../config/database.config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One entity model, two drivers: the embedded SQLite file, or MySQL/MariaDB in production. */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Failed queries are reported by the error filter; TypeORM's own log would print their parameters.
    logging: false,
  };
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      enableWAL: true,
      // Wait for a lock rather than failing at once when a second process (a job, the seed) is writing.
      timeout: 10_000,
      // TypeORM's prepared statements on the one connection (100 by default); kept least-recently-used: see keepHotStatements.
      statementCacheSize: 500,
      prepareDatabase: (conn: { pragma(s: string): unknown }) => {
        conn.pragma('synchronous = NORMAL');
        conn.pragma('foreign_keys = ON');
        // Subtrees are `path LIKE '/1/23/%'`; a case-sensitive LIKE lets SQLite answer that from the index.
        conn.pragma('case_sensitive_like = ON');
        // A page cache of up to 128 MB (SQLite's default is 2 MB): the county's indexes stay in memory, and the seed's
        // one large transaction no longer thrashes its random-order indexes (ten times the county took hours).
        conn.pragma('cache_size = -131072');
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    host: db.host,
    port: db.port,
    username: db.username,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: db.poolSize,
    connectTimeout: db.connectTimeoutMs,
    // mysql2 captures a stack at every query for its errors' sake (4% of the server's time on the MariaDB queues);
    // a failed query still says where through QueryFailedError and the SQL it logs.
    trace: false,
    extra: {
      // Fail fast when the database is down rather than queueing requests forever (issue #7's 503s).
      connectionLimit: db.poolSize,
      queueLimit: 200,
      enableKeepAlive: true,
      // Prepared statements kept per connection (mysql-rows.ts), the least recently used closed past this: a pool of
      // 20 keeps at most 2,560, far below MySQL's server-wide max_prepared_stmt_count (16,382 by default).
      maxPreparedStatements: 128,
    },
  };
}

/**
 * TypeORM reads MariaDB's catalogue differently from MySQL's (defaults, JSON), so `DB_TYPE=mysql` asks the server
 * which it is before building the data source. If the database is unreachable now, MySQL is assumed.
 */
export async function detectMysqlFlavor(db: DatabaseConfig): Promise<'mysql' | 'mariadb' | null> {
  if (db.type !== 'mysql') return null;
  if (db.flavor) return db.flavor;
  try {
    const conn = await createConnection({
      host: db.host,
      port: db.port,
      user: db.username,
      password: db.password,
      connectTimeout: db.connectTimeoutMs,
    });
    try {
      const [rows] = await conn.query('SELECT VERSION() AS v');
      return /mariadb/i.test(String((rows as { v: string }[])[0].v)) ? 'mariadb' : 'mysql';
    } finally {
      await conn.end();
    }
  } catch {
    return 'mysql';
  }
}

let sqliteDatesPatched = false;
/**
 * better-sqlite3 cannot bind a Date. Raw queries (`em.query`) pass Dates in the same UTC text form TypeORM stores
 * in DATETIME columns, so `due_at < ?` compares like with like on SQLite as it does on MySQL. Patched once, here,
 * rather than converting at every call site.
 */
function bindSqliteDates(): void {
  if (sqliteDatesPatched) return;
  sqliteDatesPatched = true;
  const proto = BetterSqlite3QueryRunner.prototype as unknown as { query: (q: string, p?: unknown[], s?: boolean) => Promise<unknown> };
  const original = proto.query;
  proto.query = function (this: unknown, query: string, parameters?: unknown[], structured?: boolean) {
    const params = parameters?.map((p) => (p instanceof Date ? DateUtils.mixedDateToUtcDatetimeString(p) : p));
    return original.call(this, query, params, structured);
  };
}

let sqliteStatementsPatched = false;
/**
 * TypeORM's SQLite driver writes a number parameter of a query builder or a find into the SQL text (`WHERE id = 9594`),
 * so each id makes a statement of its own, and its statement cache drops the oldest first: a stream of such
 * statements pushed out the ones every transaction runs (BEGIN, COMMIT, the audit record's INSERT), which were then
 * compiled again at every request — a sixth of the server's time in the booking storm. A statement found in the
 * cache is moved to its end here, so the cache drops the least recently used instead, and the hot ones stay.
 */
function keepHotStatements(): void {
  if (sqliteStatementsPatched) return;
  sqliteStatementsPatched = true;
  const proto = BetterSqlite3QueryRunner.prototype as unknown as { getStmt: (q: string) => Promise<unknown> };
  const original = proto.getStmt;
  proto.getStmt = function (this: { stmtCache?: Map<string, unknown> }, query: string) {
    const cache = this.stmtCache;
    const hit = cache?.get(query);
    if (cache && hit !== undefined) {
      cache.delete(query);
      cache.set(query, hit);
      return Promise.resolve(hit);
    }
    return original.call(this, query);
  };
}

export async function createDataSource(db: DatabaseConfig): Promise<DataSource> {
  if (db.type === 'sqlite') {
    bindSqliteDates();
    keepHotStatements();
  }
  const flavor = await detectMysqlFlavor(db);
  const options = dataSourceOptions(db);
  return new DataSource(flavor === 'mariadb' ? ({ ...options, type: 'mariadb' } as DataSourceOptions) : options);
}

export function isSqlite(ds: DataSource): boolean {
  return ds.options.type === "better-sqlite3";
}
