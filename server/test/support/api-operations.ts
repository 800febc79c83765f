import { DEFAULT_WEEKLY_HOURS, type Permission } from '@zhdj/shared';
import type { Response } from 'supertest';
import { totpCode } from './account';
import type { ApiRequest, Caller, Side, TransferRef, World } from './api-world';
import { inDays, today } from './study';
import { CHECKLIST, OUTSIDE } from './transfers';
import { importFile, validRow } from './xlsx';

/**
 * A request builder for every operation of the API, keyed by "METHOD /api/path" as in /api/docs-json. The
 * scope-isolation and hostile-input suites walk the document and FAIL on an operation missing here: a new endpoint
 * needs an entry before those suites pass again.
 *
 * For each caller and side (A: committee A, branch A1, memberA1; B: committee B, branch B1, memberB1) a builder
 * returns a request that is valid in every respect except, perhaps, who is asking. `fresh` is true when the
 * request is expected to succeed: the builder then makes a resource the request may use up (a draft to delete, a
 * booking to cancel), so that every success starts from the same state. Refused requests use shared resources,
 * which they must leave as they were.
 *
 * `reach` says whether the resource on that side lies inside the caller's scope, derived from the shared role table
 * (World.covers) and the fixture tree; whether the caller holds the operation's permission at all is read from its
 * `x-permission`.
 */
export interface OperationCase {
  reach: (w: World, c: Caller, side: Side) => boolean;
  build: (w: World, c: Caller, side: Side, fresh: boolean) => Promise<ApiRequest>;
  /** Undoes what a successful request did to a fixture account (a password, TOTP). */
  after?: (w: World, c: Caller, res: Response) => Promise<void>;
  /**
   * Business refusals acceptable inside scope, by caller: a write whose rules refuse this caller (never 401, 403
   * or 404, which mean "who are you", "not your role" and "not in your scope").
   */
  refusals?: (c: Caller) => string[];
  /** The answer outside scope when it is not a 404 (documented per operation). */
  outside?: { status: number; code: string };
  /** Open to any signed-in administrator only (an admin role of the shared table), members get 403. */
  adminsOnly?: boolean;
  /**
   * Where the side's resource is named, for the check that outside scope answers exactly as an unknown id does:
   * by default the path's {id}, else the query's orgId, else the body's first organisation or member reference.
   */
  ghost?: { in: 'path' | 'query' | 'body'; name: string };
  /** Runs after every other operation (it leaves memberA1 holding an issued letter for good). */
  last?: boolean;
}

// ── reach ──────────────────────────────────────────────────────────────────

const everywhere = () => true;
/** A year the calendar accepts and the suites' bookings and deadlines never reach. */
const CALENDAR_YEAR = Number(today().slice(0, 4)) + 2;
/** The caller's own record on side A (memberA1), someone else's on side B. */
const ownOnA = (_w: World, c: Caller, side: Side) => side === 'A' && c.role === 'MEMBER';
/** Acts on the caller's own account: the side does not change the request. */
const self = everywhere;
const inBranch = (permission: Permission) => (w: World, c: Caller, side: Side) => w.covers(c, permission, w.branchOf(side));
const inCommittee = (permission: Permission) => (w: World, c: Caller, side: Side) => w.covers(c, permission, w.committeeOf(side));
const ownOr = (other: OperationCase['reach']) => (w: World, c: Caller, side: Side) => ownOnA(w, c, side) || other(w, c, side);

/** A valid new member of the side's branch, as the member form sends one (the API gives them an account). */
function newMember(w: World, side: Side) {
  const id = w.freshIdNumber();
  return { name: '新党员', sex: id.sex, ethnicity: '汉族', birthDate: id.birthDate, idNumber: id.idNumber, phone: w.freshPhone(), education: 'BACHELOR', category: 'FULL', joinedAt: '2012-07-01', duesPaidThrough: '2026-01', orgId: org(w, side) };
}

/** An administrator appointed to the side's branch by the county: a role a success may dismiss. */
async function freshAppointment(w: World, side: Side): Promise<number> {
  const member = await w.ok('post', '/api/members', 'county', newMember(w, side));
  return (await w.ok('post', `/api/organizations/${org(w, side)}/administrators`, 'county', { memberId: member.id })).assignmentId;
}

async function branchA1Role(w: World): Promise<number> {
  const [row] = await w.ds.query("SELECT ra.id FROM role_assignments ra JOIN users u ON u.id = ra.user_id WHERE u.username = 'branchA1'");
  return Number(row.id);
}

const org = (w: World, side: Side, kind: 'branch' | 'committee' = 'branch') => w.orgs[kind === 'branch' ? w.branchOf(side) : w.committeeOf(side)].id;
const isMember = (c: Caller) => c.role === 'MEMBER';

// ── transfers ──────────────────────────────────────────────────────────────

/** A transfer of the side: memberA1's own for the member on A, else one of a member of the side's branch. */
async function sideTransfer(w: World, c: Caller, side: Side, state: string, fresh: boolean) {
  if (isMember(c) && side === 'A') return w.ownTransfer(state, fresh);
  if (!fresh) return state === 'DRAFT' ? w.shared.draft[side] : state === 'SUBMITTED' ? w.shared.transfer[side] : w.sideTransfer(side, state);
  return w.sideTransfer(side, state);
}

/** For each caller a step the state machine gives them, on a transfer waiting for it. */
async function actionFor(w: World, c: Caller, side: Side, fresh: boolean): Promise<ApiRequest> {
  const plan: Record<string, [string, string, Record<string, unknown>]> = {
    MEMBER: ['DRAFT', 'submit', {}],
    BRANCH_ADMIN: ['SUBMITTED', 'preApprove', { checklist: CHECKLIST }],
    COMMITTEE_ADMIN: ['PRE_APPROVED', 'approve', {}],
    COUNTY_ADMIN: ['PRE_APPROVED', 'approve', {}],
  };
  const [state, action, extra] = plan[c.role ?? ''] ?? ['SUBMITTED', 'withdraw', { comment: '撤回' }];
  const tr = fresh ? await sideTransfer(w, c, side, state, true) : w.shared.transfer[side];
  return { path: `/api/transfers/${tr.id}/actions`, body: { action, version: tr.version, ...extra } };
}

const inbound = (w: World, side: Side) => {
  const id = w.freshIdNumber();
  return {
    destinationOrgId: org(w, side, 'committee'),
    incomingLetterNo: `L${Date.now()}${Math.floor(Math.random() * 1000)}`,
    sourceOrgName: '中共南京市玄武区委组织部',
    sourceRegion: '江苏省南京市',
    // Valid a month from today: a letter is never valid for more than 180 days.
    validUntil: inDays(30),
    name: '赵新来',
    sex: id.sex,
    ethnicity: '汉族',
    birthDate: id.birthDate,
    idNumber: id.idNumber,
    phone: w.freshPhone(),
    education: 'MASTER',
    category: 'FULL',
    joinedAt: '2015-06-30',
    duesPaidThrough: '2026-10',
    reason: 'JOB_CHANGE',
  };
};

/** Per side, a completed transfer whose talk is pending, for the refused requests (which must leave it so). */
const reportedShared = new WeakMap<World, Partial<Record<Side, TransferRef>>>();
async function reported(w: World, side: Side): Promise<TransferRef> {
  const mine = reportedShared.get(w) ?? {};
  reportedShared.set(w, mine);
  return (mine[side] ??= await w.reportedTo(side, inbound(w, side)));
}

// ── bookings ───────────────────────────────────────────────────────────────

const bookingReach = ownOr(inCommittee('center.manage'));
async function sideBooking(w: World, side: Side, fresh: boolean, when: 'future' | 'today' | 'past' = 'future') {
  return fresh ? w.booking(side, when) : { id: w.shared.booking[side], version: 1, code: 'ZZZZZZ' };
}

// ── the table ──────────────────────────────────────────────────────────────

const get = (path: string, query?: ApiRequest['query']) => async (): Promise<ApiRequest> => ({ path, query });
const range = () => ({ from: today(), to: inDays(13) });

export const OPERATIONS: Record<string, OperationCase> = {
  // health, letters (public)
  'GET /api/health': { reach: everywhere, build: get('/api/health') },
  'GET /api/letters/verify/{token}': { reach: everywhere, build: async (w) => ({ path: `/api/letters/verify/${w.shared.letterToken}` }) },

  // auth (public steps, then the caller's own account)
  'POST /api/auth/login': { reach: everywhere, build: async (w) => ({ path: '/api/auth/login', body: { username: 'memberB1', password: w.t.county.password } }) },
  'POST /api/auth/refresh': { reach: everywhere, build: async (w) => ({ path: '/api/auth/refresh', body: { refreshToken: (await w.login('memberB1')).refreshToken } }) },
  'POST /api/auth/login/mfa': {
    reach: everywhere,
    build: async (w, _c, _s, fresh) => {
      if (!fresh) return { path: '/api/auth/login/mfa', body: { mfaToken: 'x'.repeat(40), recoveryCode: 'abcde-fghjk' } };
      const { mfaToken, recoveryCode } = await w.mfaChallenge();
      return { path: '/api/auth/login/mfa', body: { mfaToken, recoveryCode } };
    },
  },
  'POST /api/auth/password/expired': {
    reach: everywhere,
    build: async (w) => ({ path: '/api/auth/password/expired', body: { changeToken: await w.expiredChallenge(), newPassword: w.newPassword() } }),
  },
  'GET /api/auth/password-policy': { reach: everywhere, build: get('/api/auth/password-policy') },
  'POST /api/auth/logout': { reach: self, build: async () => ({ path: '/api/auth/logout', ownSession: true }) },
  'GET /api/me': { reach: self, build: get('/api/me') },
  'GET /api/auth/sessions': { reach: self, build: get('/api/auth/sessions') },
  'DELETE /api/auth/sessions/{id}': {
    // Side A: another session of the caller's own; side B: memberB1's.
    reach: (_w, _c, side) => side === 'A',
    build: async (w, c, side, fresh) => ({ path: `/api/auth/sessions/${side === 'A' && fresh && c.username ? await w.otherSession(c.username) : w.shared.session.B}` }),
  },
  'POST /api/auth/sessions/end-others': { reach: self, build: async () => ({ path: '/api/auth/sessions/end-others' }) },
  'POST /api/auth/password': {
    reach: self,
    build: async (w) => ({ path: '/api/auth/password', ownSession: true, body: { currentPassword: w.t.county.password, newPassword: w.newPassword() } }),
    after: (w, c) => w.restorePassword(c.username!),
  },
  'GET /api/auth/mfa': { reach: self, build: get('/api/auth/mfa') },
  'POST /api/auth/mfa/totp/setup': { reach: self, adminsOnly: true, build: get('/api/auth/mfa/totp/setup'), after: (w, c) => w.dropTotp(c.username!) },
  'POST /api/auth/mfa/totp/confirm': {
    reach: self,
    adminsOnly: true,
    build: async (w, c, _s, fresh) => {
      if (!fresh) return { path: '/api/auth/mfa/totp/confirm', body: { code: '123456' } };
      const setup = await w.ok('post', '/api/auth/mfa/totp/setup', c.username!);
      return { path: '/api/auth/mfa/totp/confirm', body: { code: totpCode(setup.secret) } };
    },
    after: (w, c) => w.dropTotp(c.username!),
  },
  'POST /api/auth/mfa/totp/disable': {
    reach: self,
    build: async (w, c, _s, fresh) => {
      if (!fresh || !w.isAdmin(c)) return { path: '/api/auth/mfa/totp/disable', body: { code: '123456' } };
      const { secret } = await w.enrolTotp(c.username!);
      return { path: '/api/auth/mfa/totp/disable', body: { code: totpCode(secret, 1) } };
    },
    // A member has no TOTP to turn off.
    refusals: (c) => (c.role === 'MEMBER' ? ['MFA_NOT_ENABLED'] : []),
    after: (w, c) => w.dropTotp(c.username!),
  },
  'POST /api/auth/mfa/recovery-codes': {
    reach: self,
    build: async (w, c, _s, fresh) => {
      if (!fresh || !w.isAdmin(c)) return { path: '/api/auth/mfa/recovery-codes', body: { code: '123456' } };
      const { secret } = await w.enrolTotp(c.username!);
      return { path: '/api/auth/mfa/recovery-codes', body: { code: totpCode(secret, 1) } };
    },
    refusals: (c) => (c.role === 'MEMBER' ? ['MFA_NOT_ENABLED'] : []),
    after: (w, c) => w.dropTotp(c.username!),
  },

  // the working-day calendar (county-wide): dates two years ahead, where no booking or deadline of the suites falls
  'GET /api/calendar/days': { reach: everywhere, build: get('/api/calendar/days', { year: String(CALENDAR_YEAR) }) },
  'GET /api/calendar/days/{date}/bookings': { reach: everywhere, build: get(`/api/calendar/days/${CALENDAR_YEAR}-03-02/bookings`) },
  'PUT /api/calendar/days/{date}': {
    reach: everywhere,
    build: async (_w, _c, side) => ({ path: `/api/calendar/days/${CALENDAR_YEAR}-0${side === 'A' ? 3 : 4}-02`, body: { working: false, name: '测试放假' } }),
  },
  'DELETE /api/calendar/days/{date}': {
    reach: everywhere,
    build: async (w, c, side, fresh) => {
      const path = `/api/calendar/days/${CALENDAR_YEAR}-0${side === 'A' ? 5 : 6}-03`;
      if (fresh) await w.ok('put', path, c.username!, { working: false, name: '测试放假' });
      return { path };
    },
  },
  // audit (county-wide)
  'GET /api/audit': { reach: everywhere, build: get('/api/audit', { limit: 5 }) },
  'GET /api/audit/verify': { reach: everywhere, build: get('/api/audit/verify') },
  'GET /api/audit/export': { reach: everywhere, build: get('/api/audit/export', { action: 'transfer.' }) },

  // notifications: side A is the caller's own, side B memberB1's
  'GET /api/notifications': { reach: self, build: get('/api/notifications') },
  'GET /api/notifications/unread-count': { reach: self, build: get('/api/notifications/unread-count') },
  'POST /api/notifications/read-all': { reach: self, build: get('/api/notifications/read-all') },
  'POST /api/notifications/{id}/read': {
    reach: (_w, _c, side) => side === 'A',
    build: async (w, c, side) => ({ path: `/api/notifications/${side === 'A' && c.username ? await w.notification(await w.userId(c.username)) : w.shared.notification.B}/read` }),
  },

  // organisations
  'GET /api/organizations': { reach: self, build: get('/api/organizations', { q: '测试' }) },
  'GET /api/organizations/directory': { reach: everywhere, build: get('/api/organizations/directory', { q: '测试' }) },
  'GET /api/organizations/{id}': { reach: inBranch('org.read'), build: async (w, _c, side) => ({ path: `/api/organizations/${org(w, side)}` }) },
  'GET /api/organizations/{id}/children': { reach: inCommittee('org.read'), build: async (w, _c, side) => ({ path: `/api/organizations/${org(w, side, 'committee')}/children` }) },
  'POST /api/organizations': {
    reach: inCommittee('org.manage'),
    build: async (w, _c, side) => ({
      path: '/api/organizations',
      body: { parentId: org(w, side, 'committee'), level: 'BRANCH', code: `S-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`, name: '中共测试新建支部委员会', shortName: '新建支部', type: 'COMMUNITY', hasApprovalAuthority: false },
    }),
  },
  'PATCH /api/organizations/{id}': {
    reach: inBranch('org.manage'),
    build: async (w, _c, side) => ({ path: `/api/organizations/${org(w, side)}`, body: { contactPerson: '联系人甲' } }),
  },
  'GET /api/organizations/{id}/administrators': { reach: inBranch('admin.appoint'), build: async (w, _c, side) => ({ path: `/api/organizations/${org(w, side)}/administrators` }) },
  'GET /api/organizations/{id}/unstaffed': { reach: inBranch('admin.appoint'), build: async (w, _c, side) => ({ path: `/api/organizations/${org(w, side)}/unstaffed`, query: { level: 'BRANCH' } }) },
  'GET /api/organizations/{id}/unstaffed/export': { reach: inBranch('admin.appoint'), build: async (w, _c, side) => ({ path: `/api/organizations/${org(w, side)}/unstaffed/export`, query: { waiting: false } }) },
  'POST /api/organizations/{id}/administrators': {
    reach: inBranch('admin.appoint'),
    // A success appoints a new member of the branch; a refusal names the side's member, who stays as they were.
    build: async (w, _c, side, fresh) => ({
      path: `/api/organizations/${org(w, side)}/administrators`,
      body: { memberId: fresh ? (await w.ok('post', '/api/members', 'county', newMember(w, side))).id : w.memberOf(side) },
    }),
  },
  'DELETE /api/organizations/{id}/administrators/{assignmentId}': {
    reach: inBranch('admin.appoint'),
    // A refusal names branch A1's administrator's own role, which must survive it (refused on side B before it is read).
    build: async (w, _c, side, fresh) => ({ path: `/api/organizations/${org(w, side)}/administrators/${fresh ? await freshAppointment(w, side) : await branchA1Role(w)}` }),
  },
  'POST /api/organizations/{id}/move': {
    reach: inCommittee('org.manage'),
    build: async (w, _c, side, fresh) => {
      const committee = w.committeeOf(side);
      const moving = fresh
        ? (await w.ok('post', '/api/organizations', 'county', { parentId: w.orgs[committee].id, level: 'BRANCH', code: `M-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`, name: '中共测试待迁支部委员会', shortName: '待迁支部', type: 'COMMUNITY', hasApprovalAuthority: false })).id
        : w.orgs[side === 'A' ? 'branchA2' : 'branchB1'].id;
      return { path: `/api/organizations/${moving}/move`, body: { parentId: w.orgs[w.generalOf(side)].id } };
    },
  },

  // members
  'GET /api/members': { reach: inBranch('member.read'), build: async (w, _c, side) => ({ path: '/api/members', query: { orgId: org(w, side) } }) },
  'POST /api/members': { reach: inBranch('member.write'), build: async (w, _c, side) => ({ path: '/api/members', body: newMember(w, side) }) },
  'GET /api/members/count': { reach: inBranch('member.read'), build: async (w, _c, side) => ({ path: '/api/members/count', query: { orgId: org(w, side) } }) },
  'GET /api/members/export': { reach: inBranch('member.export'), build: async (w, _c, side) => ({ path: '/api/members/export', query: { orgId: org(w, side) } }) },
  'GET /api/members/import-template': { reach: self, build: get('/api/members/import-template') },
  'POST /api/members/import': {
    reach: inBranch('member.import'),
    // Rows for an organisation outside scope are reported like an unknown code: "不存在或不在您的管理范围内".
    outside: { status: 400, code: 'IMPORT_INVALID' },
    build: async (w, _c, side) => ({ path: '/api/members/import', attach: { field: 'file', file: await importFile([validRow(w.nextImportIndex(), side === 'A' ? 'T-branchA1' : 'T-branchB1', '151')]), filename: 'members.xlsx' } }),
  },
  'GET /api/members/{id}': { reach: ownOr(inBranch('member.read')), build: async (w, _c, side) => ({ path: `/api/members/${w.memberOf(side)}` }) },
  'PATCH /api/members/{id}': {
    reach: inBranch('member.write'),
    build: async (w, _c, side) => {
      const [m] = await w.ds.query('SELECT version FROM members WHERE id = ?', [w.memberOf(side)]);
      return { path: `/api/members/${w.memberOf(side)}`, body: { duesPaidThrough: today().slice(0, 7), version: Number(m.version) } };
    },
  },
  'POST /api/members/{id}/reveal-id': { reach: inBranch('member.revealId'), build: async (w, _c, side) => ({ path: `/api/members/${w.memberOf(side)}/reveal-id` }) },
  // Issuing a password ends the account's sessions: aim at a member of the side's branch the suite never logs in as.
  'POST /api/members/{id}/issue-password': {
    reach: inBranch('member.write'),
    build: async (w, _c, side) => ({ path: `/api/members/${side === 'A' ? w.t.county.members.secretaryA1 : w.t.county.members.retiredB1}/issue-password` }),
  },

  // transfers
  'GET /api/transfers': {
    // A member's queue is their own (no organisation); an administrator's is filtered to the side's branch.
    reach: (w, c, side) => (isMember(c) ? side === 'A' : w.covers(c, 'transfer.read', w.branchOf(side))),
    build: async (w, c, side): Promise<ApiRequest> => ({ path: '/api/transfers', query: isMember(c) && side === 'A' ? { queue: 'todo' } : { queue: 'watching', orgId: org(w, side) } }),
  },
  'GET /api/transfers/mine': { reach: self, build: get('/api/transfers/mine') },
  'GET /api/transfers/waiting': { reach: self, build: get('/api/transfers/waiting') },
  'GET /api/transfers/export': { reach: inBranch('transfer.read'), build: async (w, _c, side) => ({ path: '/api/transfers/export', query: { orgId: org(w, side) } }) },
  'GET /api/transfers/overview': { reach: inBranch('transfer.overview'), build: async (w, _c, side) => ({ path: '/api/transfers/overview', query: { orgId: org(w, side) } }) },
  'POST /api/transfers': {
    // memberA1 applies for themself on A; on B (and for administrators) the application names a member of the side.
    reach: (w, c, side) => (isMember(c) ? side === 'A' : w.covers(c, 'transfer.apply', w.branchOf(side))),
    build: async (w, c, side, fresh) => {
      if (isMember(c) && side === 'A') {
        if (fresh) await w.closeOwnTransfer();
        return { path: '/api/transfers', body: { ...OUTSIDE.IN_PROVINCE } };
      }
      const memberId = fresh ? await w.poolMember(side) : w.memberOf(side);
      return { path: '/api/transfers', body: { memberId, ...OUTSIDE.IN_PROVINCE } };
    },
  },
  'POST /api/transfers/inbound': { reach: inCommittee('transfer.registerInbound'), build: async (w, _c, side) => ({ path: '/api/transfers/inbound', body: inbound(w, side) }) },
  'GET /api/transfers/{id}': {
    reach: ownOr(inBranch('transfer.read')),
    build: async (w, c, side) => ({ path: `/api/transfers/${(await sideTransfer(w, c, side, isMember(c) && side === 'A' ? 'any' : 'SUBMITTED', false)).id}` }),
  },
  'PATCH /api/transfers/{id}': {
    reach: ownOr(inBranch('transfer.read')),
    build: async (w, c, side, fresh) => {
      const tr = await sideTransfer(w, c, side, 'DRAFT', fresh);
      return { path: `/api/transfers/${tr.id}`, body: { reasonDetail: '工作调动', version: tr.version } };
    },
  },
  'DELETE /api/transfers/{id}': {
    reach: ownOr(inBranch('transfer.read')),
    build: async (w, c, side, fresh) => ({ path: `/api/transfers/${(await sideTransfer(w, c, side, 'DRAFT', fresh)).id}` }),
  },
  'POST /api/transfers/{id}/actions': { reach: ownOr(inBranch('transfer.read')), build: (w, c, side, fresh) => actionFor(w, c, side, fresh) },
  'POST /api/transfers/{id}/talk': {
    // The branch an arriving member reported to, or the committees above it; nobody else sees the transfer.
    reach: inBranch('transfer.read'),
    build: async (w, _c, side, fresh) => {
      const tr = fresh ? await w.reportedTo(side, inbound(w, side)) : await reported(w, side);
      return { path: `/api/transfers/${tr.id}/talk`, body: { version: tr.version, heldOn: today(), note: '了解工作和生活情况' } };
    },
  },
  'GET /api/transfers/{id}/letter.pdf': {
    reach: ownOr(inBranch('transfer.read')),
    last: true,
    build: async (w, c, side) => ({ path: `/api/transfers/${isMember(c) && side === 'A' ? (await w.ownTransfer('LETTER_ISSUED')).id : w.shared.issued[side].id}/letter.pdf` }),
  },

  // service centres (every centre is listed and bookable county-wide; running one is the committee's)
  'GET /api/service-centers': { reach: everywhere, build: get('/api/service-centers') },
  'POST /api/service-centers': {
    reach: inCommittee('center.manage'),
    build: async (w, _c, side) => ({
      path: '/api/service-centers',
      body: { orgId: org(w, side, 'committee'), name: '测试新建服务中心', weeklyHours: DEFAULT_WEEKLY_HOURS, slotMinutes: 30, capacity: 2, horizonDays: 14, minNoticeMinutes: 60, cancelCutoffMinutes: 60, acceptsProxy: false },
    }),
  },
  'GET /api/service-centers/stats': { reach: self, build: async () => ({ path: '/api/service-centers/stats', query: range() }) },
  'GET /api/service-centers/{id}': { reach: everywhere, build: async (w, _c, side) => ({ path: `/api/service-centers/${w.centre[side]}` }) },
  'PATCH /api/service-centers/{id}': {
    reach: inCommittee('center.manage'),
    build: async (w, _c, side) => {
      const [c] = await w.ds.query('SELECT version FROM service_centers WHERE id = ?', [w.centre[side]]);
      return { path: `/api/service-centers/${w.centre[side]}`, body: { phone: '0516-88001234', version: Number(c.version) } };
    },
  },
  'GET /api/service-centers/{id}/availability': { reach: everywhere, build: async (w, _c, side) => ({ path: `/api/service-centers/${w.centre[side]}/availability`, query: range() }) },
  'GET /api/service-centers/{id}/bookings': { reach: inCommittee('center.manage'), build: async (w, _c, side) => ({ path: `/api/service-centers/${w.centre[side]}/bookings`, query: range() }) },
  'GET /api/service-centers/{id}/conflicts': { reach: inCommittee('center.manage'), build: async (w, _c, side) => ({ path: `/api/service-centers/${w.centre[side]}/conflicts` }) },
  'GET /api/service-centers/{id}/closures': { reach: inCommittee('center.manage'), build: async (w, _c, side) => ({ path: `/api/service-centers/${w.centre[side]}/closures` }) },
  'POST /api/service-centers/{id}/closures': {
    reach: inCommittee('center.manage'),
    // Far beyond the booking horizon: no booking of the fixture is cancelled.
    build: async (w, _c, side) => ({ path: `/api/service-centers/${w.centre[side]}/closures`, body: { fromDate: inDays(300), toDate: inDays(301), reason: '场地维修' } }),
  },
  'DELETE /api/service-centers/{id}/closures/{closureId}': {
    reach: inCommittee('center.manage'),
    // A closure of its own each time (written directly: the caller may be one who cannot add it), far beyond the horizon.
    build: async (w, _c, side) => {
      const at = new Date();
      await w.ds.query('INSERT INTO center_closures (center_id, from_date, to_date, reason, created_by_user_id, created_at) VALUES (?, ?, ?, ?, NULL, ?)', [w.centre[side], inDays(320), inDays(321), '测试闭馆', at]);
      const [row] = await w.ds.query('SELECT MAX(id) AS id FROM center_closures WHERE center_id = ?', [w.centre[side]]);
      return { path: `/api/service-centers/${w.centre[side]}/closures/${Number(row.id)}` };
    },
  },
  'POST /api/service-centers/{id}/check-in': {
    reach: inCommittee('center.manage'),
    build: async (w, _c, side, fresh) => ({ path: `/api/service-centers/${w.centre[side]}/check-in`, body: { code: (await sideBooking(w, side, fresh, 'today')).code } }),
  },

  // bookings
  'POST /api/bookings': {
    reach: everywhere,
    build: async (w, _c, side, fresh) => ({ path: '/api/bookings', body: { serviceCenterId: w.centre[side], start: fresh ? await w.nextSlot(side) : new Date(Date.now() + 86400_000).toISOString(), purpose: 'CONSULTATION' } }),
  },
  'GET /api/bookings/mine': { reach: self, build: get('/api/bookings/mine') },
  'GET /api/bookings/{id}': { reach: bookingReach, build: async (w, _c, side) => ({ path: `/api/bookings/${w.shared.booking[side]}` }) },
  'POST /api/bookings/{id}/reschedule': {
    reach: ownOnA,
    build: async (w, _c, side, fresh) => {
      const b = await sideBooking(w, side, fresh);
      return { path: `/api/bookings/${b.id}/reschedule`, body: { start: fresh ? await w.nextSlot(side) : new Date(Date.now() + 2 * 86400_000).toISOString(), version: b.version } };
    },
  },
  'POST /api/bookings/{id}/cancel': { reach: bookingReach, build: async (w, _c, side, fresh) => ({ path: `/api/bookings/${(await sideBooking(w, side, fresh)).id}/cancel`, body: { reason: '临时有事' } }) },
  'POST /api/bookings/{id}/attended': { reach: inCommittee('center.manage'), build: async (w, _c, side, fresh) => ({ path: `/api/bookings/${(await sideBooking(w, side, fresh, 'today')).id}/attended` }) },
  'POST /api/bookings/{id}/no-show': { reach: inCommittee('center.manage'), build: async (w, _c, side, fresh) => ({ path: `/api/bookings/${(await sideBooking(w, side, fresh, 'past')).id}/no-show` }) },
  'POST /api/bookings/{id}/undo-mark': {
    reach: inCommittee('center.manage'),
    build: async (w, _c, side, fresh) => {
      const b = await sideBooking(w, side, fresh, 'today');
      // A visit checked in today (as the centre's check-in leaves it), to be undone.
      if (fresh) await w.ds.query(`UPDATE bookings SET status = 'ATTENDED', active_member_id = NULL, active_transfer_id = NULL, attended_at = ? WHERE id = ?`, [new Date(), b.id]);
      return { path: `/api/bookings/${b.id}/undo-mark` };
    },
  },
  'GET /api/bookings/{id}/booking.ics': { reach: bookingReach, build: async (w, _c, side) => ({ path: `/api/bookings/${w.shared.booking[side]}/booking.ics` }) },
  'GET /api/bookings/{id}/qr.svg': { reach: bookingReach, build: async (w, _c, side) => ({ path: `/api/bookings/${w.shared.booking[side]}/qr.svg` }) },

  // study: the member's side (published modules are the county's; attempts are each member's own)
  'GET /api/study/my': { reach: self, build: get('/api/study/my') },
  'GET /api/study/library': { reach: self, build: get('/api/study/library') },
  'GET /api/study/modules/{id}': { reach: everywhere, build: async (w, _c, side) => ({ path: `/api/study/modules/${side === 'A' ? w.study.article : w.study.video}` }) },
  'POST /api/study/modules/{id}/start': { reach: everywhere, build: async (w, _c, side) => ({ path: `/api/study/modules/${side === 'A' ? w.study.article : w.study.video}/start` }) },
  'POST /api/study/modules/{id}/progress': {
    reach: everywhere,
    build: async (w, c, _s, fresh) => {
      if (fresh) await w.ok('post', `/api/study/modules/${w.study.video}/start`, c.username!);
      return { path: `/api/study/modules/${w.study.video}/progress`, body: { intervals: [{ from: 0, to: 1 }], positionSeconds: 1 } };
    },
  },
  'POST /api/study/modules/{id}/complete': {
    reach: everywhere,
    build: async (w, c, _s, fresh) => {
      if (fresh) await w.ok('post', `/api/study/modules/${w.study.article}/start`, c.username!);
      return { path: `/api/study/modules/${w.study.article}/complete` };
    },
  },
  'POST /api/study/modules/{id}/attempts': { reach: everywhere, build: async (w) => ({ path: `/api/study/modules/${w.study.quiz}/attempts` }) },
  'POST /api/study/attempts/{id}/submit': {
    reach: ownOnA,
    build: async (w, _c, side, fresh) => {
      const id = fresh ? await w.attempt(side) : w.shared.attempt[side];
      return { path: `/api/study/attempts/${id}/submit`, body: { answers: await w.answersFor(id) } };
    },
  },

  // study: the county's catalogue
  'GET /api/study/catalog/modules': { reach: everywhere, build: get('/api/study/catalog/modules') },
  'POST /api/study/catalog/modules': {
    reach: everywhere,
    build: async () => ({ path: '/api/study/catalog/modules', body: { kind: 'ARTICLE', title: '新文章', need: 'POLICY', classHours: 0.5, body: '<p>正文</p>', minReadSeconds: 30 } }),
  },
  'GET /api/study/catalog/modules/{id}': { reach: everywhere, build: async (w) => ({ path: `/api/study/catalog/modules/${w.study.article}` }) },
  'PATCH /api/study/catalog/modules/{id}': {
    reach: everywhere,
    build: async (w) => {
      const [m] = await w.ds.query('SELECT version FROM study_modules WHERE id = ?', [w.study.draftModule]);
      return { path: `/api/study/catalog/modules/${w.study.draftModule}`, body: { summary: '摘要', version: Number(m.version) } };
    },
  },
  'GET /api/study/catalog/modules/{id}/questions': { reach: everywhere, build: async (w) => ({ path: `/api/study/catalog/modules/${w.study.quiz}/questions` }) },
  'POST /api/study/catalog/modules/{id}/questions': {
    reach: everywhere,
    build: async (w) => ({ path: `/api/study/catalog/modules/${w.study.quiz}/questions`, body: { kind: 'TRUE_FALSE', stem: '新判断题', answer: ['T'] } }),
  },
  'PATCH /api/study/catalog/questions/{id}': { reach: everywhere, build: async (w) => ({ path: `/api/study/catalog/questions/${w.study.question}`, body: { explanation: '解析' } }) },
  'POST /api/study/tracks': {
    reach: everywhere,
    build: async (w) => ({ path: '/api/study/tracks', body: { title: '新清单', year: Number(today().slice(0, 4)), audience: { orgTypes: [], groups: [], needs: [] }, modules: [{ moduleId: w.study.article, required: true }] } }),
  },
  'PATCH /api/study/tracks/{id}': {
    reach: everywhere,
    build: async (w) => {
      const [t] = await w.ds.query('SELECT version FROM study_tracks WHERE id = ?', [w.study.track]);
      return { path: `/api/study/tracks/${w.study.track}`, body: { description: '说明', version: Number(t.version) } };
    },
  },

  // study: assigning and following up within scope
  'GET /api/study/tracks': { reach: everywhere, build: get('/api/study/tracks') },
  'GET /api/study/tracks/{id}': { reach: everywhere, build: async (w) => ({ path: `/api/study/tracks/${w.study.track}` }) },
  'GET /api/study/tracks/{id}/preview': {
    reach: inBranch('study.assign'),
    ghost: { in: 'query', name: 'orgId' },
    build: async (w, _c, side) => ({ path: `/api/study/tracks/${w.study.track}/preview`, query: { orgId: org(w, side) } }),
  },
  'POST /api/study/audience/preview': {
    reach: inBranch('study.assign'),
    build: async (w, _c, side) => ({ path: '/api/study/audience/preview', body: { orgId: org(w, side), audience: { orgTypes: ['COMMUNITY'], groups: [], needs: [] } } }),
  },
  'GET /api/study/assignments': { reach: inBranch('study.assign'), build: async (w, _c, side) => ({ path: '/api/study/assignments', query: { orgId: org(w, side) } }) },
  'POST /api/study/assignments': {
    reach: inBranch('study.assign'),
    build: async (w, _c, side, fresh) => ({ path: '/api/study/assignments', body: { trackId: fresh ? await w.freshTrack() : w.study.track, orgId: org(w, side), startsOn: today(), dueOn: inDays(30) } }),
  },
  'GET /api/study/assignments/{id}': { reach: inBranch('study.assign'), build: async (w, _c, side) => ({ path: `/api/study/assignments/${w.shared.assignment[side]}` }) },
  'PATCH /api/study/assignments/{id}': {
    reach: inBranch('study.assign'),
    build: async (w, _c, side, fresh) => {
      const id = fresh ? await w.freshAssignment(side) : w.shared.assignment[side];
      const [a] = await w.ds.query('SELECT version FROM study_assignments WHERE id = ?', [id]);
      return { path: `/api/study/assignments/${id}`, body: { dueOn: inDays(45), version: Number(a.version) } };
    },
  },
  'POST /api/study/assignments/{id}/cancel': {
    reach: inBranch('study.assign'),
    build: async (w, _c, side, fresh) => ({ path: `/api/study/assignments/${fresh ? await w.freshAssignment(side) : w.shared.assignment[side]}/cancel` }),
  },
  'GET /api/study/stats': { reach: inBranch('study.stats'), build: async (w, _c, side) => ({ path: '/api/study/stats', query: { orgId: org(w, side) } }) },
  'GET /api/study/stats/members': { reach: inBranch('study.stats'), build: async (w, _c, side) => ({ path: '/api/study/stats/members', query: { orgId: org(w, side) } }) },
  'GET /api/study/stats/members/{memberId}': {
    reach: inBranch('study.stats'),
    build: async (w, _c, side) => ({ path: `/api/study/stats/members/${w.memberOf(side)}` }),
  },
  // The suites' members have attempts left at the shared quiz: inside scope the answer is that refusal (a real grant is
  // study-completion.http.spec.ts's).
  'POST /api/study/stats/members/{memberId}/extra-attempt': {
    reach: inBranch('study.stats'),
    build: async (w, _c, side) => ({ path: `/api/study/stats/members/${w.memberOf(side)}/extra-attempt`, body: { moduleId: w.study.quiz } }),
    refusals: () => ['ATTEMPTS_LEFT'],
  },
  'GET /api/study/stats/export': { reach: inBranch('study.stats'), build: async (w, _c, side) => ({ path: '/api/study/stats/export', query: { orgId: org(w, side) } }) },
};
