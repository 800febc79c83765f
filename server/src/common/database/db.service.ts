import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';
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
  /** `SELECT <columns> FROM <table>` per entity, for load(). */
  private readonly selects = new Map<EntityMetadata, string>();
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

  /**
   * Entities read by plain SQL: `SELECT <every column> FROM <table> WHERE <where> <tail>`, with the column list built
   * once per entity and each value converted by the driver's own hydration (dates, booleans, JSON), so the result
   * equals `em.find`'s. On the hot read paths TypeORM's query builder cost more than the query itself, at every call.
   */
  async load<T extends ObjectLiteral>(target: EntityTarget<T>, where: string, params: unknown[] = [], tail = '', em: EntityManager = this.ds.manager): Promise<T[]> {
    const meta = this.ds.getMetadata(target);
    const rows = await em.query(`${this.selectAll(meta)} WHERE ${where}${tail ? ' ' + tail : ''}`, params);
    const driver = this.ds.driver;
    return (rows as Record<string, unknown>[]).map((row) => {
      const entity = meta.create() as T;
      for (const c of meta.columns) if (!c.isVirtual) c.setEntityValue(entity, driver.prepareHydratedValue(row[c.databaseName], c));
      return entity;
    });
  }

  /** The entities with these ids (in no particular order); none for an empty list, without a query. */
  byIds<T extends ObjectLiteral>(target: EntityTarget<T>, ids: readonly number[], em: EntityManager = this.ds.manager): Promise<T[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.load(target, `id IN (${ids.map(() => '?').join(', ')})`, [...ids], '', em);
  }

  private selectAll(meta: EntityMetadata): string {
    let sql = this.selects.get(meta);
    if (!sql) {
      const q = (name: string) => this.ds.driver.escape(name);
      sql = `SELECT ${meta.columns.filter((c) => !c.isVirtual).map((c) => q(c.databaseName)).join(', ')} FROM ${q(meta.tableName)}`;
      this.selects.set(meta, sql);
    }
    return sql;
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
