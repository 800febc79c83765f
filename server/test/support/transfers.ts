import { expect } from 'vitest';
import type { Response } from 'supertest';
import { tableCounts, type TestApp } from './test-app';

/** Every pre-review item confirmed. */
export const CHECKLIST = {
  identityVerified: true,
  duesPaid: true,
  goodStanding: true,
  destinationExact: true,
  probationHandled: true,
  materialsComplete: true,
};

/** What a transfer step may write: a refused request must leave every one of these as it was. */
export const TRANSFER_TABLES = ['transfers', 'transfer_events', 'transfer_org_states', 'transfer_org_completions', 'letters', 'letter_sequences', 'audit_log', 'members', 'member_org_history', 'notifications'];

/** Complete applications for each outgoing channel (in-county needs a destination organisation id). */
export const OUTSIDE = {
  IN_PROVINCE: { channel: 'IN_PROVINCE', destinationName: '中共南京市玄武区梅园新村街道工作委员会', destinationRegion: '江苏省南京市', reason: 'JOB_CHANGE' },
  CROSS_PROVINCE: {
    channel: 'CROSS_PROVINCE',
    destinationName: '中共上海市浦东新区陆家嘴街道工作委员会',
    destinationRegion: '上海市浦东新区',
    destinationAddressee: '中共上海市浦东新区委员会组织部',
    reason: 'RESIDENCE',
  },
  OUT_OF_SYSTEM: { channel: 'OUT_OF_SYSTEM', destinationName: '中国人民解放军某部队政治工作部', reason: 'OTHER', reasonDetail: '应征入伍' },
} as const;

export interface TransferBody {
  id: number;
  state: string;
  version: number;
  [k: string]: unknown;
}

/** Transfer calls over HTTP, reading the current version as the county (who sees every transfer) unless told. */
export class TransferClient {
  constructor(private readonly t: TestApp) {}

  async get(user: string, id: number): Promise<TransferBody> {
    const r = await this.t.http.get(`/api/transfers/${id}`).set(await this.t.as(user));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  }

  async version(id: number): Promise<number> {
    return (await this.get('county', id)).version;
  }

  async create(user: string, body: Record<string, unknown>): Promise<TransferBody> {
    const r = await this.t.http.post('/api/transfers').set(await this.t.as(user)).send(body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  /** Performs an action with the current version (unless one is given); returns the raw response. */
  async act(user: string, id: number, action: string, extra: Record<string, unknown> = {}): Promise<Response> {
    const version = extra.version ?? (await this.version(id));
    return this.t.http
      .post(`/api/transfers/${id}/actions`)
      .set(await this.t.as(user))
      .send({ action, ...extra, version });
  }

  /** Performs an action that must succeed and land in `state`. */
  async step(user: string, id: number, action: string, state: string, extra: Record<string, unknown> = {}): Promise<TransferBody> {
    const r = await this.act(user, id, action, extra);
    expect(r.status, `${user} ${action}: ${JSON.stringify(r.body)}`).toBe(200);
    expect(r.body.state).toBe(state);
    return r.body;
  }

  /** Draft and submit (as the member), pre-approve (as the branch admin): the transfer waits on its committee. */
  async submitted(member: string, body: Record<string, unknown>): Promise<TransferBody> {
    const d = await this.create(member, body);
    return this.step(member, d.id, 'submit', 'SUBMITTED');
  }

  async preApproved(member: string, body: Record<string, unknown>, branchAdmin = 'branchA1'): Promise<TransferBody> {
    const s = await this.submitted(member, body);
    return this.step(branchAdmin, s.id, 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
  }

  async approved(member: string, body: Record<string, unknown>, branchAdmin = 'branchA1', committee = 'committeeA'): Promise<TransferBody> {
    const p = await this.preApproved(member, body, branchAdmin);
    return this.step(committee, p.id, 'approve', 'APPROVED');
  }

  async issued(member: string, body: Record<string, unknown>, branchAdmin = 'branchA1', committee = 'committeeA'): Promise<TransferBody> {
    const a = await this.approved(member, body, branchAdmin, committee);
    return this.step(committee, a.id, 'issueLetter', 'LETTER_ISSUED');
  }
}

/** Runs a request that must be refused, and checks it changed nothing in the transfer tables. */
export async function refusedWithoutChange(t: TestApp, send: () => Promise<Response>, status: number, code: string): Promise<Response> {
  const before = await tableCounts(t.ds, TRANSFER_TABLES);
  const transfersBefore = await t.ds.query('SELECT id, state, version, updated_at FROM transfers ORDER BY id');
  const membersBefore = await t.ds.query('SELECT id, status, org_id, version FROM members ORDER BY id');
  const res = await send();
  expect({ status: res.status, code: res.body?.code }, JSON.stringify(res.body)).toEqual({ status, code });
  expect(await tableCounts(t.ds, TRANSFER_TABLES)).toEqual(before);
  expect(await t.ds.query('SELECT id, state, version, updated_at FROM transfers ORDER BY id')).toEqual(transfersBefore);
  expect(await t.ds.query('SELECT id, status, org_id, version FROM members ORDER BY id')).toEqual(membersBefore);
  return res;
}

/** The events of a transfer, straight from the database. */
export async function eventRows(t: TestApp, transferId: number) {
  const rows: {
    id: number;
    action: string;
    from_state: string | null;
    to_state: string;
    actor_user_id: number | null;
    actor_role: string | null;
    actor_org_id: number | null;
    comment: string | null;
    detail: string | null;
  }[] = await t.ds.query(
    'SELECT id, action, from_state, to_state, actor_user_id, actor_role, actor_org_id, comment, detail FROM transfer_events WHERE transfer_id = ? ORDER BY id',
    [transferId],
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    actor_user_id: r.actor_user_id === null ? null : Number(r.actor_user_id),
    actor_org_id: r.actor_org_id === null ? null : Number(r.actor_org_id),
  }));
}

export async function memberRow(t: TestApp, id: number): Promise<{ status: string; org_id: number; org_path: string }> {
  const [r] = await t.ds.query('SELECT status, org_id, org_path FROM members WHERE id = ?', [id]);
  return { status: r.status, org_id: Number(r.org_id), org_path: r.org_path };
}

/** Subtree member counts as the organisation page shows them. */
export async function memberCounts(t: TestApp, orgIds: number[]): Promise<number[]> {
  const out: number[] = [];
  for (const id of orgIds) {
    const r = await t.http.get(`/api/organizations/${id}`).set(await t.as('county'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    out.push(r.body.memberCount);
  }
  return out;
}
