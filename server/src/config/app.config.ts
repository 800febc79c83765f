import { resolve } from 'node:path';
import { readAuthConfig, type AuthConfig } from './auth.config';
import { ConfigError, EnvReader, type Env } from './config-error';
import { readCryptoConfig, type CryptoConfig } from './crypto.config';
import { readDatabaseConfig, type DatabaseConfig } from './database.config';
import { readTlsConfig, type TlsConfig } from './tls.config';
import { readTransfersConfig, type TransfersConfig } from './transfers.config';
import { DEFAULT_DATA_DIR } from './paths';
import { loadOrCreateSecrets, secretsFile } from './secrets';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  /** The address the server listens on: every interface in production (a container, a host behind a firewall), this machine only for the demo, whose passwords are published. */
  host: string;
  port: number;
  dataDir: string;
  /** The generated secrets file DATA_KEY was read from (the embedded demo), or null when it came from the environment. */
  dataKeyFile: string | null;
  /** Files served under /media/ (the study videos a module names as `/media/…`). */
  mediaDir: string;
  /** Origins allowed by CORS; empty means same-origin only. */
  corsOrigins: string[];
  /** Seed the county demo (accounts with the documented demo password) into an empty database at start. */
  demoSeed: boolean;
  /** Trust X-Forwarded-For from this many proxies (0 behind no proxy). */
  trustProxy: number;
  /** HTTPS (with HTTP/2) served by the app itself; null serves plain HTTP, as behind a reverse proxy. */
  tls: TlsConfig | null;
  db: DatabaseConfig;
  auth: AuthConfig;
  crypto: CryptoConfig;
  transfers: TransfersConfig;
  /** Run scheduled jobs (letter expiry, reminders) in this process. */
  jobs: boolean;
  /** Serve the API description (/api/docs, /api/docs-json): a map of every operation, not for the public in production. */
  apiDocs: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Reads and validates the whole configuration, failing fast with every problem listed. */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const dataDir = resolve(r.str('DATA_DIR', DEFAULT_DATA_DIR)!);
  let jwtSecret = r.str('JWT_SECRET');
  let dataKey = r.str('DATA_KEY');
  const dataKeyFile = nodeEnv !== 'production' && !dataKey ? secretsFile(dataDir) : null;
  if (nodeEnv === 'production') {
    if (!jwtSecret) r.problems.push('JWT_SECRET is required when NODE_ENV=production (at least 32 random characters)');
    if (!dataKey) r.problems.push('DATA_KEY is required when NODE_ENV=production (32 bytes as 64 hex characters)');
    // The embedded file is the demo's default; a production start without a word on it would keep the county's data there.
    if (!r.str('DB_TYPE') && !r.str('DATABASE_URL')) r.problems.push('DB_TYPE is required when NODE_ENV=production: mysql (or mariadb) for the county\'s database, or sqlite for a single-machine trial');
  } else if (!jwtSecret || !dataKey) {
    const generated = loadOrCreateSecrets(dataDir);
    jwtSecret ??= generated.JWT_SECRET;
    dataKey ??= generated.DATA_KEY;
  }
  const port = r.int('PORT', 3000, 0, 65535);
  const tls = readTlsConfig(r, port);
  const config: AppConfig = {
    env: nodeEnv,
    host: r.str('HOST', nodeEnv === 'production' ? '0.0.0.0' : 'localhost')!,
    port,
    dataDir,
    dataKeyFile,
    mediaDir: resolve(r.str('MEDIA_DIR', resolve(dataDir, 'media'))!),
    corsOrigins: (r.str('CORS_ORIGINS', '') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    demoSeed: r.bool('DEMO_SEED', nodeEnv !== 'production'),
    trustProxy: r.int('TRUST_PROXY', 0, 0, 10),
    tls,
    db: readDatabaseConfig(r, dataDir),
    auth: readAuthConfig(r, jwtSecret, nodeEnv === 'production'),
    crypto: readCryptoConfig(r, dataKey),
    transfers: readTransfersConfig(r, `${tls ? 'https' : 'http'}://localhost:${port}`, nodeEnv === 'production'),
    jobs: r.bool('JOBS', nodeEnv !== 'test'),
    apiDocs: r.bool('API_DOCS', nodeEnv !== 'production'),
  };
  // A redirect to a plain-HTTP address would send browsers round in a loop.
  if (tls?.redirectPort && !config.transfers.publicBaseUrl.startsWith('https://')) {
    r.problems.push(`HTTP_REDIRECT_PORT sends browsers to PUBLIC_BASE_URL, which must then be an https:// address (got "${config.transfers.publicBaseUrl}")`);
  }
  if (r.problems.length) throw new ConfigError(r.problems);
  return config;
}
