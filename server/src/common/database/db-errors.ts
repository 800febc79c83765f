/** Driver errors that mean "the database cannot be reached right now" → 503, never 500. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'POOL_CLOSED',
  'POOL_ENQUEUELIMIT',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);

export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur = e as { code?: string; driverError?: unknown; cause?: unknown; message?: string } | undefined, i = 0; cur && i < 4; i++) {
    if (cur.code && UNAVAILABLE_CODES.has(cur.code)) return true;
    if (typeof cur.message === 'string' && /connect ECONNREFUSED|Connection lost|Pool is closed|No connections available|queue limit/i.test(cur.message)) {
      return true;
    }
    cur = (cur.driverError ?? cur.cause) as typeof cur;
  }
  return false;
}

/** A unique-index violation (duplicate key) on either driver. */
export function isUniqueViolation(e: unknown, indexName?: string): boolean {
  const err = e as { code?: string; driverError?: { code?: string; message?: string }; message?: string };
  const code = err.driverError?.code ?? err.code;
  const message = err.driverError?.message ?? err.message ?? '';
  const unique = code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(message);
  if (!unique || !indexName) return unique;
  // MySQL names the index; SQLite names the columns.
  return message.includes(indexName);
}

/** InnoDB chose this transaction as a deadlock victim (it has been rolled back). */
export function isDeadlock(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  return (err.driverError?.code ?? err.code) === 'ER_LOCK_DEADLOCK';
}
