import { roleHas, type Role } from '../auth/roles';
import type { Page } from '../common/pagination';
import type { OrgLevel, OrgRef } from './organization';

/**
 * Who administers an organisation, and who may change that. Every administrator is a Party member's own account given
 * a role over one organisation: a branch's (or a general branch's) administrator is a BRANCH_ADMIN, a grassroots
 * committee's a COMMITTEE_ADMIN, the county committee's (the organisation department) a COUNTY_ADMIN. The server
 * refuses what these rules refuse and the web offers only what they allow.
 */

/** The one administrator role an organisation of this level is given. */
export function administratorRoleFor(level: OrgLevel): Role {
  return level === 'COUNTY_COMMITTEE' ? 'COUNTY_ADMIN' : level === 'COMMITTEE' ? 'COMMITTEE_ADMIN' : 'BRANCH_ADMIN';
}

const RANK: Partial<Record<Role, number>> = { BRANCH_ADMIN: 1, COMMITTEE_ADMIN: 2, COUNTY_ADMIN: 3 };

/**
 * Whether someone holding these roles may appoint or dismiss `role` over the organisation at `orgPath`: through a role
 * that may appoint, held over that organisation or above it, of a higher tier than the role given — a committee's
 * administrator appoints its branches' administrators, the county's appoints the committees' and, being the
 * department that runs the platform, its own colleagues too. Nobody raises a peer to their own tier below the county.
 */
export function mayAppoint(held: readonly { role: Role; orgPath: string | null }[], orgPath: string, role: Role): boolean {
  return held.some((h) => h.orgPath !== null && orgPath.startsWith(h.orgPath) && appointsTier(h.role, role));
}

/** The tier half of mayAppoint: whether `holder`, held over an organisation or above it, may appoint `role` there. */
export function appointsTier(holder: Role, role: Role): boolean {
  const wanted = RANK[role];
  return !!wanted && roleHas(holder, 'admin.appoint') && ((RANK[holder] ?? 0) > wanted || holder === 'COUNTY_ADMIN');
}

/** One administrator of an organisation, as its administrators' list shows them. */
export interface OrgAdministrator {
  /** The role assignment's id: what dismissal names. */
  assignmentId: number;
  userId: number;
  role: Role;
  displayName: string;
  /** The member record behind the account; null for an account made by the create-admin command. */
  memberId: number | null;
  /** The member's branch (short name), where they have a record. */
  branchName: string | null;
  /** When the role was given (ISO 8601). */
  since: string;
  lastLoginAt: string | null;
  /** A disabled account serves nobody: the steps it would hold go to the nearest administrator above. */
  disabled: boolean;
  /** The caller's own role: not dismissable by themself. */
  self: boolean;
}

export interface OrgAdministrators {
  /** The role this organisation's administrators hold (administratorRoleFor its level). */
  role: Role;
  /** Whether the caller may appoint and dismiss them (mayAppoint). */
  canAppoint: boolean;
  administrators: OrgAdministrator[];
}

/** POST /api/organizations/:id/administrators — the role is the organisation's own (administratorRoleFor). */
export interface AppointAdministratorRequest {
  memberId: number;
}

/**
 * An organisation of a subtree with no enabled administrator (GET /api/organizations/:id/unstaffed): its transfer
 * steps are served by the nearest administered organisation above it, which a county staffing 1,800 branches wants to
 * see, and mend, before those administrators drown in their branches' work.
 */
export interface UnstaffedOrganization {
  org: OrgRef;
  parentName: string | null;
  /** Members in its subtree (a branch's own members). */
  memberCount: number;
  /** Open transfer steps held here right now, worked by `servedBy` instead. */
  waitingSteps: number;
  /** The nearest organisation above with an administrator, who serves its steps; null when none is (an unstaffed county). */
  servedBy: OrgRef | null;
}

/** A keyset page of them in tree order, with how many the subtree holds under the same filter. */
export interface UnstaffedOrganizations extends Page<UnstaffedOrganization> {
  total: number;
}
