import type { Driver } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** A column's stored value → the entity's value. */
export type Hydrator = (value: unknown) => unknown;

/** Column types TypeORM's drivers convert when reading (prepareHydratedValue); every other type is read as stored. */
const CONVERTED = new Set<unknown>([Boolean, 'bool', 'boolean', 'datetime', Date, 'date', 'time', 'json', 'jsonb', 'simple-json', 'simple-array', 'simple-enum', 'enum', 'set', Number]);
const BOOLEAN = new Set<unknown>([Boolean, 'bool', 'boolean']);
const DATETIME = new Set<unknown>(['datetime', Date]);

/** The shape of `YYYY-MM-DD HH:MM:SS.sss`, the UTC text TypeORM stores in an SQLite DATETIME column. */
const isStoredDatetime = (v: string): boolean => v.length === 23 && v.charCodeAt(10) === 32 && v.charCodeAt(19) === 46;

/**
 * The conversion TypeORM's driver makes for this column, chosen once per column rather than at every value: the
 * driver's prepareHydratedValue tests the column's type against a dozen cases, and an SQLite datetime against two
 * regular expressions and a replace, for each value of each row. The common columns — text, numbers, booleans,
 * datetimes — are converted here as the driver converts them; any other (JSON, dates, enums, a column with a
 * transformer) still goes through the driver.
 */
export function hydratorOf(driver: Driver, column: ColumnMetadata, sqlite: boolean): Hydrator {
  const byDriver: Hydrator = (v) => driver.prepareHydratedValue(v, column);
  if (column.transformer) return byDriver;
  if (!CONVERTED.has(column.type)) return (v) => v;
  if (BOOLEAN.has(column.type)) return (v) => (v === null || v === undefined ? v : !!v);
  if (DATETIME.has(column.type)) {
    // mysql2 reads DATETIME as a Date already; SQLite as text, parsed as UTC.
    if (!sqlite) return (v) => (v instanceof Date ? v : byDriver(v));
    return (v) => (typeof v === 'string' && isStoredDatetime(v) ? new Date(`${v.slice(0, 10)}T${v.slice(11)}Z`) : byDriver(v));
  }
  return byDriver;
}
