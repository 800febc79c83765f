import type { Role } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Organization } from '../organizations/entities/organization.entity';
import { reserveOpenSteps } from '../transfers/transfer-serving';
import { RoleAssignment } from './entities/role-assignment.entity';
import { User } from './entities/user.entity';

export interface Appointment {
  username: string;
  passwordHash: string;
  displayName: string;
  role: Role;
  /** The organisation the role is held over; none for SYSTEM_ADMIN. */
  org: Organization | null;
  /** How it was made, for the audit trail ('cli'). */
  via: string;
}

/**
 * Creates an administrator's account with its role, in the caller's transaction: the create-admin command's work. The
 * open transfer steps in their subtree with no administrator nearer become theirs at once (reserveOpenSteps), and the
 * appointment is audited. Returns the user's id.
 */
export async function appointAdministrator(em: EntityManager, audit: AuditService, a: Appointment): Promise<number> {
  const now = new Date();
  const user = await em.save(User, {
    username: a.username, passwordHash: a.passwordHash, displayName: a.displayName, memberId: null, failedLogins: 0,
    lockedUntil: null, disabled: false, passwordChangedAt: now, lastLoginAt: null, createdAt: now,
  });
  await em.insert(RoleAssignment, { userId: user.id, role: a.role, orgId: a.org?.id ?? null, createdAt: now });
  if (a.org) await reserveOpenSteps((sql, params) => em.query(sql, params), a.org.path);
  await audit.record(em, null, { action: 'user.create', targetType: 'user', targetId: user.id, detail: { role: a.role, orgId: a.org?.id ?? null, via: a.via } });
  return user.id;
}
