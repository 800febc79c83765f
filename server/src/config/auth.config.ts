import { EnvReader } from './config-error';

export interface AuthConfig {
  jwtSecret: string;
  jwtIssuer: string;
  jwtAudience: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** A session (refresh chain) ends this long after login, however active it is. */
  sessionMaxSeconds: number;
  maxFailedLogins: number;
  lockoutSeconds: number;
  throttleLoginPerMinute: number;
  throttleVerifyPerMinute: number;
}

export function readAuthConfig(r: EnvReader, jwtSecret: string | undefined): AuthConfig {
  if (jwtSecret !== undefined && jwtSecret.length < 32) r.problems.push('JWT_SECRET must be at least 32 characters');
  return {
    jwtSecret: jwtSecret ?? '',
    jwtIssuer: r.str('JWT_ISSUER', 'zhdj')!,
    jwtAudience: r.str('JWT_AUDIENCE', 'zhdj-web')!,
    accessTtlSeconds: r.int('ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 30, 3600),
    refreshTtlSeconds: r.int('REFRESH_TOKEN_TTL_SECONDS', 30 * 60, 60, 7 * 24 * 3600),
    sessionMaxSeconds: r.int('SESSION_MAX_SECONDS', 12 * 3600, 300, 30 * 24 * 3600),
    maxFailedLogins: r.int('LOGIN_MAX_FAILURES', 5, 1, 100),
    lockoutSeconds: r.int('LOGIN_LOCKOUT_SECONDS', 15 * 60, 1, 24 * 3600),
    throttleLoginPerMinute: r.int('THROTTLE_LOGIN_PER_MINUTE', 30, 1, 1_000_000),
    throttleVerifyPerMinute: r.int('THROTTLE_VERIFY_PER_MINUTE', 60, 1, 1_000_000),
  };
}
