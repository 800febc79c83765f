import { Column, type ColumnOptions } from 'typeorm';

/**
 * Column helpers that render the same on SQLite and MySQL, so one set of migrations serves both drivers.
 * Timestamps are UTC `datetime(3)` set by the application (no driver-specific defaults).
 */
export const TimestampColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'datetime', precision: 3, ...options });

/** A calendar date kept as `YYYY-MM-DD` text in both drivers (no time zone can shift it). */
export const DateColumn = (options: ColumnOptions = {}) => Column({ type: 'varchar', length: 10, ...options });

export const BoolColumn = (options: ColumnOptions = {}) => Column({ type: 'boolean', default: false, ...options });
