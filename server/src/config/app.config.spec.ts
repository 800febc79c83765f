import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './app.config';
import { selfSignedCertificate } from '../../test/support/tls';
import { ConfigError } from './config-error';

const dir = mkdtempSync(join(tmpdir(), 'zhdj-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig({ DATA_DIR: dir, ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('configuration', () => {
  it('requires the secrets in production, and lists every problem at once', () => {
    const found = problems({ NODE_ENV: 'production', PORT: 'eighty', ACCESS_TOKEN_TTL_SECONDS: '5', DB_TYPE: 'oracle' });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('JWT_SECRET is required'),
        expect.stringContaining('DATA_KEY is required'),
        expect.stringContaining('PORT'),
        expect.stringContaining('ACCESS_TOKEN_TTL_SECONDS'),
        expect.stringContaining('DB_TYPE'),
        expect.stringContaining('PUBLIC_BASE_URL is required'),
      ]),
    );
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32), DATA_KEY: 'a'.repeat(64), PUBLIC_BASE_URL: 'https://dj.xinyi.gov.cn' })).toEqual([
      expect.stringContaining('DB_TYPE is required when NODE_ENV=production'),
    ]);
  });

  it('serves the API description outside production only, unless API_DOCS says', () => {
    const secrets = { DATA_DIR: dir, JWT_SECRET: 'j'.repeat(32), DATA_KEY: 'a'.repeat(64) };
    const production = { ...secrets, NODE_ENV: 'production', DB_TYPE: 'mysql', PUBLIC_BASE_URL: 'https://dj.xinyi.gov.cn' };
    expect(loadConfig(secrets).apiDocs).toBe(true);
    expect(loadConfig(production).apiDocs).toBe(false);
    expect(loadConfig({ ...production, API_DOCS: 'true' }).apiDocs).toBe(true);
  });

  it('listens on every interface in production and on this machine only for the demo, unless HOST says', () => {
    const secrets = { DATA_DIR: dir, JWT_SECRET: 'j'.repeat(32), DATA_KEY: 'a'.repeat(64) };
    expect(loadConfig({ ...secrets, NODE_ENV: 'production', DB_TYPE: 'mysql', PUBLIC_BASE_URL: 'https://dj.xinyi.gov.cn' }).host).toBe('0.0.0.0');
    expect(loadConfig(secrets).host).toBe('localhost');
    expect(loadConfig({ ...secrets, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('takes as the letters\' QR address only the absolute address of a site, and in production one others can reach', () => {
    const secrets = { DATA_DIR: dir, JWT_SECRET: 'j'.repeat(32), DATA_KEY: 'a'.repeat(64) };
    expect(loadConfig({ ...secrets, PUBLIC_BASE_URL: 'https://DJ.xinyi.gov.cn:8443/' }).transfers.publicBaseUrl).toBe('https://dj.xinyi.gov.cn:8443');
    for (const bad of ['dj.xinyi.gov.cn', 'https://', 'ftp://dj.xinyi.gov.cn', 'http://dj.xinyi.gov.cn/zhdj', 'http://dj.xinyi.gov.cn/?a=1', 'http://dj.xinyi.gov.cn#top', ' https://dj.xinyi.gov.cn', 'https://user:pw@dj.xinyi.gov.cn']) {
      expect(problems({ ...secrets, PUBLIC_BASE_URL: bad }), bad).toEqual([expect.stringContaining('PUBLIC_BASE_URL must be')]);
    }
    // The demo's own address is fine outside production; in production a loopback address is refused.
    expect(problems({ ...secrets, PUBLIC_BASE_URL: 'http://localhost:3000' })).toEqual([]);
    for (const loopback of ['http://localhost:3000', 'http://127.0.0.1', 'http://[::1]:3000']) {
      expect(problems({ ...secrets, NODE_ENV: 'production', DB_TYPE: 'mysql', PUBLIC_BASE_URL: loopback }), loopback).toEqual([expect.stringContaining('not this machine')]);
    }
  });

  it('refuses a short JWT secret and a malformed data key', () => {
    const found = problems({ JWT_SECRET: 'short', DATA_KEY: 'not-a-key' });
    expect(found).toEqual([expect.stringContaining('JWT_SECRET must be at least 32'), expect.stringContaining('DATA_KEY must be 32 bytes')]);
  });

  it('outside production, generates the missing secrets once into the data folder and reuses them', () => {
    const first = loadConfig({ DATA_DIR: dir, NODE_ENV: 'development' });
    const second = loadConfig({ DATA_DIR: dir, NODE_ENV: 'development' });
    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.crypto.dataKey).toHaveLength(32);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(second.crypto.dataKey.equals(first.crypto.dataKey)).toBe(true);
    const file = join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).JWT_SECRET).toBe(first.auth.jwtSecret);
  });

  it('has the documented defaults: 15-minute access tokens, five failures lock for 15 minutes, 30 logins and 600 refreshes a minute', () => {
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.auth).toMatchObject({ accessTtlSeconds: 900, maxFailedLogins: 5, lockoutSeconds: 900, throttleLoginPerMinute: 30, throttleRefreshPerMinute: 600 });
    expect(c.db).toMatchObject({ type: 'sqlite', path: join(dir, 'zhdj.sqlite') });
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'mysql://u:p%40ss@db.example:3307/zhdj_prod' }).db).toMatchObject({
      type: 'mysql',
      host: 'db.example',
      port: 3307,
      username: 'u',
      password: 'p@ss',
      database: 'zhdj_prod',
    });
  });

  it('reminds of a letter five days before its last day by default, 1 to 30 on request', () => {
    expect(loadConfig({ DATA_DIR: dir }).transfers.letterReminderDays).toBe(5);
    expect(loadConfig({ DATA_DIR: dir, LETTER_EXPIRY_REMINDER_DAYS: '10' }).transfers.letterReminderDays).toBe(10);
    for (const bad of ['0', '31', 'soon']) expect(problems({ LETTER_EXPIRY_REMINDER_DAYS: bad })).toEqual([expect.stringContaining('LETTER_EXPIRY_REMINDER_DAYS')]);
  });

  it('account security: the asvs profile by default, mlps3 on request; MFA mandatory for admins only in production by default', () => {
    const base = { DATA_DIR: dir, JWT_SECRET: 'j'.repeat(32), DATA_KEY: 'a'.repeat(64) };
    const demo = loadConfig({ ...base, NODE_ENV: 'development' });
    expect(demo.auth).toMatchObject({ securityProfile: 'asvs', mfaRequiredForAdmins: false, lockoutSeconds: 900, jwtPreviousSecrets: [] });
    expect(demo.auth.passwordPolicy).toMatchObject({ minLength: 12, requiredClasses: 0, maxAgeDays: null, historySize: 0 });
    const production = { ...base, NODE_ENV: 'production', DB_TYPE: 'mysql', PUBLIC_BASE_URL: 'https://dj.xinyi.gov.cn' };
    expect(loadConfig(production).auth.mfaRequiredForAdmins).toBe(true);
    expect(loadConfig({ ...production, MFA_REQUIRED_FOR_ADMINS: 'false' }).auth.mfaRequiredForAdmins).toBe(false);
    const mlps3 = loadConfig({ ...base, SECURITY_PROFILE: 'mlps3' }).auth;
    expect(mlps3).toMatchObject({ securityProfile: 'mlps3', lockoutSeconds: 600, maxFailedLogins: 5 });
    expect(mlps3.passwordPolicy).toMatchObject({ minLength: 8, requiredClasses: 3, maxAgeDays: 90, historySize: 5, lockout: { maxFailures: 5, seconds: 600 } });
    const previous = loadConfig({ ...base, JWT_PREVIOUS_SECRETS: ` ${'p'.repeat(32)} ,${'q'.repeat(40)},${'j'.repeat(32)}` }).auth.jwtPreviousSecrets;
    expect(previous).toEqual(['p'.repeat(32), 'q'.repeat(40)]);
  });

  it('refuses an unknown profile, short previous secrets, and access tokens outliving the idle limit', () => {
    const found = problems({ JWT_SECRET: 'j'.repeat(32), DATA_KEY: 'a'.repeat(64), SECURITY_PROFILE: 'gb', JWT_PREVIOUS_SECRETS: 'short', ACCESS_TOKEN_TTL_SECONDS: '1200', REFRESH_TOKEN_TTL_SECONDS: '600', MFA_REQUIRED_FOR_ADMINS: 'maybe' });
    expect(found).toEqual([
      expect.stringContaining('JWT_PREVIOUS_SECRETS'),
      expect.stringContaining('SECURITY_PROFILE'),
      expect.stringContaining('ACCESS_TOKEN_TTL_SECONDS must not exceed'),
      expect.stringContaining('MFA_REQUIRED_FOR_ADMINS'),
    ]);
  });

  const base = { JWT_SECRET: 'j'.repeat(32), DATA_KEY: 'a'.repeat(64) };

  it('HTTPS: a readable certificate and its key turn it on, with the letter\'s address on https by default', () => {
    const { certFile, keyFile } = selfSignedCertificate(dir);
    const config = loadConfig({ ...base, TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, PORT: '8443' });
    expect(config.tls).toMatchObject({ redirectPort: null });
    expect(config.tls!.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(config.transfers.publicBaseUrl).toBe('https://localhost:8443');
    expect(loadConfig(base).tls).toBeNull();
    expect(loadConfig(base).transfers.publicBaseUrl).toBe('http://localhost:3000');
    const redirecting = loadConfig({ ...base, TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, PORT: '443', HTTP_REDIRECT_PORT: '80', PUBLIC_BASE_URL: 'https://dj.xinyi.gov.cn/' });
    expect(redirecting.tls!.redirectPort).toBe(80);
    expect(redirecting.transfers.publicBaseUrl).toBe('https://dj.xinyi.gov.cn');
  });

  it('HTTPS: refuses half a pair, unreadable files, a key of another certificate, and a redirect that could not work', () => {
    const { certFile, keyFile } = selfSignedCertificate(dir, 'one');
    const other = selfSignedCertificate(dir, 'other');
    expect(problems({ ...base, TLS_CERT_FILE: certFile })).toEqual([expect.stringContaining('TLS_CERT_FILE and TLS_KEY_FILE go together')]);
    expect(problems({ ...base, TLS_KEY_FILE: keyFile })).toEqual([expect.stringContaining('TLS_CERT_FILE and TLS_KEY_FILE go together')]);
    expect(problems({ ...base, TLS_CERT_FILE: join(dir, 'missing.crt'), TLS_KEY_FILE: keyFile })).toEqual([expect.stringMatching(/TLS_CERT_FILE cannot be read: .*missing\.crt \(ENOENT\)/)]);
    expect(problems({ ...base, TLS_CERT_FILE: certFile, TLS_KEY_FILE: other.keyFile })).toEqual([expect.stringContaining('not a usable pair')]);
    expect(problems({ ...base, TLS_CERT_FILE: keyFile, TLS_KEY_FILE: keyFile })).toEqual([expect.stringContaining('not a usable pair')]);
    expect(problems({ ...base, HTTP_REDIRECT_PORT: '80' })).toEqual([expect.stringContaining('HTTP_REDIRECT_PORT needs HTTPS')]);
    const tls = { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile };
    expect(problems({ ...base, ...tls, HTTP_REDIRECT_PORT: '80' })).toEqual([]); // the default address follows TLS
    expect(problems({ ...base, ...tls, HTTP_REDIRECT_PORT: '80', PUBLIC_BASE_URL: 'http://dj.xinyi.gov.cn' })).toEqual([expect.stringContaining('must then be an https:// address')]);
    expect(problems({ ...base, ...tls, PORT: '443', HTTP_REDIRECT_PORT: '443', PUBLIC_BASE_URL: 'https://dj.xinyi.gov.cn' })).toEqual([expect.stringContaining('must differ from PORT')]);
    expect(problems({ ...base, ...tls, HTTP_REDIRECT_PORT: 'eighty' })).toEqual([expect.stringContaining('HTTP_REDIRECT_PORT must be an integer')]);
  });
});
