import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { EnvReader } from './config-error';

/** HTTPS served by the app itself: HTTP/2 to browsers that speak it, HTTP/1.1 over TLS to the rest. */
export interface TlsConfig {
  key: Buffer;
  cert: Buffer;
  /** A plain-HTTP port whose every request is sent, permanently, to PUBLIC_BASE_URL (port 80 in front of 443). */
  redirectPort: number | null;
}

/**
 * TLS_CERT_FILE and TLS_KEY_FILE (PEM; the certificate file may carry the chain after it) turn HTTPS on; neither
 * leaves the app on plain HTTP, for a reverse proxy in front to terminate TLS. The files are read and checked as a
 * pair at start-up, so a wrong path or a key that does not match its certificate stops the server with a message
 * rather than failing every browser's handshake.
 */
export function readTlsConfig(r: EnvReader, port: number): TlsConfig | null {
  const certFile = r.str('TLS_CERT_FILE');
  const keyFile = r.str('TLS_KEY_FILE');
  const redirectPort = r.str('HTTP_REDIRECT_PORT') === undefined ? null : r.int('HTTP_REDIRECT_PORT', 0, 1, 65535);
  if (!certFile && !keyFile) {
    if (redirectPort !== null) r.problems.push('HTTP_REDIRECT_PORT needs HTTPS: set TLS_CERT_FILE and TLS_KEY_FILE too');
    return null;
  }
  if (!certFile || !keyFile) {
    r.problems.push('TLS_CERT_FILE and TLS_KEY_FILE go together: set both for HTTPS, or neither');
    return null;
  }
  const cert = readPem(r, 'TLS_CERT_FILE', certFile);
  const key = readPem(r, 'TLS_KEY_FILE', keyFile);
  if (!cert || !key) return null;
  try {
    createSecureContext({ key, cert });
  } catch (e) {
    r.problems.push(`TLS_KEY_FILE and TLS_CERT_FILE are not a usable pair (${(e as Error).message})`);
    return null;
  }
  if (redirectPort !== null && redirectPort === port) r.problems.push(`HTTP_REDIRECT_PORT must differ from PORT (both ${port})`);
  return { key, cert, redirectPort };
}

function readPem(r: EnvReader, name: string, path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (e) {
    r.problems.push(`${name} cannot be read: ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return null;
  }
}
