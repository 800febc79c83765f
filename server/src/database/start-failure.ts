import type { DatabaseConfig } from '../config/database.config';

/**
 * What an operator should do when the server cannot reach its database at start, in one line naming the settings to
 * check (the driver's stack trace, printed above it by the framework, says where, not what to change). Null for a
 * failure this does not recognise.
 */
export function databaseStartProblem(e: unknown, db: DatabaseConfig): string | null {
  if (db.type !== 'mysql') return null;
  const code = (e as { code?: unknown })?.code;
  const where = `${db.host}:${db.port}`;
  switch (code) {
    case 'ER_ACCESS_DENIED_ERROR':
      return `The database refused user "${db.username}" at ${where}: check DB_USER and DB_PASSWORD (and that the user may connect from this host).`;
    case 'ER_DBACCESS_DENIED_ERROR':
      return `User "${db.username}" may not use the database "${db.database}": GRANT ALL ON \`${db.database}\`.* TO the user, or check DB_NAME.`;
    case 'ER_BAD_DB_ERROR':
      return `There is no database "${db.database}" at ${where}: create it first (CREATE DATABASE \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci), or check DB_NAME.`;
    case 'ECONNREFUSED':
      return `Nothing answers at ${where}: is MySQL/MariaDB running there? Check DB_HOST and DB_PORT.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The database host "${db.host}" cannot be found: check DB_HOST.`;
    case 'ETIMEDOUT':
      return `The database at ${where} did not answer in time (DB_CONNECT_TIMEOUT_MS): check DB_HOST, DB_PORT and the firewall between.`;
    default:
      return null;
  }
}
