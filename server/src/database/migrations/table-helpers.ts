import { TableForeignKey, TableIndex, type TableColumnOptions } from 'typeorm';

/**
 * Terse column builders for migrations. They use only TypeORM's schema API, which renders the right SQL for
 * each driver, so every migration serves SQLite and MySQL alike (architecture.md §8).
 */
export const col = {
  id: (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
  int: (name: string, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...o }),
  bigint: (name: string, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'bigint', ...o }),
  str: (name: string, length: number, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    ...o,
  }),
  text: (name: string, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'text', ...o }),
  bool: (name: string, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'boolean', default: '0', ...o }),
  /** UTC timestamp with milliseconds. */
  ts: (name: string, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...o }),
  /** `YYYY-MM-DD` */
  date: (name: string, o: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: '10', ...o }),
};

export const idx = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

export const fk = (
  name: string,
  column: string,
  referencedTableName: string,
  onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'RESTRICT',
) => new TableForeignKey({ name, columnNames: [column], referencedTableName, referencedColumnNames: ['id'], onDelete, onUpdate: 'NO ACTION' });
