import type BetterSqlite3 from 'better-sqlite3';
import { QueryFailedError, type DataSource } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils.js';

interface Prepared {
  statement: BetterSqlite3.Statement;
  /** Column names, in the order of each row's values; null for a statement that returns no rows (a write). */
  names: string[] | null;
}

/** How many prepared reads are kept (the oldest is dropped past this): lists of ids make new SQL per list length. */
const CACHE_SIZE = 500;

/**
 * Reads on the embedded database straight from better-sqlite3, each row fetched as an array of values. Asked for
 * objects, better-sqlite3 builds every row key by key, which on a page of wide rows cost as much as finding them;
 * arrays and one loop here cost half. Parameters are bound as TypeORM's query runner binds them (a Date as
 * DATETIME text, a boolean as 0/1: data-source.ts), failures are TypeORM's QueryFailedError, and there is one
 * connection, so a read inside a transaction sees its writes as it did through TypeORM. Each statement is told to
 * the data source's logger, as the query runner tells it (the query-plan tests read the SQL from there).
 */
export class SqliteRows {
  private readonly prepared = new Map<string, Prepared>();

  constructor(private readonly ds: DataSource) {}

  private connection(): BetterSqlite3.Database {
    return (this.ds.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  }

  /** The rows of a SELECT as arrays of values, in the order of its columns. */
  arrays(sql: string, params: readonly unknown[]): unknown[][] {
    return this.run(this.prepare(sql), sql, params);
  }

  /**
   * The rows of a SELECT as objects keyed by column name, as `em.query` returns them; null for a statement that returns
   * no rows (a write), which is left to TypeORM.
   */
  objects<T>(sql: string, params: readonly unknown[]): T[] | null {
    const prepared = this.prepare(sql);
    const names = prepared.names;
    if (!names) return null;
    const rows = this.run(prepared, sql, params);
    const out = new Array<T>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const values = rows[r];
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
      out[r] = row as T;
    }
    return out;
  }

  /**
   * An UPDATE or DELETE, from the same cache of prepared statements; returns how many rows it changed. On the one
   * connection it belongs to whatever transaction is open, so a caller writes only inside Db.tx (which queues them).
   */
  changes(sql: string, params: readonly unknown[]): number {
    return this.run(this.prepare(sql), sql, params, (statement, bound) => statement.run(...bound).changes);
  }

  private run<T = unknown[][]>(
    { statement }: Prepared,
    sql: string,
    params: readonly unknown[],
    execute: (statement: BetterSqlite3.Statement, bound: unknown[]) => T = (st, bound) => st.all(...bound) as T,
  ): T {
    const bound = params.map(bindable);
    this.ds.logger.logQuery(sql, bound);
    try {
      return execute(statement, bound);
    } catch (e) {
      this.ds.logger.logQueryError(e as Error, sql, bound);
      throw new QueryFailedError(sql, bound, e as Error);
    }
  }

  private prepare(sql: string): Prepared {
    let p = this.prepared.get(sql);
    if (!p) {
      let statement: BetterSqlite3.Statement;
      try {
        statement = this.connection().prepare(sql);
      } catch (e) {
        throw new QueryFailedError(sql, [], e as Error);
      }
      p = { statement, names: statement.reader ? statement.raw(true).columns().map((c) => c.name) : null };
      this.prepared.set(sql, p);
      if (this.prepared.size > CACHE_SIZE) this.prepared.delete(this.prepared.keys().next().value!);
    }
    return p;
  }
}

const bindable = (p: unknown): unknown => (p instanceof Date ? DateUtils.mixedDateToUtcDatetimeString(p) : typeof p === 'boolean' ? (p ? 1 : 0) : p);
