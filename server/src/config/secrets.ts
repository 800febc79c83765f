import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface GeneratedSecrets {
  JWT_SECRET: string;
  DATA_KEY: string;
}

/** Where the embedded demo keeps the secrets it generated. */
export function secretsFile(dataDir: string): string {
  return resolve(dataDir, 'secrets.json');
}

/**
 * The embedded demo needs no setup: secrets missing from the environment are generated once into
 * `<data>/secrets.json` (mode 600) and reused, so a second start can still read the ID numbers it encrypted.
 * Never used when NODE_ENV=production, where the operator must supply them.
 */
export function loadOrCreateSecrets(dataDir: string): GeneratedSecrets {
  const file = secretsFile(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as GeneratedSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: GeneratedSecrets = {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    DATA_KEY: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}
