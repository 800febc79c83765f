import { HttpStatus, Injectable } from '@nestjs/common';
import { ErrorCode, Permission, administratorRoleFor, mayAppoint, type OrgAdministrator, type OrgAdministrators, type Role } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { RoleAssignment } from '../auth/entities/role-assignment.entity';
import type { Actor } from '../common/actor';
import { isUniqueViolation } from '../common/database/db-errors';
import { Db, toBool, toDate } from '../common/database/db.service';
import { isoString } from '../common/calendar/iso-string';
import { AppException, conflict, forbidden, notFound } from '../common/errors/app.exception';
import { NotificationsService } from '../notifications/notifications.service';
import { reserveOpenSteps } from '../transfers/transfer-serving';
import type { Organization } from './entities/organization.entity';
import { OrganizationsService } from './organizations.service';

interface AdministratorRow {
  assignment_id: number;
  user_id: number;
  role: Role;
  display_name: string;
  member_id: number | null;
  branch_name: string | null;
  created_at: unknown;
  last_login_at: unknown;
  disabled: unknown;
}

const ALREADY = () => conflict(ErrorCode.ALREADY_ADMINISTRATOR, 'This member already administers this organisation');

/**
 * Who administers an organisation, appointed and dismissed from the app by the tier above (shared `mayAppoint`): a
 * member's own account is given the organisation's administrator role. Staffing decides who serves each open transfer
 * step, so every change re-serves the open steps of the organisation's subtree in the same transaction: a branch's new
 * administrator finds its waiting pre-reviews in their to-do list at once, and a dismissed one's go back to the nearest
 * administrator above. Each change is audited.
 */
@Injectable()
export class OrgAdministratorsService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(actor: Actor, orgId: number): Promise<OrgAdministrators> {
    const org = await this.orgs.findInScope(actor, orgId, Permission.ADMIN_APPOINT);
    const rows = await this.read(this.db.em, 'ra.org_id = ?', [org.id]);
    return {
      role: administratorRoleFor(org.level),
      canAppoint: this.mayChange(actor, org),
      administrators: rows.map((r) => this.view(actor, r)),
    };
  }

  async appoint(actor: Actor, orgId: number, memberId: number): Promise<OrgAdministrator> {
    const org = await this.orgs.findInScope(actor, orgId, Permission.ADMIN_APPOINT);
    if (!this.mayChange(actor, org)) throw this.notYours(org);
    const role = administratorRoleFor(org.level);
    try {
      return await this.db.tx(async (em) => {
        // The member's account, and where they are: only someone of this organisation's subtree, still in the county.
        const [member] = await em.query<{ user_id: number | null; org_path: string; status: string }[]>(
          'SELECT u.id AS user_id, m.org_path, m.status FROM members m LEFT JOIN users u ON u.member_id = m.id WHERE m.id = ?',
          [memberId],
        );
        // A member outside the caller's scope is not theirs to name: the same answer as one who does not exist.
        if (!member || !actor.covers(member.org_path, Permission.MEMBER_READ)) throw notFound('Member');
        if (!member.org_path.startsWith(org.path) || member.status === 'TRANSFERRED_OUT' || member.user_id === null) {
          throw new AppException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            ErrorCode.ADMINISTRATOR_NOT_ELIGIBLE,
            member.user_id === null ? 'This member has no account' : 'Only a member of this organisation (or one below it) who is still in the county can administer it',
          );
        }
        const userId = Number(member.user_id);
        const [held] = await em.query<{ id: number }[]>('SELECT id FROM role_assignments WHERE user_id = ? AND role = ? AND org_id = ?', [userId, role, org.id]);
        if (held) throw ALREADY();
        const assignment = await em.save(RoleAssignment, { userId, role, orgId: org.id, createdAt: new Date() });
        await reserveOpenSteps((sql, params) => em.query(sql, params), org.path);
        await this.audit.record(em, actor, {
          action: 'user.appoint',
          targetType: 'user',
          targetId: userId,
          permission: Permission.ADMIN_APPOINT,
          path: org.path,
          detail: { role, orgId: org.id, memberId },
        });
        // The person learns it from the app, with where to start: their to-do list.
        await this.notifications.notify(em, [userId], {
          kind: 'admin.appointed',
          title: `您已被任命为${org.shortName}管理员`,
          body: '登录后可在管理端办理本组织的组织关系转接、党员信息和学习情况等事项。',
          link: '/admin/transfers',
          params: { org: org.shortName, role },
        });
        const [row] = await this.read(em, 'ra.id = ?', [assignment.id]);
        return this.view(actor, row);
      });
    } catch (e) {
      // Two appointments of the same member at once: the unique index lets one in; the other is told so, not a 500.
      if (isUniqueViolation(e)) throw ALREADY();
      throw e;
    }
  }

  async dismiss(actor: Actor, orgId: number, assignmentId: number): Promise<void> {
    const org = await this.orgs.findInScope(actor, orgId, Permission.ADMIN_APPOINT);
    if (!this.mayChange(actor, org)) throw this.notYours(org);
    await this.db.tx(async (em) => {
      const [row] = await em.query<{ user_id: number; role: Role }[]>('SELECT user_id, role FROM role_assignments WHERE id = ? AND org_id = ?', [assignmentId, org.id]);
      if (!row) throw notFound('Administrator');
      // Nobody removes their own footing: a mistaken click would leave them locked out of the screen that could undo it.
      if (Number(row.user_id) === actor.userId) throw conflict(ErrorCode.CANNOT_DISMISS_SELF, 'You cannot dismiss yourself; ask an administrator above you');
      await em.query('DELETE FROM role_assignments WHERE id = ?', [assignmentId]);
      await reserveOpenSteps((sql, params) => em.query(sql, params), org.path);
      await this.audit.record(em, actor, {
        action: 'user.dismiss',
        targetType: 'user',
        targetId: Number(row.user_id),
        permission: Permission.ADMIN_APPOINT,
        path: org.path,
        detail: { role: row.role, orgId: org.id },
      });
      await this.notifications.notify(em, [Number(row.user_id)], {
        kind: 'admin.dismissed',
        title: `您已不再担任${org.shortName}管理员`,
        body: '该组织的待办事项已转交其他管理员办理。',
        params: { org: org.shortName, role: row.role },
      });
    });
  }

  private mayChange(actor: Actor, org: Organization): boolean {
    return mayAppoint(actor.assignments, org.path, administratorRoleFor(org.level));
  }

  private notYours(org: Organization): AppException {
    return forbidden(`Administrators of ${org.shortName} are appointed by the tier above it`);
  }

  private read(em: EntityManager, where: string, params: unknown[]): Promise<AdministratorRow[]> {
    return em.query<AdministratorRow[]>(
      `SELECT ra.id AS assignment_id, ra.user_id, ra.role, u.display_name, u.member_id, b.short_name AS branch_name, ra.created_at, u.last_login_at, u.disabled
        FROM role_assignments ra JOIN users u ON u.id = ra.user_id
        LEFT JOIN members m ON m.id = u.member_id LEFT JOIN organizations b ON b.id = m.org_id
        WHERE ${where} ORDER BY ra.created_at ASC, ra.id ASC`,
      params,
    );
  }

  private view(actor: Actor, r: AdministratorRow): OrgAdministrator {
    return {
      assignmentId: Number(r.assignment_id),
      userId: Number(r.user_id),
      role: r.role,
      displayName: r.display_name,
      memberId: r.member_id === null ? null : Number(r.member_id),
      branchName: r.branch_name,
      since: isoString(toDate(r.created_at)!),
      lastLoginAt: r.last_login_at == null ? null : isoString(toDate(r.last_login_at)!),
      disabled: toBool(r.disabled),
      self: Number(r.user_id) === actor.userId,
    };
  }
}
