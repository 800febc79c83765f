import { Injectable } from '@nestjs/common';
import { Permission } from '@zhdj/shared';
import { randomInt } from 'node:crypto';
import { IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Session } from '../auth/entities/session.entity';
import { User } from '../auth/entities/user.entity';
import { PasswordService } from '../auth/password.service';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { notFound } from '../common/errors/app.exception';
import { accountHeldAbove, heldAboveRefusal } from './account-held-above';
import { MembersService } from './members.service';

/** Letters and digits people do not confuse when reading a slip of paper (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export interface IssuedPassword {
  username: string;
  /** Shown once to the administrator, to hand to the member; never stored or logged in clear. */
  temporaryPassword: string;
}

/**
 * A member's login account. Accounts made by import or by an administrator have no password: the branch issues a
 * temporary one to hand over in person. It has never been chosen by the member (no change date), so the first login
 * asks for a new one under every security profile; issuing it also unlocks the account and ends its sessions.
 */
@Injectable()
export class MemberAccountService {
  constructor(
    private readonly db: Db,
    private readonly members: MembersService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  async issuePassword(actor: Actor, memberId: number): Promise<IssuedPassword> {
    const member = await this.members.findVisible(actor, memberId, Permission.MEMBER_WRITE);
    const user = await this.db.em.findOne(User, { where: { memberId: member.id } });
    if (!user) throw notFound('Login account');
    if (await accountHeldAbove(this.db, actor, member.id)) throw heldAboveRefusal();
    const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
    const temporaryPassword = groups.join('-');
    const hash = await this.passwords.hash(temporaryPassword);
    await this.db.tx(async (em) => {
      const now = new Date();
      await em.update(User, { id: user.id }, { passwordHash: hash, passwordChangedAt: null, failedLogins: 0, lockedUntil: null });
      await em.update(Session, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now, revokedReason: 'passwordIssued' });
      await this.audit.record(em, actor, {
        action: 'member.issuePassword',
        targetType: 'member',
        targetId: member.id,
        permission: Permission.MEMBER_WRITE,
        path: member.orgPath,
        detail: { member: member.name, userId: user.id },
      });
    });
    return { username: user.username, temporaryPassword };
  }
}
