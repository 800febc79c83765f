/**
 * Roles and the role → permission table. The server's guards read this table and the web hides what it
 * forbids, so the two can never disagree. Every admin role is held *over an organisation*: its power reaches
 * that organisation's subtree and nothing else (scope is checked by the services, answering 404 outside it).
 */
export const Role = {
  MEMBER: 'MEMBER', // a Party member acting for themself
  BRANCH_ADMIN: 'BRANCH_ADMIN',
  COMMITTEE_ADMIN: 'COMMITTEE_ADMIN',
  COUNTY_ADMIN: 'COUNTY_ADMIN',
  SYSTEM_ADMIN: 'SYSTEM_ADMIN', // technical administration: accounts, audit; no member personal data
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role);
export const ADMIN_ROLES: Role[] = ['BRANCH_ADMIN', 'COMMITTEE_ADMIN', 'COUNTY_ADMIN', 'SYSTEM_ADMIN'];
/** The roles' names in Chinese: the web's words, and the audit export's. */
export const ROLE_LABELS_ZH: Record<Role, string> = {
  MEMBER: '党员',
  BRANCH_ADMIN: '党支部管理员',
  COMMITTEE_ADMIN: '党委管理员',
  COUNTY_ADMIN: '组织部管理员',
  SYSTEM_ADMIN: '系统管理员',
};

export const Permission = {
  /** Browse the organisation tree and its counts within scope. */
  ORG_READ: 'org.read',
  /** Search the county's organisation directory (names and codes only), e.g. to pick a transfer destination. */
  ORG_DIRECTORY: 'org.directory',
  /** Create, edit and move organisations within scope. */
  ORG_MANAGE: 'org.manage',
  /** See and change who administers the organisations below one's own (administratorRoleFor, mayAppoint). */
  ADMIN_APPOINT: 'admin.appoint',
  /** Read one's own member record. */
  MEMBER_READ_SELF: 'member.readSelf',
  /** List and read member records within scope. */
  MEMBER_READ: 'member.read',
  /** Create and edit member records within scope. */
  MEMBER_WRITE: 'member.write',
  /** See a full ID number (an audited action). */
  MEMBER_REVEAL_ID: 'member.revealId',
  /** Import members from Excel into organisations within scope. */
  MEMBER_IMPORT: 'member.import',
  /** Export the member list of a subtree to Excel. */
  MEMBER_EXPORT: 'member.export',
  /** Read and export the audit log. */
  AUDIT_READ: 'audit.read',
  /** Apply for a transfer (members for themselves; administrators for a member in scope). */
  TRANSFER_APPLY: 'transfer.apply',
  /** Take a step on a transfer; the state machine decides which steps and where. */
  TRANSFER_ACT: 'transfer.act',
  /** Read transfers whose source or destination lies in scope, and the queues. */
  TRANSFER_READ: 'transfer.read',
  /** Register a member arriving from outside the county (inbound letter). */
  TRANSFER_REGISTER_INBOUND: 'transfer.registerInbound',
  /** The transfer overview: counts, durations, overdue per organisation. */
  TRANSFER_OVERVIEW: 'transfer.overview',
  /** Book, reschedule and cancel one's own visits to a service centre. */
  BOOKING_CREATE: 'booking.create',
  /** Run service centres in scope: settings, closures, the day's bookings, check-in, no-shows. */
  CENTER_MANAGE: 'center.manage',
  /** Study the modules assigned to oneself: read, watch, answer quizzes, see one's class hours. */
  STUDY_LEARN: 'study.learn',
  /** Author the county's study catalogue: modules, question banks, tracks and their audiences. */
  STUDY_AUTHOR: 'study.author',
  /** Assign tracks to organisations in scope (and preview who they reach). */
  STUDY_ASSIGN: 'study.assign',
  /** Follow study up in scope: participation per organisation, members' status, export. */
  STUDY_STATS: 'study.stats',
  /** Enter the county's holidays and make-up working days where the official calendar package lacks them. */
  CALENDAR_MANAGE: 'calendar.manage',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];
export const PERMISSIONS = Object.values(Permission);

const ADMIN_COMMON: Permission[] = [
  'transfer.apply',
  'transfer.act',
  'transfer.read',
  'transfer.overview',
  'org.read',
  'org.directory',
  'member.read',
  'member.write',
  'member.revealId',
  'member.import',
  'member.export',
  'study.assign',
  'study.stats',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  MEMBER: ['org.directory', 'member.readSelf', 'transfer.apply', 'transfer.act', 'booking.create', 'study.learn'],
  BRANCH_ADMIN: [...ADMIN_COMMON],
  COMMITTEE_ADMIN: [...ADMIN_COMMON, 'org.manage', 'admin.appoint', 'transfer.registerInbound', 'center.manage'],
  COUNTY_ADMIN: [...ADMIN_COMMON, 'org.manage', 'admin.appoint', 'audit.read', 'transfer.registerInbound', 'center.manage', 'study.author', 'calendar.manage'],
  SYSTEM_ADMIN: ['org.read', 'org.directory', 'org.manage', 'audit.read'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The roles, among those given, that grant a permission. */
export function rolesGranting(roles: Iterable<Role>, permission: Permission): Role[] {
  return [...roles].filter((r) => roleHas(r, permission));
}

export function hasPermission(roles: Iterable<Role>, permission: Permission): boolean {
  return rolesGranting(roles, permission).length > 0;
}

export interface RoleAssignment {
  role: Role;
  /** The organisation the role is held over; null for MEMBER (self) and SYSTEM_ADMIN (whole county). */
  org: { id: number; name: string; shortName: string; path: string } | null;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  memberId: number | null;
  roles: RoleAssignment[];
  permissions: Permission[];
  /**
   * An administrator who must enrol TOTP before anything else (MFA_REQUIRED_FOR_ADMINS): until then the API answers
   * 403 MFA_ENROLMENT_REQUIRED everywhere but enrolment, /me and logout.
   */
  mfaEnrolmentRequired?: boolean;
}

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: SessionUser;
}

/** ASVS-style password length limits (length over complexity). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
