import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'supertest';
import { OPERATIONS, type OperationCase } from './support/api-operations';
import { CALLERS, SIDES, World, databaseFingerprint, isErrorShape, operationsOf, resignToken, type ApiRequest, type Caller, type DocOperation, type Side } from './support/api-world';

/**
 * Scope isolation, proven on every operation of the API description (issue #7). For each operation of
 * /api/docs-json, each caller — no token, an expired token, a tampered token, memberA1, branchA1, committeeA, the
 * county and the system administrator — calls it against a resource on side A (committee A, branch A1, memberA1)
 * and one on side B (committee B, branch B1, memberB1). The answer must follow the shared role table:
 *
 *   no, expired or tampered token      → 401 (unless the operation is public)
 *   the role lacks the x-permission    → 403 FORBIDDEN
 *   the resource is outside its scope  → 404 NOT_FOUND, exactly { statusCode, code, message } and the same body as
 *                                        for an id that does not exist — nothing leaked
 *   inside its scope                   → success (2xx)
 *
 * "Inside" is the side the caller's role reaches (OperationCase.reach). The county and the system administrator hold
 * the whole county (the root of a one-county deployment), so for them both sides are inside: there is no
 * organisation outside their scope to test against. An operation acting on the caller's own account (sessions,
 * notifications list, "my" views) has no foreign side: the same request is made on both.
 *
 * A write whose business rules refuse an in-scope caller may answer 400/409 with a stable code, but only where the
 * operation's entry names that code for that caller (OperationCase.refusals): never 401, 403 or 404. Refused requests
 * are sent first, in a batch, and for writes the whole database must be unchanged after them (a digest of every
 * table). Every success gets a fresh resource, so that no success depends on another's.
 *
 * An operation in the document without an entry in support/api-operations.ts fails the suite: new endpoints must
 * be added there.
 */

type Expected = { kind: 'success' } | { kind: 'status'; status: number; code: string | string[]; exact?: boolean };

const GHOST_ID = 2147480000;

function expectation(w: World, op: DocOperation, c: OperationCase, who: Caller, side: Side): Expected {
  if (op.permission === 'public') return { kind: 'success' };
  if (!who.role) return { kind: 'status', status: 401, code: who.name === 'expired' ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED' };
  if (!w.can(who, op.permission)) return { kind: 'status', status: 403, code: 'FORBIDDEN' };
  if (c.adminsOnly && !w.isAdmin(who)) return { kind: 'status', status: 403, code: 'FORBIDDEN' };
  if (!c.reach(w, who, side)) return c.outside ? { kind: 'status', ...c.outside } : { kind: 'status', status: 404, code: 'NOT_FOUND', exact: true };
  return { kind: 'success' };
}

const describeRes = (res: Response) => `${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;

describe('scope isolation on every operation of the API', () => {
  let w: World;
  let ops: DocOperation[] = [];
  const tally = { operations: 0, calls: 0, success: 0, 401: 0, 403: 0, 404: 0, other: 0 };
  const started = Date.now();

  beforeAll(async () => {
    w = await World.create();
    ops = operationsOf((await w.t.http.get('/api/docs-json').expect(200)).body);
  }, 600_000);

  afterAll(async () => {
    // The matrix size covered, for the run's log.
    console.log(
      `scope isolation: ${tally.operations} operations × ${CALLERS.length} callers × ${SIDES.length} sides = ${tally.calls} calls ` +
        `(success ${tally.success}, 401 ${tally[401]}, 403 ${tally[403]}, 404 ${tally[404]}, other documented ${tally.other}) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    await w?.close();
  });

  it('every operation of the document has a request builder, and every builder an operation', () => {
    const missing = ops.filter((o) => !OPERATIONS[o.key]).map((o) => o.key);
    expect(missing, `operations without a request builder — add them to server/test/support/api-operations.ts:\n${missing.join('\n')}`).toEqual([]);
    const stale = Object.keys(OPERATIONS).filter((k) => !ops.some((o) => o.key === k));
    expect(stale, `builders for operations no longer in /api/docs-json — remove them:\n${stale.join('\n')}`).toEqual([]);
    expect(ops.length).toBeGreaterThan(90);
  });

  it('the expired and tampered tokens differ from a working one only in what was broken', async () => {
    const county = await w.token('county');
    // The same re-signing with a future expiry is accepted: the expired token is refused for its expiry alone.
    const renewed = resignToken(county, w.t.config.auth.jwtSecret, (p) => (p.exp = Math.floor(Date.now() / 1000) + 600));
    expect((await w.t.http.get('/api/me').set('Authorization', `Bearer ${renewed}`)).status).toBe(200);
    const expired = await w.t.http.get('/api/me').set('Authorization', `Bearer ${w.expiredToken}`);
    expect({ status: expired.status, code: expired.body.code }).toEqual({ status: 401, code: 'TOKEN_EXPIRED' });
    const tampered = await w.t.http.get('/api/me').set('Authorization', `Bearer ${w.tamperedToken}`);
    expect({ status: tampered.status, code: tampered.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  const keys = Object.keys(OPERATIONS).sort((a, b) => Number(!!OPERATIONS[a].last) - Number(!!OPERATIONS[b].last));
  for (const key of keys) {
    it(key, async () => {
      const op = ops.find((o) => o.key === key);
      expect(op, `${key} is no longer in /api/docs-json`).toBeDefined();
      const c = OPERATIONS[key];
      const problems: string[] = [];
      const plan = CALLERS.flatMap((who) => SIDES.map((side) => ({ who, side, expected: expectation(w, op!, c, who, side) })));

      // Refusals first, together: a write refused must leave every table as it was.
      const refused = [];
      for (const p of plan.filter((x) => x.expected.kind !== 'success')) {
        const req = await c.build(w, p.who, p.side, false);
        refused.push({ ...p, req, authorization: await w.authorizationFor(p.who, req.ownSession) });
      }
      const before = op!.method !== 'get' && refused.length ? await databaseFingerprint(w.ds) : null;
      for (const p of refused) {
        const res = await w.send(op!.method, p.req, p.authorization);
        const e = p.expected as Extract<Expected, { kind: 'status' }>;
        const codes = Array.isArray(e.code) ? e.code : [e.code];
        let ok = res.status === e.status && isErrorShape(res.body, e.status) && codes.includes(res.body.code);
        if (ok && e.exact) {
          // Outside scope looks exactly like nothing at all: the bare shape, and the body an unknown id gets.
          ok = Object.keys(res.body).sort().join() === 'code,message,statusCode' && / not found$/.test(res.body.message);
          const unknown = ghost(op!, c, p.req);
          if (ok && unknown) {
            const g = await w.send(op!.method, unknown, p.authorization);
            if (JSON.stringify(g.body) !== JSON.stringify(res.body)) problems.push(`${p.who.name}/${p.side}: outside scope ${JSON.stringify(res.body)} differs from an unknown id ${describeRes(g)}`);
          }
        }
        if (e.status === 401 || e.status === 403 || (e.status === 404 && !c.outside)) tally[e.status]++;
        else tally.other++;
        if (!ok) problems.push(`${p.who.name}/${p.side}: expected ${e.status} ${codes.join('|')}, got ${describeRes(res)}`);
      }
      if (before) {
        const after = await databaseFingerprint(w.ds);
        const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
        if (changed.length) problems.push(`refused requests changed tables: ${changed.join(', ')}`);
      }

      // Then each success, on a resource of its own.
      for (const p of plan.filter((x) => x.expected.kind === 'success')) {
        const req = await c.build(w, p.who, p.side, true);
        const res = await w.send(op!.method, req, await w.authorizationFor(p.who, req.ownSession));
        const refusal = res.status >= 400 && res.status < 500 && ![401, 403, 404].includes(res.status) && isErrorShape(res.body, res.status) && (c.refusals?.(p.who) ?? []).includes(res.body.code);
        if (res.status >= 200 && res.status < 300) {
          tally.success++;
          await c.after?.(w, p.who, res);
        } else if (refusal) {
          tally.other++;
        } else {
          problems.push(`${p.who.name}/${p.side}: expected success, got ${describeRes(res)}`);
        }
      }
      tally.operations++;
      tally.calls += plan.length;
      expect(problems, `${key}:\n${problems.join('\n')}`).toEqual([]);
    });
  }
});

const REFERENCES = ['orgId', 'parentId', 'destinationOrgId', 'memberId', 'serviceCenterId'];

/** The same request naming, where the side's resource was named, an id that does not exist. */
function ghost(op: DocOperation, c: OperationCase, req: ApiRequest): ApiRequest | null {
  const where = c.ghost ?? (op.path.includes('{id}') ? { in: 'path' as const, name: 'id' } : req.query?.orgId !== undefined ? { in: 'query' as const, name: 'orgId' } : null);
  if (where?.in === 'path') {
    const at = op.path.split('/').indexOf(`{${where.name}}`);
    const parts = req.path.split('/');
    parts[at] = String(GHOST_ID);
    return { ...req, path: parts.join('/') };
  }
  if (where?.in === 'query') return { ...req, query: { ...req.query, [where.name]: GHOST_ID } };
  const body = req.body as Record<string, unknown> | undefined;
  const name = where?.name ?? REFERENCES.find((k) => body && typeof body[k] === 'number');
  return name && body ? { ...req, body: { ...body, [name]: GHOST_ID } } : null;
}
