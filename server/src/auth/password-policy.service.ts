import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import { checkPasswordRules, ErrorCode, PasswordWeakness, type PasswordPolicy } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { PasswordHistory } from './entities/password-history.entity';
import { User } from './entities/user.entity';
import { PasswordService } from './password.service';

/** Past passwords kept per user: enough for any profile's no-reuse rule. */
const HISTORY_KEPT = 10;

let common: Set<string> | null = null;
/**
 * The bundled list of common and breached passwords (about 49,000, from @zxcvbn-ts/language-common, shipped in the
 * npm package: no network at run time). Loaded on first use.
 */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/**
 * A password is common when it is on the list, or is a listed word dressed with digits and symbols around it
 * (`Password2026!`, `!!qwerty123`), the commonest way people meet composition rules.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return true;
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  return core.length >= 4 && core !== lower && commonPasswords().has(core);
}

/** The active security profile's password rules: strength, expiry, history. */
@Injectable()
export class PasswordPolicyService {
  readonly policy: PasswordPolicy;

  constructor(
    private readonly passwords: PasswordService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = config.auth.passwordPolicy;
  }

  /** Every reason a new password is refused, or none. */
  weaknesses(password: string, username: string): PasswordWeakness[] {
    const reasons = checkPasswordRules(password, this.policy, username);
    if (isCommonPassword(password)) reasons.push(PasswordWeakness.COMMON_PASSWORD);
    return reasons;
  }

  /** Throws 400 PASSWORD_TOO_WEAK (with every reason) or PASSWORD_REUSED; changes nothing. */
  async assertAcceptable(em: EntityManager, user: User, password: string): Promise<void> {
    const reasons = this.weaknesses(password, user.username);
    if (reasons.length) {
      throw new AppException(HttpStatus.BAD_REQUEST, ErrorCode.PASSWORD_TOO_WEAK, 'This password is too weak', { reasons });
    }
    const size = this.policy.historySize;
    if (size > 0) {
      const past = await em.find(PasswordHistory, { where: { userId: user.id }, order: { id: 'DESC' }, take: size - 1 });
      for (const hash of [user.passwordHash, ...past.map((p) => p.passwordHash)]) {
        if (await this.passwords.verify(hash, password)) {
          throw new AppException(HttpStatus.BAD_REQUEST, ErrorCode.PASSWORD_REUSED, `This password was used recently: choose one not among your last ${size}`, {
            historySize: size,
          });
        }
      }
    }
  }

  /** Stores the new password and keeps the old one in the history. */
  async setPassword(em: EntityManager, user: User, password: string, now: Date): Promise<void> {
    const hash = await this.passwords.hash(password);
    await em.insert(PasswordHistory, { userId: user.id, passwordHash: user.passwordHash, createdAt: now });
    await em.update(User, { id: user.id }, { passwordHash: hash, passwordChangedAt: now });
    const stale = await em.find(PasswordHistory, { select: { id: true }, where: { userId: user.id }, order: { id: 'DESC' }, skip: HISTORY_KEPT, take: 1000 });
    if (stale.length) await em.delete(PasswordHistory, stale.map((s) => s.id));
  }

  /**
   * A password the user never chose (no change date: one issued by an administrator) must be replaced at the first
   * login under every profile; under a profile with a maximum age, an old one too.
   */
  isExpired(user: User, now = new Date()): boolean {
    if (!user.passwordChangedAt) return true;
    const days = this.policy.maxAgeDays;
    if (days === null) return false;
    return user.passwordChangedAt.getTime() + days * 86_400_000 <= now.getTime();
  }
}
