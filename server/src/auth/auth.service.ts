import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ErrorCode, ROLE_PERMISSIONS, type LoginResponse, type Permission, type SessionUser } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { AppException, unauthorized } from '../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { ActorLoader } from './actor.loader';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, client: ClientInfo): Promise<LoginResponse> {
    const user = await this.db.em.findOne(User, { where: { username: username.trim() } });
    const now = new Date();
    if (user?.lockedUntil && user.lockedUntil > now) {
      await this.recordFailure(user, 'locked', client);
      throw this.locked(user.lockedUntil);
    }
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      const lockedUntil = user ? await this.countFailure(user, client) : null;
      await this.recordFailure(user, 'badPassword', client);
      if (lockedUntil) throw this.locked(lockedUntil);
      throw unauthorized(ErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
    }
    if (user.disabled) {
      await this.recordFailure(user, 'disabled', client);
      throw new AppException(HttpStatus.FORBIDDEN, ErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
    }
    const a = this.config.auth;
    const { sessionId, refreshToken } = await this.db.tx(async (em) => {
      await em.update(User, { id: user.id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
      const session = await em.save(Session, {
        userId: user.id,
        createdAt: now,
        lastUsedAt: now,
        expiresAt: new Date(now.getTime() + a.sessionMaxSeconds * 1000),
        revokedAt: null,
        revokedReason: null,
        ip: client.ip.slice(0, 64),
        userAgent: client.userAgent.slice(0, 200),
      });
      const refresh = await this.issueRefresh(em, session.id, now);
      await this.audit.record(em, null, { action: 'auth.login', targetType: 'user', targetId: user.id, detail: { sessionId: session.id } }, client.ip);
      return { sessionId: session.id, refreshToken: refresh };
    });
    return this.respond(await this.actors.load(user.id, sessionId, client.ip), refreshToken);
  }

  /**
   * Rotates a refresh token: the presented one is spent and the next one issued. Presenting a spent token means it
   * was stolen or replayed, so the whole session (every token of the chain) is revoked.
   */
  async refresh(presented: string, client: ClientInfo): Promise<LoginResponse> {
    const now = new Date();
    const hash = TokenService.hashRefresh(presented);
    const outcome = await this.db.tx(async (em) => {
      const token = await em.findOne(RefreshToken, { where: { tokenHash: hash } });
      if (!token) return { error: ErrorCode.REFRESH_TOKEN_INVALID } as const;
      const session = await em.findOneOrFail(Session, { where: { id: token.sessionId } });
      if (session.revokedAt || session.expiresAt <= now) return { error: ErrorCode.REFRESH_TOKEN_INVALID } as const;
      // Spend the token with a conditional update: of two concurrent uses, exactly one wins.
      const spent = token.usedAt
        ? 0
        : ((await em.createQueryBuilder().update(RefreshToken).set({ usedAt: now }).where('id = :id AND used_at IS NULL', { id: token.id }).execute())
            .affected ?? 0);
      if (spent === 0) {
        await em.update(Session, { id: session.id }, { revokedAt: now, revokedReason: 'refreshReuse' });
        await this.audit.record(em, null, { action: 'auth.refreshReuse', targetType: 'session', targetId: session.id, detail: { userId: session.userId } }, client.ip);
        return { error: ErrorCode.REFRESH_TOKEN_REUSED } as const;
      }
      if (token.expiresAt <= now) return { error: ErrorCode.REFRESH_TOKEN_INVALID } as const;
      await em.update(Session, { id: session.id }, { lastUsedAt: now });
      const next = await this.issueRefresh(em, session.id, now);
      // Read the session user inside the transaction: the loser of a concurrent refresh revokes the session as soon
      // as this commits, and the winner's answer must not depend on which of the two reads first.
      const actor = await this.actors.load(session.userId, session.id, client.ip, em);
      return { actor, refreshToken: next } as const;
    });
    if ('error' in outcome) {
      throw unauthorized(
        outcome.error,
        outcome.error === ErrorCode.REFRESH_TOKEN_REUSED
          ? 'This refresh token was already used; the session has been ended for safety'
          : 'Your session has ended; please log in again',
      );
    }
    return this.respond(outcome.actor, outcome.refreshToken);
  }

  async logout(actor: Actor): Promise<void> {
    await this.db.tx(async (em) => {
      await em.update(Session, { id: actor.sessionId!, userId: actor.userId }, { revokedAt: new Date(), revokedReason: 'logout' });
      await this.audit.record(em, actor, { action: 'auth.logout', targetType: 'session', targetId: actor.sessionId });
    });
  }

  sessionUser(actor: Actor): SessionUser {
    const permissions = new Set<Permission>();
    for (const r of actor.roles) for (const p of ROLE_PERMISSIONS[r]) permissions.add(p);
    return {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      memberId: actor.memberId,
      roles: [
        ...(actor.memberId !== null ? [{ role: 'MEMBER' as const, org: null }] : []),
        ...actor.assignments.map((a) => ({
          role: a.role,
          org: a.orgId === null ? null : { id: a.orgId, name: a.orgName ?? '', shortName: a.orgShortName ?? '', path: a.orgPath },
        })),
      ],
      permissions: [...permissions],
    };
  }

  private async respond(actor: Actor, refreshToken: string): Promise<LoginResponse> {
    return {
      accessToken: await this.tokens.signAccess({ sub: actor.userId, sid: actor.sessionId! }),
      refreshToken,
      expiresIn: this.config.auth.accessTtlSeconds,
      user: this.sessionUser(actor),
    };
  }

  private async issueRefresh(em: EntityManager, sessionId: number, now: Date): Promise<string> {
    const { token, hash } = this.tokens.newRefreshToken();
    await em.insert(RefreshToken, {
      sessionId,
      tokenHash: hash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.auth.refreshTtlSeconds * 1000),
      usedAt: null,
    });
    return token;
  }

  /**
   * Counts a failed password; returns the lock's end when the account is locked. The database keeps the count:
   * concurrent guesses each add one (no lost updates), and a guess still in flight when another locked the account
   * leaves that lock alone (it used to start a new count and unlock it). A lock that has run out was left with a
   * count of 0, so counting simply starts again.
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

  private async recordFailure(user: User | null, reason: string, client: ClientInfo): Promise<void> {
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

  private locked(until: Date): AppException {
    return new AppException(
      HttpStatus.LOCKED,
      ErrorCode.ACCOUNT_LOCKED,
      'Too many failed logins: this account is locked for a while',
      { lockedUntil: until.toISOString() },
    );
  }
}
