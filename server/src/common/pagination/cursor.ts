import { ErrorCode } from '@zhdj/shared';
import { badRequest } from '../errors/app.exception';

/**
 * Keyset cursors are opaque to clients: base64url of the sort key of the last row returned. A malformed cursor is
 * a 400, never a 500.
 */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends (string | number)[]>(cursor: string | undefined, shape: ('string' | 'number' | 'date')[]): T | null {
  if (!cursor) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  // Numbers in cursors are row ids: 1e400 parses as Infinity, which MySQL cannot take as a parameter (a 500).
  // A 'date' is an ISO timestamp string: an unparseable one would reach the database as an Invalid Date (a 500).
  const bad = (v: unknown, i: number) =>
    shape[i] === 'date'
      ? typeof v !== 'string' || Number.isNaN(Date.parse(v))
      : typeof v !== shape[i] || (typeof v === 'number' && !Number.isSafeInteger(v));
  if (!Array.isArray(value) || value.length !== shape.length || value.some(bad)) {
    throw badRequest(ErrorCode.VALIDATION_FAILED, 'Malformed cursor', [{ field: 'cursor', constraint: 'cursor', message: 'Malformed cursor' }]);
  }
  return value as T;
}

/** Escapes LIKE wildcards in user text so `%` and `_` match themselves. Use with `ESCAPE '!'`. */
export function likeEscape(text: string): string {
  return text.replace(/[!%_]/g, (c) => '!' + c);
}

/**
 * The keyset condition `(a, b) > (x, y)` (or `<` for descending order), written with a leading plain range on `a` so
 * that SQLite and MySQL both seek the (a, b) index instead of scanning from the start. Parameters: [x, x, y].
 */
export function keysetSql(a: string, b: string, direction: 'ASC' | 'DESC' = 'ASC'): string {
  return direction === 'ASC' ? `(${a} >= ? AND (${a} > ? OR ${b} > ?))` : `(${a} <= ? AND (${a} < ? OR ${b} < ?))`;
}
