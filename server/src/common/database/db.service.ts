import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import type { Pool } from 'mysql2';
import { DataSource, type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { isSqlite } from '../../database/data-source';
import { isDeadlock } from './db-errors';
import { limitAnswerWait } from './mysql-answer-wait';
import { hydratorOf, type Hydrator } from './hydrator';
import { MysqlRows } from './mysql-rows';
import { SqliteRows } from './sqlite-rows';

/** Tries of a MySQL transaction chosen as a deadlock victim before its error is answered (Db.tx). */
const DEADLOCK_ATTEMPTS = 5;

interface Select {
  meta: EntityMetadata;
  columns: ColumnMetadata[];
  sql: string;
  /** Each column's stored value → the entity's value, in column order (hydrator.ts). */
  hydrate: Hydrator[];
  /** Whether every column is a plain property of the entity (none inside an embedded object). */
  flat: boolean;
  /** Counts read with each row (pick's `counts`), after the columns: each entity's property names. */
  counts: string[];
  /** Values from joined tables read with each row (pick's `joined.values`), after the counts, as the driver returns them. */
  values: string[];
}

const NO_COUNTS: Record<string, string> = {};

/** Bound values per multi-row INSERT (insertRows): under SQLite's 32,766 and MySQL's 65,535 in one statement. */
const INSERT_VALUES = 30_000;

/**
 * One transaction per business action. On SQLite, TypeORM runs every query over a single connection, so two
 * transactions in flight at once would interleave on it: they are queued here, one at a time (SQLite allows one
 * writer anyway). MySQL gets real concurrent transactions from its pool.
 */
@Injectable()
export class Db {
  private readonly sqliteWriter = new Mutex();
  /** The SELECT of load() and pick(), per entity and field list. */
  private readonly selects = new Map<string, Select>();
  /**
   * The text of each fields list, counts or joins object passed in, by identity: callers pass the same constants at
   * every call, and writing a detail's joins out as JSON to find its statement cost more than building its entity.
   */
  private readonly shapes = new WeakMap<object, string>();
  readonly sqlite: boolean;
  /** The embedded database's reads, past TypeORM's query runner (sqlite-rows.ts); null on MySQL. */
  private readonly sqliteRows: SqliteRows | null;
  /** MySQL's reads outside a transaction, as prepared statements (mysql-rows.ts); null on SQLite. */
  private readonly mysqlRows: MysqlRows | null;

  constructor(readonly ds: DataSource) {
    this.sqlite = isSqlite(ds);
    this.sqliteRows = this.sqlite ? new SqliteRows(ds) : null;
    this.mysqlRows = this.sqlite ? null : new MysqlRows(ds);
  }

  /** Whether a MySQL read goes as a prepared statement: outside a transaction (whose connection TypeORM holds), and of a fixed shape. */
  private prepared(sql: string, em: EntityManager): MysqlRows | null {
    return this.mysqlRows && em === this.ds.manager && this.mysqlRows.takes(sql) ? this.mysqlRows : null;
  }

  async tx<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.sqlite) return this.sqliteWriter.runExclusive(() => this.ds.transaction(work));
    // InnoDB may pick this transaction as a deadlock victim; it was rolled back whole, so running it again is safe. The
    // retry waits a short random while, longer each time: run again at once, the same transactions met again in the same
    // gap locks (notifications' indexes) and a transfer action under sixteen concurrent writers failed a third time (a
    // 500 in the faults suite on CI).
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction(work);
      } catch (e) {
        if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(e)) throw e;
        await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
      }
    }
  }

  /**
   * Bounds how long a statement waits for MySQL's answer while the app serves (mysql-answer-wait.ts). main.ts arms it
   * after migrating and seeding, whose long statements it must not cut; on SQLite there is nothing to wait for.
   */
  limitAnswerWait(ms: number): void {
    if (!this.sqlite) limitAnswerWait((this.ds.driver as unknown as { pool: Pool }).pool, ms);
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
    return this.read(this.selectOf(this.ds.getMetadata(target)), where, params, tail, em) as Promise<T[]>;
  }

  /**
   * Some fields of each entity, read and converted as load() does: a list that shows a few fields of wide rows reads
   * only those (on SQLite each value fetched costs, and a page of transfers with every column cost twice as much).
   * `counts` adds numbers computed by the database with each row (name → a fixed SQL expression, usually a correlated
   * COUNT under the alias), where a second statement would cost MySQL another round trip. `joined` does the same for
   * text from other tables: its `from` (LEFT JOINs, under aliases of their own) follows the entity's table, and each of
   * its `values` (name → a column of a joined table) comes back with each row as the driver returns it (null where
   * nothing joined). The entity's columns are then qualified with `alias`, which joins require.
   */
  async pick<T extends ObjectLiteral, K extends keyof T & string, C extends string = never, V extends string = never>(
    target: EntityTarget<T>,
    fields: readonly K[],
    where: string,
    params: unknown[] = [],
    {
      tail = '',
      alias = '',
      em = this.ds.manager,
      counts,
      joined,
    }: { tail?: string; alias?: string; em?: EntityManager; counts?: Record<C, string>; joined?: { from: string; values: Record<V, string> } } = {},
  ): Promise<(Pick<T, K> & Record<C, number> & Record<V, string | null>)[]> {
    if (joined && !alias) throw new Error('pick: joined tables need the entity table aliased');
    return this.read(this.selectOf(this.ds.getMetadata(target), fields, alias, counts, joined), where, params, tail, em) as Promise<
      (Pick<T, K> & Record<C, number> & Record<V, string | null>)[]
    >;
  }

  /**
   * load()'s whole entities with values from joined tables read in the same statement, as pick's `joined` (the table
   * aliased `alias`, which the caller's WHERE and tail then use): a detail reads its row and the names it shows at once.
   */
  async loadJoined<T extends ObjectLiteral, V extends string>(
    target: EntityTarget<T>,
    where: string,
    params: unknown[],
    { alias, joined, tail = '', em = this.ds.manager }: { alias: string; joined: { from: string; values: Record<V, string> }; tail?: string; em?: EntityManager },
  ): Promise<(T & Record<V, string | null>)[]> {
    return this.read(this.selectOf(this.ds.getMetadata(target), undefined, alias, undefined, joined), where, params, tail, em) as Promise<(T & Record<V, string | null>)[]>;
  }

  /** The entities with these ids (in no particular order); none for an empty list, without a query. */
  byIds<T extends ObjectLiteral>(target: EntityTarget<T>, ids: readonly number[], em: EntityManager = this.ds.manager): Promise<T[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.load(target, `id IN (${ids.map(() => '?').join(', ')})`, [...ids], '', em);
  }

  private async read(select: Select, where: string, params: unknown[], tail: string, em: EntityManager): Promise<ObjectLiteral[]> {
    const sql = `${select.sql} WHERE ${where}${tail ? ' ' + tail : ''}`;
    const { columns, hydrate, meta, flat, counts, values: joined } = select;
    const n = columns.length;
    const m = n + counts.length;
    if (this.sqliteRows) {
      return this.sqliteRows.arrays(sql, params).map((values) => {
        const entity = meta.create() as ObjectLiteral;
        if (flat) for (let i = 0; i < n; i++) entity[columns[i].propertyName] = hydrate[i](values[i]);
        else for (let i = 0; i < n; i++) columns[i].setEntityValue(entity, hydrate[i](values[i]));
        for (let j = 0; j < counts.length; j++) entity[counts[j]] = Number(values[n + j]);
        for (let j = 0; j < joined.length; j++) entity[joined[j]] = values[m + j];
        return entity;
      });
    }
    const rows: Record<string, unknown>[] = await (this.prepared(sql, em)?.query(sql, params) ?? em.query(sql, params));
    return rows.map((row) => {
      const entity = meta.create() as ObjectLiteral;
      for (let i = 0; i < n; i++) columns[i].setEntityValue(entity, hydrate[i](row[columns[i].databaseName]));
      // MySQL's COUNT is a BIGINT, which TypeORM's pool returns as text.
      for (const c of counts) entity[c] = Number(row[`count_${c}`]);
      for (const v of joined) entity[v] = row[`joined_${v}`];
      return entity;
    });
  }

  private shapeOf(o: object): string {
    let text = this.shapes.get(o);
    if (text === undefined) {
      text = JSON.stringify(o);
      this.shapes.set(o, text);
    }
    return text;
  }

  /**
   * `SELECT <columns> FROM <table> [alias] [joins]` for an entity (every stored column, or the given fields', then any
   * counts and joined values), built once. Without joins the columns are not qualified (they name the one table; the
   * alias serves the caller's WHERE and the counts' correlation); with joins they are qualified with the alias.
   */
  private selectOf(meta: EntityMetadata, fields?: readonly string[], alias = '', counts: Record<string, string> = NO_COUNTS, joined?: { from: string; values: Record<string, string> }): Select {
    const key = `${meta.tableName} ${alias}:${fields ? this.shapeOf(fields) : '*'}:${this.shapeOf(counts)}:${joined ? this.shapeOf(joined) : ''}`;
    let select = this.selects.get(key);
    if (!select) {
      const q = (name: string) => this.ds.driver.escape(name);
      const columns = fields
        ? fields.map((f) => {
            const c = meta.findColumnWithPropertyName(f);
            if (!c || c.isVirtual) throw new Error(`${meta.name} has no stored column ${f}`);
            return c;
          })
        : meta.columns.filter((c) => !c.isVirtual);
      select = {
        meta,
        columns,
        sql: `SELECT ${[
          ...columns.map((c) => (joined ? `${alias}.${q(c.databaseName)}` : q(c.databaseName))),
          ...Object.entries(counts).map(([name, expr]) => `(${expr}) AS ${q(`count_${name}`)}`),
          ...Object.entries(joined?.values ?? {}).map(([name, column]) => `${column} AS ${q(`joined_${name}`)}`),
        ].join(', ')} FROM ${q(meta.tableName)}${alias ? ' ' + alias : ''}${joined ? ' ' + joined.from : ''}`,
        hydrate: columns.map((c) => hydratorOf(this.ds.driver, c, this.sqlite)),
        flat: columns.every((c) => !c.embeddedMetadata),
        counts: Object.keys(counts),
        values: Object.keys(joined?.values ?? {}),
      };
      this.selects.set(key, select);
    }
    return select;
  }

  /**
   * Placeholders differ by driver only in spelling; both accept `?`. Returns plain rows; on SQLite a SELECT is read
   * through sqlite-rows.ts, on MySQL a fixed-shape SELECT outside a transaction through mysql-rows.ts, anything else
   * through the entity manager.
   */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], em: EntityManager = this.ds.manager): Promise<T[]> {
    return this.sqliteRows?.objects<T>(sql, params) ?? this.prepared(sql, em)?.query<T>(sql, params) ?? em.query(sql, params);
  }

  /**
   * Rows into an entity's table as multi-row INSERTs with `?` placeholders, each row naming the same fields. TypeORM's
   * insert builder spent most of a 10,000-member import (and of the demo's 48,000) working through its bound values;
   * here they are bound as every raw statement binds them (a Date as DATETIME, a boolean as 0/1 on SQLite): no
   * defaults, generated values or transformers apply, so name every column the table needs. Meant for inside tx().
   */
  async insertRows<E extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<E>, rows: Partial<E>[], options: InsertOptions = {}): Promise<number> {
    if (!rows.length) return 0;
    const meta = this.ds.getMetadata(entity);
    const fields = Object.keys(rows[0]);
    const columns = fields.map((f) => {
      const c = meta.findColumnWithPropertyName(f);
      if (!c || c.isVirtual) throw new Error(`${meta.name} has no stored column ${f}`);
      return c.databaseName;
    });
    return this.insertValues(
      em,
      meta.tableName,
      columns,
      rows.map((r) => fields.map((f) => (r as Record<string, unknown>)[f] ?? null)),
      options,
    );
  }

  /**
   * Rows of values, in the order of the columns named, into a table as multi-row INSERTs (insertRows, the seed).
   * Returns how many rows went in: all of them, or with `skipDuplicates` those a unique key did not already hold.
   */
  async insertValues(em: EntityManager, table: string, columns: string[], rows: unknown[][], { skipDuplicates = false }: InsertOptions = {}): Promise<number> {
    const q = (name: string) => this.ds.driver.escape(name);
    const verb = skipDuplicates ? (this.sqlite ? 'INSERT OR IGNORE' : 'INSERT IGNORE') : 'INSERT';
    const head = `${verb} INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES `;
    const row = `(${columns.map(() => '?').join(', ')})`;
    const perStatement = Math.max(1, Math.floor(INSERT_VALUES / columns.length));
    let inserted = 0;
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      inserted += await this.run(head + chunk.map(() => row).join(', '), chunk.flat(), em);
    }
    return inserted;
  }

  /**
   * An UPDATE or DELETE with `?` placeholders; returns how many rows it changed (a conditional UPDATE's answer). On
   * SQLite it runs past TypeORM's query runner, as reads do: TypeORM's query builder would write each id into the SQL
   * text, a new statement to compile for every row. Meant for inside tx(), which keeps SQLite's writes in one queue.
   */
  async run(sql: string, params: unknown[], em: EntityManager): Promise<number> {
    if (this.sqliteRows) return this.sqliteRows.changes(sql, params);
    const result = (await em.query(sql, params)) as { affectedRows?: number };
    return result.affectedRows ?? 0;
  }
}

export interface InsertOptions {
  /**
   * Rows a unique key already holds are skipped rather than failing the statement (INSERT IGNORE / INSERT OR IGNORE).
   * Only for rows whose values fit their columns: MySQL's IGNORE also turns a value it would refuse into a warning.
   */
  skipDuplicates?: boolean;
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
