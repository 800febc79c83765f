import { expect } from 'vitest';
import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

/** Asserts the one error shape (architecture.md §6) with a given status and code. */
export function expectError(res: Response, status: number, code: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { statusCode: status, code, message: expect.any(String) } });
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/); // never a stack trace
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
  body: Record<string, unknown>;
}

/** A fresh login (its own session), unlike TestApp.as which caches one token per account. */
export async function login(t: TestApp, username: string, password = t.county.password): Promise<Session> {
  const res = await t.http.post('/api/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { accessToken: res.body.accessToken, refreshToken: res.body.refreshToken, auth: { Authorization: `Bearer ${res.body.accessToken}` }, body: res.body };
}

export interface AuditRow {
  id: number;
  action: string;
  actor_user_id: number | null;
  actor_role: string | null;
  actor_org_id: number | null;
  target_type: string;
  target_id: string | null;
  ip: string;
  detail: string | null;
}

/** Audit rows written after a given id, oldest first. */
export async function auditSince(ds: DataSource, afterId: number, opts: { reads?: boolean } = {}): Promise<AuditRow[]> {
  const rows: AuditRow[] = await ds.query(
    `SELECT id, action, actor_user_id, actor_role, actor_org_id, target_type, target_id, ip, detail FROM audit_log WHERE id > ?${opts.reads ? '' : ` AND ${CHANGES_ONLY}`} ORDER BY id`,
    [afterId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), actor_user_id: r.actor_user_id === null ? null : Number(r.actor_user_id), actor_org_id: r.actor_org_id === null ? null : Number(r.actor_org_id) }));
}

/**
 * The audit records of changes: not of records opened (member.read, transfer.read), nor of what a refused import
 * told its importer (member.importRefused) — what most specs follow. A spec about those asks for them
 * (`auditSince(…, { reads: true })`).
 */
export const CHANGES_ONLY = "action NOT IN ('member.read', 'transfer.read', 'member.importRefused')";

export async function lastAuditId(ds: DataSource): Promise<number> {
  return Number((await ds.query('SELECT COALESCE(MAX(id), 0) AS n FROM audit_log'))[0].n);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
