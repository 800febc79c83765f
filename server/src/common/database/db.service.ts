import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, type EntityManager } from 'typeorm';
import { isSqlite } from '../../database/data-source';
import { isDeadlock } from './db-errors';

/**
 * One transaction per business action. On SQLite, TypeORM runs every query over a single connection, so two
 * transactions in flight at once would interleave on it: they are queued here, one at a time (SQLite allows one
 * writer anyway). MySQL gets real concurrent transactions from its pool.
 */
@Injectable()
export class Db {
  private readonly sqliteWriter = new Mutex();
  readonly sqlite: boolean;

  constructor(readonly ds: DataSource) {
    this.sqlite = isSqlite(ds);
  }

  async tx<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.sqlite) return this.sqliteWriter.runExclusive(() => this.ds.transaction(work));
    // InnoDB may pick this transaction as a deadlock victim; it was rolled back whole, so running it again is safe.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction(work);
      } catch (e) {
        if (attempt >= 3 || !isDeadlock(e)) throw e;
      }
    }
  }

  get em(): EntityManager {
    return this.ds.manager;
  }

  /** Placeholders differ by driver only in spelling; both accept `?`. Returns plain rows. */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], em: EntityManager = this.ds.manager): Promise<T[]> {
    return em.query(sql, params);
  }
}

/** Raw rows carry DATETIME as a Date (mysql2) or as `YYYY-MM-DD HH:MM:SS.sss` UTC text (SQLite). */
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(s.includes('T') ? s : s.replace(' ', 'T') + 'Z');
}

/** Raw rows carry booleans as 0/1 on both drivers. */
export const toBool = (v: unknown): boolean => v === true || v === 1 || v === '1';
