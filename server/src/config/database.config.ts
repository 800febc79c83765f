import { resolve } from 'node:path';
import { EnvReader } from './config-error';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | {
      type: 'mysql';
      /** Set by DB_TYPE=mariadb; with DB_TYPE=mysql the server is asked at start-up. */
      flavor?: 'mysql' | 'mariadb';
      host: string;
      port: number;
      username: string;
      password: string;
      database: string;
      poolSize: number;
      /** How long a request waits for a connection before failing with 503 (ms). */
      connectTimeoutMs: number;
      /** How long a statement waits in silence for the database's answer before its connection is cut: 503 (ms). */
      answerTimeoutMs: number;
    };

/** DB_TYPE picks the driver: the embedded SQLite file by default, MySQL/MariaDB in production. */
export function readDatabaseConfig(r: EnvReader, dataDir: string): DatabaseConfig {
  const url = r.str('DATABASE_URL');
  const requested = r.oneOf('DB_TYPE', ['sqlite', 'mysql', 'mariadb'] as const, url ? 'mysql' : 'sqlite');
  if (requested === 'sqlite') {
    return { type: 'sqlite', path: resolve(r.str('DB_PATH', resolve(dataDir, 'zhdj.sqlite'))!) };
  }
  let fromUrl: Partial<Record<'host' | 'port' | 'username' | 'password' | 'database', string>> = {};
  if (url) {
    try {
      const u = new URL(url);
      if (u.protocol !== 'mysql:' && u.protocol !== 'mariadb:') throw new Error('protocol');
      fromUrl = {
        host: u.hostname,
        port: u.port || undefined,
        username: decodeURIComponent(u.username),
        password: decodeURIComponent(u.password),
        database: u.pathname.replace(/^\//, '') || undefined,
      };
    } catch {
      r.problems.push('DATABASE_URL must look like mysql://user:password@host:3306/database');
    }
  }
  const database = r.str('DB_NAME', fromUrl.database ?? 'zhdj')!;
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) r.problems.push(`DB_NAME must be letters, digits and _ (got "${database}")`);
  const portDefault = fromUrl.port ? Number(fromUrl.port) : 3306;
  return {
    type: 'mysql',
    flavor: requested === 'mariadb' ? 'mariadb' : undefined,
    host: r.str('DB_HOST', fromUrl.host ?? '127.0.0.1')!,
    port: r.int('DB_PORT', portDefault, 1, 65535),
    username: r.str('DB_USER', fromUrl.username ?? 'root')!,
    password: r.str('DB_PASSWORD', fromUrl.password ?? '')!,
    database,
    poolSize: r.int('DB_POOL_SIZE', 20, 1, 500),
    connectTimeoutMs: r.int('DB_CONNECT_TIMEOUT_MS', 3000, 100, 60000),
    answerTimeoutMs: r.int('DB_ANSWER_TIMEOUT_MS', 30000, 500, 3600000),
  };
}
