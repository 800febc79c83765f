import { PASSWORD_POLICIES, SECURITY_PROFILES, type PasswordPolicy, type SecurityProfile } from '@zhdj/shared';
import { EnvReader } from './config-error';

export interface AuthConfig {
  /** Signs new tokens. */
  jwtSecret: string;
  /** Verify only: tokens signed before a rotation keep working until these are retired. */
  jwtPreviousSecrets: string[];
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
  /** Token refreshes per client address per minute: a budget of its own, for many users behind one address. */
  throttleRefreshPerMinute: number;
  securityProfile: SecurityProfile;
  passwordPolicy: PasswordPolicy;
  /** Administrators must enrol TOTP before they can use the API. */
  mfaRequiredForAdmins: boolean;
  /** The issuer name shown in authenticator apps. */
  totpIssuer: string;
}

export function readAuthConfig(r: EnvReader, jwtSecret: string | undefined, production = false): AuthConfig {
  if (jwtSecret !== undefined && jwtSecret.length < 32) r.problems.push('JWT_SECRET must be at least 32 characters');
  const previous = (r.str('JWT_PREVIOUS_SECRETS', '') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (previous.some((s) => s.length < 32)) r.problems.push('JWT_PREVIOUS_SECRETS must be comma-separated secrets of at least 32 characters each');
  const profile = r.oneOf('SECURITY_PROFILE', SECURITY_PROFILES, 'asvs');
  // 等保 level 3 locks for 10 minutes after 5 failures; the ASVS default keeps 15 minutes.
  const lockoutSeconds = r.int('LOGIN_LOCKOUT_SECONDS', profile === 'mlps3' ? 10 * 60 : 15 * 60, 1, 24 * 3600);
  const maxFailedLogins = r.int('LOGIN_MAX_FAILURES', 5, 1, 100);
  const accessTtlSeconds = r.int('ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 30, 3600);
  const refreshTtlSeconds = r.int('REFRESH_TOKEN_TTL_SECONDS', 30 * 60, 60, 7 * 24 * 3600);
  // The idle limit is the refresh token's life: an access token outliving it would stretch the limit.
  if (accessTtlSeconds > refreshTtlSeconds) r.problems.push('ACCESS_TOKEN_TTL_SECONDS must not exceed REFRESH_TOKEN_TTL_SECONDS (the idle limit)');
  return {
    jwtSecret: jwtSecret ?? '',
    jwtPreviousSecrets: previous.filter((s) => s !== jwtSecret),
    jwtIssuer: r.str('JWT_ISSUER', 'zhdj')!,
    jwtAudience: r.str('JWT_AUDIENCE', 'zhdj-web')!,
    accessTtlSeconds,
    refreshTtlSeconds,
    sessionMaxSeconds: r.int('SESSION_MAX_SECONDS', 12 * 3600, 300, 30 * 24 * 3600),
    maxFailedLogins,
    lockoutSeconds,
    throttleLoginPerMinute: r.int('THROTTLE_LOGIN_PER_MINUTE', 30, 1, 1_000_000),
    throttleVerifyPerMinute: r.int('THROTTLE_VERIFY_PER_MINUTE', 60, 1, 1_000_000),
    // An open tab refreshes about once per access-token life (15 minutes): 600 a minute carries some 9,000 tabs in
    // use behind one NAT egress or an unconfigured proxy, with room for the bursts when a meeting's staff all log in.
    throttleRefreshPerMinute: r.int('THROTTLE_REFRESH_PER_MINUTE', 600, 1, 1_000_000),
    securityProfile: profile,
    passwordPolicy: { ...PASSWORD_POLICIES[profile], lockout: { maxFailures: maxFailedLogins, seconds: lockoutSeconds } },
    mfaRequiredForAdmins: r.bool('MFA_REQUIRED_FOR_ADMINS', production),
    totpIssuer: r.str('TOTP_ISSUER', '智慧党建')!.slice(0, 40),
  };
}
