import { HttpStatus, Injectable } from '@nestjs/common';
import { ErrorCode, type SessionInfo } from '@zhdj/shared';
import { In, IsNull, MoreThan, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { AppException, notFound } from '../common/errors/app.exception';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { LoginAttempts } from './login-attempts.service';
import { PasswordPolicyService } from './password-policy.service';
import { PasswordService } from './password.service';
import { describeUserAgent } from './user-agent';

/** One's own sessions and password. Every change is audited; nothing here reaches another user's data. */
@Injectable()
export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly passwords: PasswordService,
    private readonly policy: PasswordPolicyService,
    private readonly attempts: LoginAttempts,
    private readonly audit: AuditService,
  ) {}

  /**
   * The caller's active sessions: not ended, before their absolute end, and not idle past the limit (a session
   * is alive while it holds an unspent, unexpired refresh token). Most recently used first.
   */
  async listSessions(actor: Actor): Promise<SessionInfo[]> {
    const now = new Date();
    const sessions = await this.db.em.find(Session, {
      where: { userId: actor.userId, revokedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { lastUsedAt: 'DESC', id: 'DESC' },
      take: 100,
    });
    if (!sessions.length) return [];
    const tokens = await this.db.em.find(RefreshToken, {
      select: { sessionId: true, expiresAt: true },
      where: { sessionId: In(sessions.map((s) => s.id)), usedAt: IsNull(), expiresAt: MoreThan(now) },
    });
    const idleEnd = new Map<number, Date>();
    for (const t of tokens) if (!idleEnd.has(t.sessionId) || idleEnd.get(t.sessionId)! < t.expiresAt) idleEnd.set(t.sessionId, t.expiresAt);
    return sessions
      .filter((s) => idleEnd.has(s.id))
      .map((s) => {
        const idle = idleEnd.get(s.id)!;
        return {
          id: s.id,
          createdAt: s.createdAt.toISOString(),
          lastUsedAt: s.lastUsedAt.toISOString(),
          idleExpiresAt: (idle < s.expiresAt ? idle : s.expiresAt).toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          // An IPv4 client on a dual-stack socket reads as ::ffff:a.b.c.d; people know it as a.b.c.d.
          ip: s.ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, ''),
          ...describeUserAgent(s.userAgent),
          current: s.id === actor.sessionId,
        };
      });
  }

  /** Ends one of the caller's own sessions (the current one too); another's, or one already ended, is a 404. */
  async endSession(actor: Actor, id: number): Promise<void> {
    await this.db.tx(async (em) => {
      const now = new Date();
      const ended = await em.update(Session, { id, userId: actor.userId, revokedAt: IsNull(), expiresAt: MoreThan(now) }, { revokedAt: now, revokedReason: 'ended' });
      if (!ended.affected) throw notFound('Session');
      await this.audit.record(em, actor, { action: 'auth.sessionEnded', targetType: 'session', targetId: id, detail: { current: id === actor.sessionId } });
    });
  }

  /** Ends every session of the caller but the current one. */
  async endOtherSessions(actor: Actor): Promise<{ endedSessions: number }> {
    return this.db.tx(async (em) => {
      const now = new Date();
      const ended = await em.update(Session, { userId: actor.userId, id: Not(actor.sessionId!), revokedAt: IsNull(), expiresAt: MoreThan(now) }, { revokedAt: now, revokedReason: 'endedByUser' });
      const endedSessions = ended.affected ?? 0;
      await this.audit.record(em, actor, { action: 'auth.sessionsEnded', targetType: 'user', targetId: actor.userId, detail: { endedSessions } });
      return { endedSessions };
    });
  }

  /**
   * Changes the caller's password: the current one proves it is them (a wrong one counts towards the lock-out), the
   * new one must meet the active profile; every other session of theirs ends.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<{ endedSessions: number }> {
    const user = await this.db.em.findOneOrFail(User, { where: { id: actor.userId } });
    const client = { ip: actor.ip, userAgent: '' };
    await this.attempts.assertNotLocked(user, client);
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      await this.attempts.fail(user, 'badPassword', client);
      throw new AppException(HttpStatus.FORBIDDEN, ErrorCode.PASSWORD_INCORRECT, 'The current password is not right');
    }
    return this.db.tx(async (em) => {
      const now = new Date();
      await this.policy.assertAcceptable(em, user, newPassword);
      await this.policy.setPassword(em, user, newPassword, now);
      const ended = await em.update(Session, { userId: user.id, id: Not(actor.sessionId!), revokedAt: IsNull() }, { revokedAt: now, revokedReason: 'passwordChanged' });
      const endedSessions = ended.affected ?? 0;
      await this.audit.record(em, actor, { action: 'auth.passwordChanged', targetType: 'user', targetId: user.id, detail: { via: 'self', endedSessions } });
      return { endedSessions };
    });
  }
}
