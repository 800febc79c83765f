import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  ErrorCode,
  ROLE_PERMISSIONS,
  type LoginResponse,
  type LoginResult,
  type PasswordExpiredDetails,
  type Permission,
  type SessionUser,
} from '@zhdj/shared';
import { createHash } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { AppException, invalidField, unauthorized } from '../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { ActorLoader } from './actor.loader';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { LoginAttempts, type ClientInfo } from './login-attempts.service';
import { MfaService } from './mfa.service';
import { PasswordPolicyService } from './password-policy.service';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';

export type { ClientInfo } from './login-attempts.service';

/** How long the second step of a login may wait for its code, and an expired password for its change. */
const MFA_TOKEN_SECONDS = 5 * 60;
const CHANGE_TOKEN_SECONDS = 10 * 60;

/**
 * Binds a login step's token to the password it was earned with: once the password changes, outstanding MFA and
 * change tokens stop working (which also makes a change token single use).
 */
const passwordBinding = (user: User) => createHash('sha256').update(user.passwordHash).digest('base64url').slice(0, 22);

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
    private readonly attempts: LoginAttempts,
    private readonly mfa: MfaService,
    private readonly policy: PasswordPolicyService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The password step. Without TOTP it completes the login; with TOTP it answers a challenge to be finished with
   * POST /auth/login/mfa. The failure count is not reset here: only a login complete with every factor resets it.
   */
  async login(username: string, password: string, client: ClientInfo): Promise<LoginResult> {
    const user = await this.db.em.findOne(User, { where: { username: username.trim() } });
    if (user) await this.attempts.assertNotLocked(user, client);
    else this.attempts.assertUnknownNotLocked(username.trim());
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      await this.attempts.fail(user, 'badPassword', client, username.trim());
      throw unauthorized(ErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
    }
    await this.assertEnabled(user, client);
    if (await this.mfa.enabledFor(user.id)) {
      const mfaToken = await this.tokens.signPurpose('mfa', user.id, passwordBinding(user), MFA_TOKEN_SECONDS);
      return { mfaRequired: true, mfaToken, expiresIn: MFA_TOKEN_SECONDS };
    }
    return this.complete(user, client, null);
  }

  /** The second step: a TOTP code or a recovery code (single use). Wrong codes count towards the lock-out. */
  async loginMfa(mfaToken: string, proof: { code?: string; recoveryCode?: string }, client: ClientInfo): Promise<LoginResponse> {
    if ((proof.code === undefined) === (proof.recoveryCode === undefined)) {
      throw invalidField('code', 'exactlyOne', 'Give either a code from the app or a recovery code');
    }
    const claims = await this.tokens.verifyPurpose('mfa', mfaToken);
    const user = claims ? await this.db.em.findOne(User, { where: { id: claims.userId } }) : null;
    const totp = user ? await this.mfa.enabledFor(user.id) : null;
    if (!claims || !user || !totp || claims.bind !== passwordBinding(user)) {
      throw unauthorized(ErrorCode.MFA_TOKEN_INVALID, 'This sign-in has expired; please enter your password again');
    }
    await this.attempts.assertNotLocked(user, client);
    await this.assertEnabled(user, client);
    const ok = proof.code !== undefined ? await this.mfa.acceptTotp(totp, proof.code) : await this.mfa.acceptRecoveryCode(user.id, proof.recoveryCode!);
    if (!ok) {
      await this.attempts.fail(user, proof.code !== undefined ? 'badMfaCode' : 'badRecoveryCode', client);
      throw unauthorized(ErrorCode.MFA_CODE_INVALID, 'That code is not right');
    }
    return this.complete(user, client, proof.code !== undefined ? 'totp' : 'recoveryCode');
  }

  /**
   * The change-only path of an expired password: the change token from the 403 PASSWORD_EXPIRED (issued only after
   * every factor passed) and a new password that meets the profile; then the login completes.
   */
  async changeExpiredPassword(changeToken: string, newPassword: string, client: ClientInfo): Promise<LoginResponse> {
    const claims = await this.tokens.verifyPurpose('password-change', changeToken);
    const user = claims ? await this.db.em.findOne(User, { where: { id: claims.userId } }) : null;
    if (!claims || !user || claims.bind !== passwordBinding(user)) {
      throw unauthorized(ErrorCode.PASSWORD_CHANGE_TOKEN_INVALID, 'This password change has expired; please log in again');
    }
    await this.assertEnabled(user, client);
    const now = new Date();
    await this.db.tx(async (em) => {
      await this.policy.assertAcceptable(em, user, newPassword);
      await this.policy.setPassword(em, user, newPassword, now);
      await em.update(Session, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now, revokedReason: 'passwordChanged' });
      await this.audit.record(em, null, { action: 'auth.passwordChanged', targetType: 'user', targetId: user.id, detail: { via: 'expired' } }, client.ip);
    });
    return this.complete(await this.db.em.findOneOrFail(User, { where: { id: user.id } }), client, null);
  }

  /**
   * Every factor has passed: an expired password (under a profile with a maximum age) gets the change-only path;
   * otherwise a session starts and the failure count is reset.
   */
  private async complete(user: User, client: ClientInfo, mfa: 'totp' | 'recoveryCode' | null): Promise<LoginResponse> {
    const now = new Date();
    if (this.policy.isExpired(user, now)) {
      await this.db.tx(async (em) => {
        await em.update(User, { id: user.id }, { failedLogins: 0 });
        await this.audit.record(em, null, { action: 'auth.passwordExpired', targetType: 'user', targetId: user.id }, client.ip);
      });
      const details: PasswordExpiredDetails = {
        changeToken: await this.tokens.signPurpose('password-change', user.id, passwordBinding(user), CHANGE_TOKEN_SECONDS),
        expiresIn: CHANGE_TOKEN_SECONDS,
        reason: user.passwordChangedAt ? 'expired' : 'issued',
      };
      throw new AppException(HttpStatus.FORBIDDEN, ErrorCode.PASSWORD_EXPIRED, 'Your password has expired: choose a new one to continue', details);
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
      const detail: Record<string, unknown> = { sessionId: session.id };
      if (mfa) detail.mfa = mfa;
      if (mfa === 'recoveryCode') detail.recoveryCodesLeft = await this.mfa.recoveryCodesLeft(user.id);
      await this.audit.record(em, null, { action: 'auth.login', targetType: 'user', targetId: user.id, detail }, client.ip);
      return { sessionId: session.id, refreshToken: refresh };
    });
    return this.respond(await this.actors.load(user.id, sessionId, client.ip), refreshToken);
  }

  private async assertEnabled(user: User, client: ClientInfo): Promise<void> {
    if (!user.disabled) return;
    await this.attempts.recordFailure(user, 'disabled', client);
    throw new AppException(HttpStatus.FORBIDDEN, ErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
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
      ...(actor.mfaEnrolmentRequired ? { mfaEnrolmentRequired: true } : {}),
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
}
