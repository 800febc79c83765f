import { EnvReader } from './config-error';

export interface CryptoConfig {
  /** 32 bytes: AES-256-GCM for ID numbers, and (through HKDF) the HMAC key of their look-up hash. */
  dataKey: Buffer;
}

/** DATA_KEY is 32 bytes given as 64 hex characters or as base64. */
export function parseDataKey(raw: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  const b = Buffer.from(raw, 'base64');
  return b.length === 32 && /^[A-Za-z0-9+/]+=*$/.test(raw) ? b : null;
}

export function readCryptoConfig(r: EnvReader, dataKey: string | undefined): CryptoConfig {
  const key = dataKey ? parseDataKey(dataKey) : null;
  if (dataKey !== undefined && !key) r.problems.push('DATA_KEY must be 32 bytes, as 64 hex characters or base64');
  return { dataKey: key ?? Buffer.alloc(0) };
}
