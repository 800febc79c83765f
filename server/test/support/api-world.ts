import { ADMIN_ROLES, PERMISSIONS, roleHas, type Permission, type Role } from '@zhdj/shared';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import { PasswordService } from '../../src/auth/password.service';
import { Db } from '../../src/common/database/db.service';
import { User } from '../../src/auth/entities/user.entity';
import { RoleAssignment } from '../../src/auth/entities/role-assignment.entity';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { Organization } from '../../src/organizations/entities/organization.entity';
import { addMembers, fakeIdNumber, fakePhone } from '../factories/mini-county';
import { totpCode } from './account';
import { inDays, today } from './study';
import { startTestApp, type TestApp } from './test-app';
import { CHECKLIST, OUTSIDE } from './transfers';

/**
 * The world the API-wide suites (scope isolation, hostile input) run in: the mini county, plus on each side of it
 * (A = committee A and its branch A1, where memberA1 lives; B = committee B and branch B1, memberB1) a resource of
 * every kind the API serves — transfers in each state, a service centre with bookings, notifications, study
 * modules, tracks, assignments and quiz attempts — and helpers that make fresh ones for requests that consume them.
 */

export type Side = 'A' | 'B';
export const SIDES: Side[] = ['A', 'B'];
export type OrgKey = 'root' | 'committeeA' | 'branchA1' | 'branchA2' | 'generalA' | 'branchAG1' | 'committeeB' | 'branchB1' | 'generalB';

/** Who calls: no token, a token that expired, a token whose payload was altered, and one account per role. */
export interface Caller {
  name: 'anonymous' | 'expired' | 'tampered' | 'memberA1' | 'branchA1' | 'committeeA' | 'county' | 'sysadmin';
  /** The fixture account; none for the three token cases. */
  username?: string;
  role?: Role;
  /** The organisation the role is held over (the member's branch for a member). */
  org?: OrgKey;
}

export const CALLERS: Caller[] = [
  { name: 'anonymous' },
  { name: 'expired' },
  { name: 'tampered' },
  { name: 'memberA1', username: 'memberA1', role: 'MEMBER', org: 'branchA1' },
  { name: 'branchA1', username: 'branchA1', role: 'BRANCH_ADMIN', org: 'branchA1' },
  { name: 'committeeA', username: 'committeeA', role: 'COMMITTEE_ADMIN', org: 'committeeA' },
  { name: 'county', username: 'county', role: 'COUNTY_ADMIN', org: 'root' },
  { name: 'sysadmin', username: 'sysadmin', role: 'SYSTEM_ADMIN', org: 'root' },
];
export const caller = (name: Caller['name']) => CALLERS.find((c) => c.name === name)!;

/** A request an operation builder makes: a concrete path, and what goes with it. */
export interface ApiRequest {
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  headers?: Record<string, string>;
  attach?: { field: string; file: Buffer; filename: string };
  /** Send it on a session of its own (the request ends or replaces the caller's session). */
  ownSession?: boolean;
}

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface DocOperation {
  method: Method;
  /** As in the document: /api/transfers/{id} */
  path: string;
  key: string;
  permission: string;
  hasBody: boolean;
  /** The body is a multipart upload (a file), not JSON. */
  multipart: boolean;
  params: { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema?: Record<string, unknown> }[];
  bodySchema?: Record<string, unknown>;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { 'x-permission'?: string; parameters?: DocOperation['params']; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>>;
  components?: { schemas?: Record<string, Record<string, unknown>> };
}

/** Every operation of /api/docs-json, with its body schema resolved. */
export function operationsOf(doc: OpenApiDoc): DocOperation[] {
  const out: DocOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      const schema = content['application/json']?.schema ?? Object.values(content)[0]?.schema;
      out.push({
        method: method as Method,
        path,
        key: `${method.toUpperCase()} ${path}`,
        permission: op['x-permission'] ?? 'none',
        hasBody: !!op.requestBody,
        multipart: 'multipart/form-data' in content,
        params: op.parameters ?? [],
        bodySchema: schema ? resolveSchema(doc, schema) : undefined,
      });
    }
  }
  return out;
}

function resolveSchema(doc: OpenApiDoc, schema: Record<string, unknown>, depth = 0): Record<string, unknown> {
  if (depth > 8) return schema;
  const ref = schema.$ref as string | undefined;
  if (ref) return resolveSchema(doc, doc.components?.schemas?.[ref.split('/').at(-1)!] ?? {}, depth + 1);
  const out: Record<string, unknown> = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, Record<string, unknown>>).map(([k, v]) => [k, resolveSchema(doc, v, depth + 1)]));
  }
  if (schema.items) out.items = resolveSchema(doc, schema.items as Record<string, unknown>, depth + 1);
  if (Array.isArray(schema.allOf)) {
    const parts = (schema.allOf as Record<string, unknown>[]).map((p) => resolveSchema(doc, p, depth + 1));
    return parts.reduce((a, p) => ({ ...a, ...p, properties: { ...(a.properties as object), ...(p.properties as object) }, required: [...((a.required as string[]) ?? []), ...((p.required as string[]) ?? [])] }), out);
  }
  return out;
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const unb64 = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;

/** Signs a changed payload with the app's own key, keeping the header (so only what was changed can be wrong). */
export function resignToken(token: string, secret: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload] = token.split('.');
  const p = unb64(payload);
  change(p);
  const body = `${header}.${b64(JSON.stringify(p))}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** The payload altered (another user's id), the original signature kept. */
export function tamperToken(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const p = unb64(payload);
  change(p);
  return `${header}.${b64(JSON.stringify(p))}.${signature}`;
}

export interface Slot {
  start: string;
}

export interface TransferRef {
  id: number;
  version: number;
  state: string;
}

export class World {
  readonly orgs: Record<OrgKey, Organization>;
  private tokens = new Map<string, string>();
  expiredToken = '';
  tamperedToken = '';
  centre: Record<Side, number> = { A: 0, B: 0 };
  /** Shared resources for refused requests (they must not change them). */
  shared = {} as {
    transfer: Record<Side, TransferRef>;
    draft: Record<Side, TransferRef>;
    booking: Record<Side, number>;
    notification: Record<Side, number>;
    attempt: Record<Side, number>;
    assignment: Record<Side, number>;
    session: Record<Side, number>;
    letterToken: string;
    issued: Record<Side, TransferRef>;
  };
  study = {} as { article: number; video: number; quiz: number; quizKey: Map<number, string[]>; track: number; draftModule: number; question: number };
  private slots: Record<Side, Slot[]> = { A: [], B: [] };
  private importSeq = 0;
  private ownA1: TransferRef | null = null;
  /** An administrator with TOTP on (for the second login step), and one whose password has expired. */
  mfaUser = { username: 'scope-mfa', secret: '', recovery: [] as string[] };
  expiredUser = { username: 'scope-expired' };

  private constructor(readonly t: TestApp) {
    this.orgs = { ...t.county.orgs } as Record<OrgKey, Organization>;
  }

  get ds(): DataSource {
    return this.t.ds;
  }

  /** The suites run under the 等保 level-3 profile only so that an expired password exists to be changed. */
  static async create(env: Record<string, string> = {}): Promise<World> {
    const t = await startTestApp({ THROTTLE_VERIFY_PER_MINUTE: '1000000', THROTTLE_LOGIN_PER_MINUTE: '1000000', THROTTLE_REFRESH_PER_MINUTE: '1000000', SECURITY_PROFILE: 'mlps3', ...env });
    const w = new World(t);
    await w.init();
    return w;
  }

  close(): Promise<void> {
    return this.t.close();
  }

  // ── sessions ────────────────────────────────────────────────────────────

  async login(username: string, password = this.t.county.password): Promise<{ accessToken: string; refreshToken: string }> {
    const r = await this.t.http.post('/api/auth/login').send({ username, password });
    if (r.status !== 200 || !r.body.accessToken) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async token(username: string): Promise<string> {
    let tok = this.tokens.get(username);
    if (!tok) {
      tok = (await this.login(username)).accessToken;
      this.tokens.set(username, tok);
    }
    return tok;
  }

  forgetToken(username: string): void {
    this.tokens.delete(username);
  }

  async auth(username: string): Promise<{ Authorization: string }> {
    return { Authorization: `Bearer ${await this.token(username)}` };
  }

  /** The Authorization header a caller sends (none for anonymous). */
  async authorizationFor(c: Caller, ownSession = false): Promise<string | undefined> {
    if (c.name === 'anonymous') return undefined;
    if (c.name === 'expired') return `Bearer ${this.expiredToken}`;
    if (c.name === 'tampered') return `Bearer ${this.tamperedToken}`;
    return `Bearer ${ownSession ? (await this.login(c.username!)).accessToken : await this.token(c.username!)}`;
  }

  async send(method: Method, req: ApiRequest, authorization?: string): Promise<Response> {
    let r = this.t.http[method](req.path).timeout(30_000);
    if (req.query) r = r.query(req.query);
    if (authorization) r = r.set('Authorization', authorization);
    for (const [k, v] of Object.entries(req.headers ?? {})) r = r.set(k, v);
    if (req.attach) r = r.attach(req.attach.field, req.attach.file, req.attach.filename);
    else if (req.body !== undefined) r = r.send(req.body as object);
    return r;
  }

  /** A call that must succeed (set-up), returning the body. */
  async ok(method: Method, path: string, user: string, body?: unknown, query?: ApiRequest['query']): Promise<Record<string, any>> {
    const r = await this.send(method, { path, body, query }, `Bearer ${await this.token(user)}`);
    if (r.status < 200 || r.status > 299) throw new Error(`${method.toUpperCase()} ${path} as ${user}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  // ── who reaches what (from the shared role table and the fixture tree) ────

  path(org: OrgKey): string {
    return this.orgs[org].path;
  }

  /** The caller holds the permission over the organisation (as Actor.covers does); members hold no subtree. */
  covers(c: Caller, permission: Permission, org: OrgKey): boolean {
    if (!c.role || c.role === 'MEMBER' || !roleHas(c.role, permission)) return false;
    return this.path(org).startsWith(c.role === 'SYSTEM_ADMIN' ? '/' : this.path(c.org!));
  }

  can(c: Caller, permission: string): boolean {
    if (permission === 'public') return true;
    if (!c.role) return false;
    if (permission === 'authenticated') return true;
    return (PERMISSIONS as string[]).includes(permission) && roleHas(c.role, permission as Permission);
  }

  isAdmin(c: Caller): boolean {
    return !!c.role && ADMIN_ROLES.includes(c.role);
  }

  // ── set-up ──────────────────────────────────────────────────────────────

  private async init(): Promise<void> {
    const { t } = this;
    // Sessions for the fixture accounts, and the two broken tokens derived from the county's.
    const county = await this.token('county');
    const exp = Math.floor(Date.now() / 1000);
    this.expiredToken = resignToken(county, t.config.auth.jwtSecret, (p) => {
      p.iat = exp - 3600;
      p.exp = exp - 60;
    });
    this.tamperedToken = tamperToken(await this.token('memberA1'), (p) => (p.sub = String(t.county.users.county)));

    // A general branch under committee B, so that an organisation can move within either side.
    const generalB = await this.ok('post', '/api/organizations', 'county', {
      parentId: this.orgs.committeeB.id,
      level: 'GENERAL_BRANCH',
      code: 'T-generalB',
      name: '中共测试generalB总支部委员会',
      shortName: '测试generalB',
      type: 'RURAL',
      hasApprovalAuthority: false,
    });
    this.orgs.generalB = (await t.ds.getRepository(Organization).findOneByOrFail({ id: generalB.id })) as Organization;

    for (const side of SIDES) {
      const committee = side === 'A' ? 'committeeA' : 'committeeB';
      const c = await this.ok('post', '/api/service-centers', committee, {
        orgId: this.orgs[committee].id,
        name: `测试${side}党群服务中心`,
        weeklyHours: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['08:00', '20:00']]])),
        slotMinutes: 30,
        capacity: 5,
        horizonDays: 60,
        minNoticeMinutes: 0,
        cancelCutoffMinutes: 0,
        acceptsProxy: true,
      });
      this.centre[side] = c.id;
    }

    // Study: a published article (no minimum reading time), video and quiz, a published track, and an assignment
    // on each side (to branch A1 and branch B1).
    const article = await this.ok('post', '/api/study/catalog/modules', 'county', { kind: 'ARTICLE', title: '学习党章', need: 'RULES', classHours: 1, body: '<p>党章是党的根本大法。</p>', minReadSeconds: 0, published: true });
    const video = await this.ok('post', '/api/study/catalog/modules', 'county', { kind: 'VIDEO', title: '专题讲座', need: 'SKILLS', classHours: 1, videoUrl: '/media/study/v.mp4', durationSeconds: 600, published: true });
    const quiz = await this.ok('post', '/api/study/catalog/modules', 'county', {
      kind: 'QUIZ',
      title: '知识测试',
      need: 'INTEGRITY',
      classHours: 1,
      questionsPerAttempt: 2,
      passPercent: 50,
      attemptsAllowed: 20,
      timeLimitSeconds: 0,
      showAnswers: false,
    });
    const quizKey = new Map<number, string[]>();
    for (let i = 0; i < 3; i++) {
      const q = await this.ok('post', `/api/study/catalog/modules/${quiz.id}/questions`, 'county', { kind: 'TRUE_FALSE', stem: `判断题 ${i}`, answer: ['T'] });
      quizKey.set(q.id, ['T']);
    }
    await this.ok('patch', `/api/study/catalog/modules/${quiz.id}`, 'county', { published: true, version: quiz.version });
    const draftModule = await this.ok('post', '/api/study/catalog/modules', 'county', { kind: 'ARTICLE', title: '草稿', need: 'RULES', classHours: 1, body: '<p>草稿</p>', minReadSeconds: 0 });
    this.study = { article: article.id, video: video.id, quiz: quiz.id, quizKey, track: 0, draftModule: draftModule.id, question: [...quizKey.keys()][0] };
    this.study.track = await this.freshTrack();
    this.shared = {} as World['shared'];
    this.shared.assignment = {
      A: (await this.ok('post', '/api/study/assignments', 'committeeA', { trackId: this.study.track, orgId: this.orgs.branchA1.id, startsOn: today(), dueOn: inDays(60) })).id,
      B: (await this.ok('post', '/api/study/assignments', 'committeeB', { trackId: this.study.track, orgId: this.orgs.branchB1.id, startsOn: today(), dueOn: inDays(60) })).id,
    };
    this.shared.attempt = { A: await this.attempt('A'), B: await this.attempt('B') };

    // Transfers: on each side one further along (readable), a draft (for refused edits), and an issued letter.
    this.shared.transfer = { A: await this.sideTransfer('A', 'SUBMITTED'), B: await this.sideTransfer('B', 'SUBMITTED') };
    this.shared.draft = { A: await this.sideTransfer('A', 'DRAFT'), B: await this.sideTransfer('B', 'DRAFT') };
    this.shared.issued = { A: await this.sideTransfer('A', 'LETTER_ISSUED'), B: await this.sideTransfer('B', 'LETTER_ISSUED') };
    this.shared.letterToken = (await t.ds.query('SELECT token FROM letters WHERE transfer_id = ?', [this.shared.issued.A.id]))[0].token;

    this.shared.booking = { A: (await this.booking('A')).id, B: (await this.booking('B')).id };
    this.shared.notification = { A: await this.notification(t.county.users.memberA1), B: await this.notification(t.county.users.memberB1) };
    await this.login('memberB1');
    this.shared.session = { A: 0, B: Number((await t.ds.query('SELECT MAX(id) AS id FROM sessions WHERE user_id = ?', [t.county.users.memberB1]))[0].id) };

    // An administrator with TOTP on, and an account whose password is past the profile's maximum age.
    const db = t.app.get(Db);
    const hash = await t.app.get(PasswordService).hash(t.county.password);
    for (const username of [this.mfaUser.username, this.expiredUser.username]) {
      await db.tx(async (em) => {
        const old = new Date(Date.now() - 200 * 86400_000);
        const u = await em.save(User, { username, passwordHash: hash, displayName: username, memberId: null, failedLogins: 0, lockedUntil: null, disabled: false, passwordChangedAt: username === this.expiredUser.username ? old : new Date(), lastLoginAt: null, createdAt: new Date() });
        await em.insert(RoleAssignment, { userId: u.id, role: 'BRANCH_ADMIN', orgId: this.orgs.branchA2.id, createdAt: new Date() });
      });
    }
    await this.enrolMfaUser();
  }

  // ── fresh resources ─────────────────────────────────────────────────────

  branchOf(side: Side): OrgKey {
    return side === 'A' ? 'branchA1' : 'branchB1';
  }

  committeeOf(side: Side): OrgKey {
    return side === 'A' ? 'committeeA' : 'committeeB';
  }

  generalOf(side: Side): OrgKey {
    return side === 'A' ? 'generalA' : 'generalB';
  }

  memberOf(side: Side): number {
    return side === 'A' ? this.t.county.members.memberA1 : this.t.county.members.memberB1;
  }

  memberUserOf(side: Side): string {
    return side === 'A' ? 'memberA1' : 'memberB1';
  }

  /** A new member in the side's branch (no account), free to have a transfer of their own. */
  async poolMember(side: Side): Promise<number> {
    const [id] = await addMembers(this.t.app, this.orgs[this.branchOf(side)], 1);
    return id;
  }

  /** Takes a transfer of `memberId` (created by the county on their behalf, or by `creator`) to `state`. */
  async transferTo(state: string, create: () => Promise<Record<string, any>>): Promise<TransferRef> {
    let cur = await create();
    const step = async (action: string, extra: Record<string, unknown> = {}) => {
      cur = await this.ok('post', `/api/transfers/${cur.id}/actions`, 'county', { action, version: cur.version, ...extra });
    };
    const path = ['DRAFT', 'SUBMITTED', 'PRE_APPROVED', 'APPROVED', 'LETTER_ISSUED'];
    const target = path.indexOf(state);
    if (target < 0) throw new Error(`no route to ${state}`);
    if (target >= 1) await step('submit');
    if (target >= 2) await step('preApprove', { checklist: CHECKLIST });
    if (target >= 3) await step('approve');
    if (target >= 4) await step('issueLetter');
    return { id: cur.id, version: cur.version, state: cur.state };
  }

  async sideTransfer(side: Side, state: string): Promise<TransferRef> {
    const memberId = await this.poolMember(side);
    return this.transferTo(state, () => this.ok('post', '/api/transfers', 'county', { memberId, ...OUTSIDE.IN_PROVINCE }));
  }

  /**
   * A member who arrived from outside the county (registered from `inbound`, a body for POST /api/transfers/inbound)
   * and reported to this side's branch: the transfer is complete and its talk (谈话) is pending there. Only the
   * receiving side sees it.
   */
  async reportedTo(side: Side, inbound: Record<string, unknown>): Promise<TransferRef> {
    const destinationBranchId = this.orgs[this.branchOf(side)].id;
    let cur = await this.ok('post', '/api/transfers/inbound', 'county', inbound);
    for (const [action, extra] of [['accept', { destinationBranchId }], ['confirmReported']] as [string, Record<string, unknown>?][]) {
      cur = await this.ok('post', `/api/transfers/${cur.id}/actions`, 'county', { action, version: cur.version, ...extra });
    }
    return { id: cur.id, version: cur.version, state: cur.state };
  }

  /** memberA1's own transfer in a state: the open one when it is there already, else a new one (closing the old). */
  async ownTransfer(state: string | 'any', fresh = false): Promise<TransferRef> {
    if (this.ownA1 && !fresh && (state === 'any' || this.ownA1.state === state)) {
      const [row] = await this.ds.query('SELECT id, version, state FROM transfers WHERE id = ?', [this.ownA1.id]);
      if (row && (state === 'any' || row.state === state) && !['WITHDRAWN', 'COMPLETED', 'REJECTED'].includes(row.state)) {
        return (this.ownA1 = { id: Number(row.id), version: Number(row.version), state: row.state });
      }
    }
    await this.closeOwnTransfer();
    this.ownA1 = await this.transferTo(state === 'any' ? 'DRAFT' : state, () => this.ok('post', '/api/transfers', 'memberA1', { ...OUTSIDE.IN_PROVINCE }));
    return this.ownA1;
  }

  async closeOwnTransfer(): Promise<void> {
    const rows = await this.ds.query('SELECT id, version, state FROM transfers WHERE open_member_id = ?', [this.t.county.members.memberA1]);
    for (const r of rows) {
      if (r.state === 'DRAFT') await this.ok('delete', `/api/transfers/${r.id}`, 'county');
      else if (r.state === 'LETTER_ISSUED') throw new Error('memberA1 holds an issued letter: operations that need one run last');
      else await this.ok('post', `/api/transfers/${r.id}/actions`, 'county', { action: 'withdraw', version: Number(r.version), comment: '测试撤回' });
    }
    this.ownA1 = null;
  }

  async freshTrack(): Promise<number> {
    const r = await this.ok('post', '/api/study/tracks', 'county', {
      title: `学习清单 ${randomBytes(3).toString('hex')}`,
      year: Number(today().slice(0, 4)),
      audience: { orgTypes: [], groups: [], needs: [] },
      modules: [{ moduleId: this.study.article, required: true }],
      published: true,
    });
    return r.id;
  }

  async freshAssignment(side: Side): Promise<number> {
    const trackId = await this.freshTrack();
    return (await this.ok('post', '/api/study/assignments', 'county', { trackId, orgId: this.orgs[this.branchOf(side)].id, startsOn: today(), dueOn: inDays(60) })).id;
  }

  /** The open quiz attempt of the side's member (memberA1 or memberB1), drawing one if none is open. */
  async attempt(side: Side): Promise<number> {
    return (await this.ok('post', `/api/study/modules/${this.study.quiz}/attempts`, this.memberUserOf(side))).attempt.id;
  }

  async answersFor(attemptId: number): Promise<{ questionId: number; selected: string[] }[]> {
    const [row] = await this.ds.query('SELECT question_ids FROM quiz_attempts WHERE id = ?', [attemptId]);
    const ids = (JSON.parse(row.question_ids) as (number | { id: number })[]).map((q) => (typeof q === 'number' ? q : q.id));
    return ids.map((questionId) => ({ questionId, selected: ['T'] }));
  }

  /**
   * The next free slot at the side's centre: one a day, from tomorrow (a member holds one visit a day at a centre, and
   * bookings moved to today or the past stay on today), each used once, so one member never double-books.
   */
  async nextSlot(side: Side): Promise<string> {
    if (!this.slots[side].length) {
      // The centre's sixty days, in the two stretches of at most 31 the availability gives at a time.
      const stretch = async (from: number, to: number) =>
        (await this.ok('get', `/api/service-centers/${this.centre[side]}/availability`, 'memberA1', undefined, { from: inDays(from), to: inDays(to) })) as unknown as { slots: { start: string; free: number }[] }[];
      const days = [...(await stretch(1, 30)), ...(await stretch(31, 59))];
      const taken = new Set(((await this.ds.query('SELECT start_at FROM bookings')) as { start_at: unknown }[]).map((r) => new Date(String(r.start_at instanceof Date ? r.start_at.toISOString() : String(r.start_at).replace(' ', 'T') + (String(r.start_at).endsWith('Z') ? '' : 'Z'))).getTime()));
      this.slots[side] = days
        .flatMap((d) => d.slots.filter((s) => s.free > 0 && !taken.has(new Date(s.start).getTime())).slice(0, 1))
        .map((s) => ({ start: s.start }));
      // Both sides' members take slots at the same times on different centres: interleave them apart.
      if (side === 'B') this.slots[side].reverse();
    }
    const s = this.slots[side].shift();
    if (!s) throw new Error(`no free slot left at centre ${side}`);
    return s.start;
  }

  /** A booking of the side's member (memberA1 at centre A, memberB1 at centre B). */
  async booking(side: Side, when: 'future' | 'today' | 'past' = 'future'): Promise<{ id: number; version: number; code: string }> {
    const b = await this.ok('post', '/api/bookings', this.memberUserOf(side), { serviceCenterId: this.centre[side], start: await this.nextSlot(side), purpose: 'CONSULTATION' });
    if (when !== 'future') {
      // Moved in the database rather than waited for: check-in is on the day, a no-show after the time.
      const start = when === 'today' ? new Date(Date.now() - 60_000) : new Date(Date.now() - 3 * 3600_000);
      await this.ds.query('UPDATE bookings SET start_at = ?, end_at = ? WHERE id = ?', [start, new Date(start.getTime() + 30 * 60_000), b.id]);
    }
    const [row] = await this.ds.query('SELECT version, check_in_code FROM bookings WHERE id = ?', [b.id]);
    return { id: b.id, version: Number(row.version), code: row.check_in_code };
  }

  async notification(userId: number): Promise<number> {
    const db = this.t.app.get(Db);
    await db.tx((em) => this.t.app.get(NotificationsService).notify(em, [userId], { kind: 'test', title: '测试通知', body: '内容', link: '/m' }));
    return Number((await this.ds.query('SELECT MAX(id) AS id FROM notifications WHERE user_id = ?', [userId]))[0].id);
  }

  async userId(username: string): Promise<number> {
    return Number((await this.ds.query('SELECT id FROM users WHERE username = ?', [username]))[0].id);
  }

  /** A second session of the user (to end), returning its id. */
  async otherSession(username: string): Promise<number> {
    await this.login(username);
    return Number((await this.ds.query('SELECT MAX(id) AS id FROM sessions WHERE user_id = ?', [await this.userId(username)]))[0].id);
  }

  freshIdNumber(): { idNumber: string; birthDate: string; sex: 'M' | 'F' } {
    return { idNumber: fakeIdNumber('1990-05-06', 'M'), birthDate: '1990-05-06', sex: 'M' };
  }

  freshPhone(): string {
    return fakePhone();
  }

  nextImportIndex(): number {
    return 5000 + ++this.importSeq;
  }

  /** Turns TOTP off for an account, straight in the database (undoing a TOTP request that succeeded). */
  async dropTotp(username: string): Promise<void> {
    const id = await this.userId(username);
    await this.ds.query('DELETE FROM recovery_codes WHERE user_id = ?', [id]);
    await this.ds.query('DELETE FROM user_totp WHERE user_id = ?', [id]);
  }

  /** Enrols TOTP for an account over the API; returns the secret. */
  async enrolTotp(username: string): Promise<{ secret: string; recovery: string[] }> {
    const auth = await this.auth(username);
    const setup = await this.send('post', { path: '/api/auth/mfa/totp/setup' }, auth.Authorization);
    if (setup.status !== 200) throw new Error(`TOTP setup for ${username}: ${setup.status} ${JSON.stringify(setup.body)}`);
    const confirmed = await this.send('post', { path: '/api/auth/mfa/totp/confirm', body: { code: totpCode(setup.body.secret) } }, auth.Authorization);
    if (confirmed.status !== 200) throw new Error(`TOTP confirm for ${username}: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
    return { secret: setup.body.secret, recovery: confirmed.body.recoveryCodes };
  }

  private async enrolMfaUser(): Promise<void> {
    await this.dropTotp(this.mfaUser.username);
    this.forgetToken(this.mfaUser.username);
    const { secret, recovery } = await this.enrolTotp(this.mfaUser.username);
    this.mfaUser.secret = secret;
    this.mfaUser.recovery = recovery;
  }

  /** The first login step of the TOTP account, and a recovery code for the second. */
  async mfaChallenge(): Promise<{ mfaToken: string; recoveryCode: string }> {
    if (!this.mfaUser.recovery.length) await this.enrolMfaUser();
    const r = await this.t.http.post('/api/auth/login').send({ username: this.mfaUser.username, password: this.t.county.password });
    if (r.status !== 200 || !r.body.mfaToken) throw new Error(`MFA login step: ${r.status} ${JSON.stringify(r.body)}`);
    return { mfaToken: r.body.mfaToken, recoveryCode: this.mfaUser.recovery.shift()! };
  }

  /** The change token of the account whose password has expired (its password put back first). */
  async expiredChallenge(): Promise<string> {
    const hash = await this.t.app.get(PasswordService).hash(this.t.county.password);
    await this.ds.query('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE username = ?', [hash, new Date(Date.now() - 200 * 86400_000), this.expiredUser.username]);
    const r = await this.t.http.post('/api/auth/login').send({ username: this.expiredUser.username, password: this.t.county.password });
    const changeToken = r.body?.details?.changeToken;
    if (r.status !== 403 || !changeToken) throw new Error(`expired-password login: ${r.status} ${JSON.stringify(r.body)}`);
    return changeToken;
  }

  /** Puts a fixture account's password back after a request changed it, and forgets its (now ended) session. */
  async restorePassword(username: string): Promise<void> {
    const hash = await this.t.app.get(PasswordService).hash(this.t.county.password);
    await this.ds.query('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE username = ?', [hash, new Date(), username]);
    this.forgetToken(username);
  }

  /** A password the 等保 profile accepts, never used before. */
  newPassword(): string {
    return `Nq7-${randomBytes(6).toString('hex')}-Zx`;
  }
}

// ── the database must not change under refused requests ─────────────────────

/** A digest of every table's rows (and their count), to show that refused requests changed nothing. */
export async function databaseFingerprint(ds: DataSource, skip: string[] = []): Promise<Record<string, string>> {
  const sqlite = ds.options.type === 'better-sqlite3';
  const tables: { name: string }[] = sqlite
    ? await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    : await ds.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (skip.includes(name) || name === 'migrations') continue;
    const rows = await ds.query(`SELECT * FROM ${sqlite ? `"${name}"` : `\`${name}\``}`);
    const text = JSON.stringify(rows.map((r: Record<string, unknown>) => Object.values(r).map((v) => (v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('hex') : v))).map((r: unknown[]) => JSON.stringify(r)).sort());
    out[name] = `${rows.length}:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
  }
  return out;
}

export const ERROR_KEYS = ['statusCode', 'code', 'message', 'details'];

/** The one error shape, with nothing beside it. */
export function isErrorShape(body: unknown, status: number): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  return (
    b.statusCode === status &&
    typeof b.code === 'string' &&
    /^[A-Z][A-Z0-9_]+$/.test(b.code) &&
    typeof b.message === 'string' &&
    b.message.length > 0 &&
    Object.keys(b).every((k) => ERROR_KEYS.includes(k)) &&
    !/\bat .+\.(ts|js):\d+/.test(JSON.stringify(b))
  );
}
