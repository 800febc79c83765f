/**
 * Account security contract (issue #7): sessions, TOTP for administrators, password profiles. The password rules
 * here are pure, so the web explains and pre-checks exactly what the server enforces (the server adds the check
 * against its bundled list of common passwords, which is too large to ship to browsers).
 */
import type { LoginResponse } from './roles';

/** `asvs` (OWASP ASVS L2, the default) or `mlps3` (等保 2.0 level 3). */
export const SECURITY_PROFILES = ['asvs', 'mlps3'] as const;
export type SecurityProfile = (typeof SECURITY_PROFILES)[number];

export interface PasswordPolicy {
  profile: SecurityProfile;
  minLength: number;
  maxLength: number;
  /** How many of the four classes (upper, lower, digit, symbol) a password needs; 0 = no composition rule. */
  requiredClasses: number;
  /** Days before a password must be changed; null = never. */
  maxAgeDays: number | null;
  /** A new password may not equal any of the last this-many passwords (the current one included); 0 = no rule. */
  historySize: number;
  /** Consecutive failed logins (passwords or codes) that lock the account, and for how long. */
  lockout: { maxFailures: number; seconds: number };
}

export const PASSWORD_POLICIES: Record<SecurityProfile, Omit<PasswordPolicy, 'lockout'>> = {
  asvs: { profile: 'asvs', minLength: 12, maxLength: 128, requiredClasses: 0, maxAgeDays: null, historySize: 0 },
  mlps3: { profile: 'mlps3', minLength: 8, maxLength: 128, requiredClasses: 3, maxAgeDays: 90, historySize: 5 },
};

/** Why a password was refused (PASSWORD_TOO_WEAK details.reasons). */
export const PasswordWeakness = {
  TOO_SHORT: 'TOO_SHORT',
  TOO_LONG: 'TOO_LONG',
  TOO_FEW_CLASSES: 'TOO_FEW_CLASSES',
  CONTAINS_USERNAME: 'CONTAINS_USERNAME',
  DEMO_PASSWORD: 'DEMO_PASSWORD',
  /** Found in the bundled list of common and breached passwords (checked by the server only). */
  COMMON_PASSWORD: 'COMMON_PASSWORD',
} as const;
export type PasswordWeakness = (typeof PasswordWeakness)[keyof typeof PasswordWeakness];

/** Counts code points, so a Chinese character or an emoji is one character, as people count them. */
export const passwordLength = (password: string): number => [...password].length;

export function characterClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** The documented demo password and its variations (`Demo-2026-zhdj`, `demo2027zhdj`…). */
const DEMO_PATTERN = /demo[\W_]*\d{2,4}[\W_]*zhdj|zhdj[\W_]*\d{2,4}[\W_]*demo/i;

/** Every rule but the common-password list, in a stable order. */
export function checkPasswordRules(password: string, policy: Pick<PasswordPolicy, 'minLength' | 'maxLength' | 'requiredClasses'>, username = ''): PasswordWeakness[] {
  const reasons: PasswordWeakness[] = [];
  const length = passwordLength(password);
  if (length < policy.minLength) reasons.push(PasswordWeakness.TOO_SHORT);
  if (length > policy.maxLength) reasons.push(PasswordWeakness.TOO_LONG);
  if (policy.requiredClasses > 0 && characterClasses(password) < policy.requiredClasses) reasons.push(PasswordWeakness.TOO_FEW_CLASSES);
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) reasons.push(PasswordWeakness.CONTAINS_USERNAME);
  if (DEMO_PATTERN.test(password)) reasons.push(PasswordWeakness.DEMO_PASSWORD);
  return reasons;
}

/** The first step of a login for an account with TOTP: prove the second factor with POST /auth/login/mfa. */
export interface MfaChallenge {
  mfaRequired: true;
  /** Short-lived, single-purpose, bound to the user; only POST /auth/login/mfa accepts it. */
  mfaToken: string;
  expiresIn: number;
}

export type LoginResult = LoginResponse | MfaChallenge;

export const isMfaChallenge = (r: LoginResult): r is MfaChallenge => (r as MfaChallenge).mfaRequired === true;

/** details of a 403 PASSWORD_EXPIRED: the token that lets POST /auth/password/expired change it. */
export interface PasswordExpiredDetails {
  changeToken: string;
  expiresIn: number;
  /** `expired`: older than the profile allows; `issued`: a temporary password from an administrator. */
  reason: 'expired' | 'issued';
}

/** One of the caller's active sessions (GET /auth/sessions). */
export interface SessionInfo {
  id: number;
  createdAt: string;
  lastUsedAt: string;
  /** The session ends at the earlier of these: idle (no refresh for 30 minutes) or its absolute end (12 hours). */
  idleExpiresAt: string;
  expiresAt: string;
  ip: string;
  /** From the user agent; null when unrecognised. */
  browser: string | null;
  os: string | null;
  current: boolean;
}

export interface MfaStatus {
  totpEnabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  /** TOTP is open to administrators only. */
  available: boolean;
  /** Configuration makes it mandatory for this account (an administrator with MFA_REQUIRED_FOR_ADMINS on). */
  required: boolean;
}

export interface TotpSetup {
  /** Base32, for typing into an app by hand. */
  secret: string;
  otpauthUrl: string;
  /** The otpauth URL as a QR code, an SVG data URL. */
  qrDataUrl: string;
}

export interface TotpConfirmed {
  /** Shown once; only their hashes are kept. */
  recoveryCodes: string[];
}

export const RECOVERY_CODE_COUNT = 10;
/** `xxxxx-xxxxx` from a 31-symbol alphabet without look-alikes: about 49 random bits each. */
export const RECOVERY_CODE_PATTERN = /^[a-z2-9]{5}-?[a-z2-9]{5}$/i;
export const TOTP_CODE_PATTERN = /^\d{6}$/;
