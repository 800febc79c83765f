import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@zhdj/shared';
import { AuditService } from '../audit/audit.service';
import { Db } from '../common/database/db.service';
import { AppException } from '../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { User } from './entities/user.entity';

/** How many usernames with no account the lock-out keeps counts for (the oldest forgotten first). */
const UNKNOWN_USERNAMES_KEPT = 10_000;

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

/**
 * Failed logins — wrong passwords and wrong second-factor codes alike — count towards one lock-out per account.
 * The count is reset only when a login completes with every factor, so knowing the password does not buy an
 * attacker fresh guesses at the code.
 */
@Injectable()
export class LoginAttempts {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws 423 when the account is locked now (and records the refused attempt). */
  async assertNotLocked(user: User, client: ClientInfo): Promise<void> {
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await this.recordFailure(user, 'locked', client);
      throw LoginAttempts.locked(user.lockedUntil);
    }
  }

  /**
   * A username with no account is answered as an account would be: after as many wrong passwords it is "locked" for
   * as long. Members' usernames are their mobile numbers, and a lock-out only real accounts reached told anyone
   * without a login whether a number belongs to a Party member. Kept in this process's memory (bounded): nothing of a
   * non-account is worth storing, and a process restarting forgets as its rate limits do.
   */
  private readonly unknown = new Map<string, { failures: number; lockedUntil: number }>();

  /** Throws 423 while a username with no account is "locked", as assertNotLocked does for an account. */
  assertUnknownNotLocked(username: string): void {
    const entry = this.unknown.get(username);
    if (entry && entry.lockedUntil > Date.now()) throw LoginAttempts.locked(new Date(entry.lockedUntil));
  }

  /**
   * Counts one failure and records it; throws 423 if the account is (now) locked, otherwise returns so the caller
   * throws its own refusal. `username` is what was typed, for a username with no account.
   */
  async fail(user: User | null, reason: string, client: ClientInfo, username = ''): Promise<void> {
    const lockedUntil = user ? await this.countFailure(user, client) : this.countUnknown(username);
    await this.recordFailure(user, reason, client);
    if (lockedUntil) throw LoginAttempts.locked(lockedUntil);
  }

  private countUnknown(username: string): Date | null {
    const a = this.config.auth;
    const now = Date.now();
    const entry = this.unknown.get(username) ?? { failures: 0, lockedUntil: 0 };
    if (entry.lockedUntil > now) return new Date(entry.lockedUntil);
    entry.failures += 1;
    if (entry.failures >= a.maxFailedLogins) Object.assign(entry, { failures: 0, lockedUntil: now + a.lockoutSeconds * 1000 });
    // Newest last: past the bound the oldest goes (a Map iterates in insertion order).
    this.unknown.delete(username);
    this.unknown.set(username, entry);
    if (this.unknown.size > UNKNOWN_USERNAMES_KEPT) this.unknown.delete(this.unknown.keys().next().value!);
    return entry.lockedUntil > now ? new Date(entry.lockedUntil) : null;
  }

  /**
   * Counts a failure; returns the lock's end when the account is locked. The database keeps the count: concurrent
   * guesses each add one (no lost updates), and a guess still in flight when another locked the account leaves that
   * lock alone. A lock that has run out was left with a count of 0, so counting simply starts again.
   */
  private async countFailure(user: User, client: ClientInfo): Promise<Date | null> {
    const a = this.config.auth;
    return this.db.tx(async (em) => {
      const now = new Date();
      const counted = await em
        .createQueryBuilder()
        .update(User)
        .set({ failedLogins: () => 'failed_logins + 1' })
        .where('id = :id AND (locked_until IS NULL OR locked_until <= :now)', { id: user.id, now })
        .execute();
      const fresh = await em.findOneOrFail(User, { where: { id: user.id } });
      if (!counted.affected) return fresh.lockedUntil;
      if (fresh.failedLogins < a.maxFailedLogins) return null;
      const lockedUntil = new Date(now.getTime() + a.lockoutSeconds * 1000);
      await em.update(User, { id: user.id }, { failedLogins: 0, lockedUntil });
      await this.audit.record(em, null, { action: 'auth.locked', targetType: 'user', targetId: user.id, detail: { until: lockedUntil.toISOString() } }, client.ip);
      return lockedUntil;
    });
  }

  async recordFailure(user: User | null, reason: string, client: ClientInfo): Promise<void> {
    await this.db.tx((em) =>
      this.audit.record(
        em,
        null,
        {
          action: 'auth.loginFailed',
          targetType: 'user',
          targetId: user?.id ?? null,
          // An unknown username is not recorded: people type passwords into that box by mistake.
          detail: { reason: user ? reason : 'unknownUser' },
        },
        client.ip,
      ),
    );
  }

  static locked(until: Date): AppException {
    return new AppException(HttpStatus.LOCKED, ErrorCode.ACCOUNT_LOCKED, 'Too many failed logins: this account is locked for a while', {
      lockedUntil: until.toISOString(),
    });
  }
}
