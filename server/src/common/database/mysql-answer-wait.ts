import type { Pool } from 'mysql2';
import type { Socket } from 'node:net';

/** What this needs of a pooled mysql2 connection: its socket, and whether a statement is waiting on it. */
interface PooledConnection {
  stream: Socket;
  /** mysql2's statement in flight on the connection (null when idle). */
  _command: unknown;
}

/**
 * From now on, a MySQL connection that hears nothing from the database for `ms` while a statement waits on it is cut.
 * mysql2 then fails that statement, and every one queued behind it on the connection, with PROTOCOL_CONNECTION_LOST
 * (503 DATABASE_UNAVAILABLE, db-errors.ts), and the pool drops the connection; an open transaction is rolled back by
 * the server when the connection goes. Without it a database that froze, or a network that silently drops its
 * packets, held every request talking to it until TCP gave up, many minutes later. mysql2's own per-query `timeout`
 * does not serve: it fails the statement but leaves the connection waiting, and the statements queued behind it wait
 * untimed. An idle connection is never cut: it waits for nothing.
 *
 * Connections are armed as they are taken from the pool (its `acquire` event), so those made before this call are
 * armed too the next time they are used.
 */
export function limitAnswerWait(pool: Pool, ms: number): void {
  const armed = new WeakSet<object>();
  pool.on('acquire', (connection) => {
    const conn = connection as unknown as PooledConnection;
    if (armed.has(conn)) return;
    armed.add(conn);
    conn.stream.setTimeout(ms);
    conn.stream.on('timeout', () => {
      // The socket's timer restarts with every byte either way, so this fires only after `ms` of silence.
      if (conn._command) conn.stream.destroy();
    });
  });
}
