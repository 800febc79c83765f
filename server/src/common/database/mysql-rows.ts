import type { ExecuteValues, Pool, RowDataPacket } from 'mysql2';
import { QueryFailedError, type DataSource } from 'typeorm';

/**
 * Reads on MySQL/MariaDB as prepared statements (mysql2's `execute`: the binary protocol, each statement prepared
 * once per connection and kept), instead of TypeORM's text queries, which the database parses and plans anew every
 * time. On MariaDB here that took 10–25% off the database's CPU per statement (the caller's session and roles 205–220
 * → 155–178 µs, a members page 373–438 → 305–310 µs). Rows come back as the text protocol gives them (the same
 * connection options: dates as Date in UTC, big numbers and decimals as strings); `server/test/db-load.spec.ts`
 * compares the two.
 *
 * Only statements of a fixed shape are prepared. A statement with a list of placeholders (`IN (?, ?, …)`) changes its
 * text with the list's length, so preparing it would mostly cost an extra round trip for a statement used once; those
 * go as text. Each connection keeps at most `maxPreparedStatements` (data-source.ts), closing the least recently used,
 * so an installation stays far below MySQL's server-wide `max_prepared_stmt_count`.
 */
/** Whether a statement is worth preparing: a SELECT of a fixed shape (bench/baseline.mjs applies the same rule). */
export const preparable = (sql: string): boolean => /^\s*SELECT\b/i.test(sql) && !/\bIN\s*\(\s*\?/i.test(sql);

export class MysqlRows {
  constructor(private readonly ds: DataSource) {}

  /** Whether this statement is read here. */
  takes(sql: string): boolean {
    return preparable(sql);
  }

  query<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    const pool = (this.ds.driver as unknown as { pool: Pool }).pool;
    // The text protocol sends an undefined parameter as NULL; the binary one refuses it.
    const values = params.map((p) => (p === undefined ? null : p)) as ExecuteValues[];
    this.ds.logger.logQuery(sql, values);
    return new Promise((resolve, reject) =>
      pool.execute<RowDataPacket[]>(sql, values, (e, rows) => {
        if (!e) return resolve(rows as T[]);
        this.ds.logger.logQueryError(e, sql, values);
        reject(new QueryFailedError(sql, values, e));
      }),
    );
  }
}
