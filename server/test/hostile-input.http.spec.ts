import fc from 'fast-check';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from './support/api-operations';
import { caller, databaseFingerprint, isErrorShape, operationsOf, World, type ApiRequest, type Caller, type DocOperation } from './support/api-world';

/**
 * Hostile input on every operation of the API description (issue #7). For each operation of /api/docs-json, sent as
 * the county administrator (full scope: validation is reached) and as a member, fast-check generates:
 *
 *  - malformed requests — wrong types, missing required and unknown extra fields (`__proto__`, `constructor`…),
 *    strings and arrays beyond any limit, deep nesting, bodies that are not objects or not JSON, path and query
 *    parameters that are not what they claim, an Idempotency-Key that is not one. Each must be refused with a 4xx in
 *    the error shape { statusCode, code, message, details? } — never a 5xx, never a hang — and after the operation's
 *    malformed requests every table of the database is exactly as before (a digest of all rows).
 *  - hostile values that may well be valid — SQL and script metacharacters, RTL and zero-width marks, emoji, NUL,
 *    lone surrogates, null for optional fields, extreme numbers — in every string, number and optional field: the
 *    answer may be a success or a 4xx in the error shape, never a 5xx; a refused one changes nothing.
 *  - a body over the size limit: 413 in the error shape.
 *
 * Runs are bounded and reproducible: HOSTILE_RUNS cases per operation and kind (default 15), seed HOSTILE_SEED
 * (default below; fast-check prints the seed and the shrunk counter-example on failure).
 */

const SEED = Number(process.env.HOSTILE_SEED ?? 20_261_107);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 15);
const TIMEOUT_MS = 10_000;

/** Strings an attacker (or an unlucky copy-paste) sends. */
const HOSTILE_STRINGS = [
  "' OR '1'='1' --",
  '"; DROP TABLE members; --',
  '1; SELECT SLEEP(5)',
  "%' AND 1=1 AND '%'='",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '\u202Eevil\u202C',
  '\u200B\u200D\uFEFF',
  '👨‍👩‍👧‍👦🇨🇳',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  'e\u0301\u0301\u0301',
  '\u2028\u2029',
  '\\',
  '%00%0d%0a',
  '   ',
];

const WEIRD_KEYS = ['__proto__', 'constructor', 'prototype', 'isAdmin', 'role', '$where', 'a.b', '', '\u0000', '😀', 'toString', 'hasOwnProperty', 'valueOf'];

const deepJson = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const deepArrayJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

type Schema = { type?: string; enum?: unknown[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; nullable?: boolean; allOf?: Schema[] };

/** A request as the generator sends it: the body as raw JSON text (so that `__proto__` stays an own key). */
interface Hostile {
  label: string;
  path?: string;
  /** Pairs for the query string, sent exactly (a key like `__proto__` included). */
  query?: [string, string][];
  bodyText?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

function typeOf(schema: Schema | undefined, value: unknown): string {
  if (value !== undefined && value !== null) return Array.isArray(value) ? 'array' : typeof value;
  if (schema?.enum) return 'string';
  if (schema?.type) return schema.type === 'integer' ? 'number' : schema.type;
  if (schema?.allOf || schema?.properties) return 'object';
  return 'unknown';
}

const pairs = (q: ApiRequest['query']): [string, string][] => Object.entries(q ?? {}).map(([k, v]) => [k, String(v)]);

/** Percent-encodes a path segment; a lone surrogate (which has no UTF-8) goes as the bytes a careless client sends. */
const segment = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

/** JSON texts of a type the field cannot have. */
function wrongTypeValues(type: string): string[] {
  const all: Record<string, string> = { string: '"12"', number: '12', boolean: 'true', array: '["x"]', object: '{"x":1}' };
  return Object.entries(all)
    .filter(([t]) => t !== type && !(type === 'unknown' && t === 'object'))
    .map(([, v]) => v);
}

/** The body with one field's JSON text replaced (or added, or removed when `text` is undefined). */
function withField(body: Record<string, unknown>, field: string, text: string | undefined): string {
  const rest = Object.fromEntries(Object.entries(body).filter(([k]) => k !== field));
  const base = JSON.stringify(rest);
  if (text === undefined) return base;
  const pair = `${JSON.stringify(field)}:${text}`;
  return base === '{}' ? `{${pair}}` : `{${pair},${base.slice(1)}`;
}

/** Malformed requests for an operation, every one of which must be refused. */
function malformed(op: DocOperation, base: ApiRequest): fc.Arbitrary<Hostile> {
  const arbs: fc.Arbitrary<Hostile>[] = [];
  const body = (base.body ?? {}) as Record<string, unknown>;
  const schema = (op.bodySchema ?? {}) as Schema;
  const props = schema.properties ?? {};
  const fields = [...new Set([...Object.keys(props), ...Object.keys(body)])];
  const json = !!op.bodySchema && !base.attach;

  if (json) {
    // Unknown fields, with any value (prototype pollution among them).
    arbs.push(
      fc
        .record({
          key: fc.oneof(fc.constantFrom(...WEIRD_KEYS), fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in props))),
          value: fc.oneof(fc.json({ maxDepth: 3 }), fc.constant('{"isAdmin":true,"polluted":1}'), fc.integer({ min: 50, max: 3000 }).map(deepJson)),
        })
        .map(({ key, value }) => ({ label: `extra field ${JSON.stringify(key)}`, bodyText: withField(body, key, value) })),
    );
    if (fields.length) {
      // A field of a type it cannot have.
      arbs.push(
        fc
          .constantFrom(...fields)
          .chain((f) => fc.constantFrom(...wrongTypeValues(typeOf(props[f], body[f]))).map((v) => ({ f, v })))
          .map(({ f, v }) => ({ label: `${f} as ${v}`, bodyText: withField(body, f, v) })),
      );
      // A string beyond any limit (the largest text field, an article body, takes 20,000 characters).
      const strings = fields.filter((f) => typeOf(props[f], body[f]) === 'string');
      if (strings.length) {
        arbs.push(
          fc
            .record({ f: fc.constantFrom(...strings), n: fc.integer({ min: 20_001, max: 200_000 }), ch: fc.constantFrom('x', '汉', '😀') })
            .map(({ f, n, ch }) => ({ label: `${f}: ${n} × ${ch}`, bodyText: withField(body, f, JSON.stringify(ch.repeat(Math.floor(n / ch.length)))) })),
        );
      }
      // An array far beyond any limit, or nesting far beyond any structure.
      arbs.push(
        fc
          .record({ f: fc.constantFrom(...fields), n: fc.integer({ min: 1_001, max: 20_000 }), kind: fc.constantFrom('array', 'deep', 'deepArray') })
          .map(({ f, n, kind }) => ({
            label: `${f}: ${kind} ${n}`,
            bodyText: withField(body, f, kind === 'array' ? JSON.stringify(Array(n).fill(Array.isArray(body[f]) ? ((body[f] as unknown[])[0] ?? 1) : 1)) : kind === 'deep' ? deepJson(n) : deepArrayJson(n)),
          })),
      );
      // A value outside its enumeration.
      const enums = fields.filter((f) => props[f]?.enum);
      if (enums.length) {
        arbs.push(fc.record({ f: fc.constantFrom(...enums), v: fc.constantFrom(...HOSTILE_STRINGS) }).map(({ f, v }) => ({ label: `${f} = ${JSON.stringify(v)}`, bodyText: withField(body, f, JSON.stringify(v)) })));
      }
    }
    // A required field left out.
    const required = (schema.required ?? []).filter((f) => f in body);
    if (required.length) arbs.push(fc.constantFrom(...required).map((f) => ({ label: `without ${f}`, bodyText: withField(body, f, undefined) })));
    // Not an object, or not JSON at all.
    arbs.push(
      fc
        .constantFrom('[]', '"text"', '123', 'null', 'true', '[{"a":1}]', '{"a":', '{', '{"a":1,}', "{'a':1}", '\u0000', deepArrayJson(5000), '{"__proto__":{"isAdmin":true}}')
        .map((text) => ({ label: `body ${JSON.stringify(text.slice(0, 20))}`, bodyText: text })),
    );
  }
  if (base.attach) {
    // The import takes one .xlsx file: anything else is refused.
    arbs.push(
      fc
        .constantFrom('random', 'empty', 'text', 'zip', 'json')
        .map((kind) => ({ label: `upload ${kind}`, bodyText: kind, contentType: 'multipart' })),
    );
  }
  // Path parameters that are not ids (or are ids of nothing).
  const pathParams = op.params.filter((p) => p.in === 'path');
  if (pathParams.length) {
    arbs.push(
      fc
        .constantFrom(...['abc', '1.5', '1e3', '0x10', '-1', '0', '-0', '99999999999999999999', '9007199254740993', ' 1', '1 ', '+1', 'NaN', 'Infinity', 'null', ...HOSTILE_STRINGS].map(segment), '%00', '..%2F..', '%E0%A4%A', '%2e%2e')
        .map((v) => {
          const parts = op.path.split('/');
          const actual = base.path.split('/');
          const at = parts.findIndex((p) => p.startsWith('{'));
          actual[at] = v;
          return { label: `path ${v}`, path: actual.join('/') };
        }),
    );
  }
  // Query parameters that are not what they claim, and unknown ones where the operation takes a query.
  const queryParams = op.params.filter((p) => p.in === 'query');
  if (queryParams.length) {
    arbs.push(
      fc.constantFrom(...queryParams).chain((p) => {
        const s = (p.schema ?? {}) as Schema & { maximum?: number };
        const bad =
          s.enum
            ? HOSTILE_STRINGS
            : s.type === 'number'
              ? ['abc', '1.5', '-1', '0', 'NaN', 'Infinity', '1e400', '', ' ', '1,2', '0.0001']
              : s.type === 'boolean'
                ? ['yes', '1', 'TRUE', 'on', '', 'null']
                : ['x'.repeat(5_000), '汉'.repeat(3_000)];
        return fc.constantFrom(...bad).map((v) => ({ label: `?${p.name}=${JSON.stringify(v.slice(0, 20))}`, query: [...pairs(base.query).filter(([k]) => k !== p.name), [p.name, v]] as [string, string][] }));
      }),
    );
    arbs.push(
      fc
        .record({ name: fc.constantFrom(...queryParams.map((p) => p.name)), twice: fc.constantFrom(['1', '2'], ['a', 'b']) })
        .map(({ name, twice }) => ({ label: `?${name} twice`, query: [...pairs(base.query).filter(([k]) => k !== name), [name, twice[0]], [name, twice[1]]] as [string, string][] })),
    );
    // An operation that takes a query refuses parameters it does not know.
    arbs.push(fc.constantFrom('foo', 'limit2', 'orgid').filter((k) => !queryParams.some((p) => p.name === k)).map((k) => ({ label: `?${k}=1`, query: [...pairs(base.query), [k, '1']] as [string, string][] })));
  }
  // Every operation refuses query keys that reach for a prototype.
  arbs.push(
    fc
      .constantFrom('__proto__', 'constructor', 'prototype', '__proto__[isAdmin]', 'constructor[prototype][x]', 'a[__proto__]', '__proto__.isAdmin')
      .map((k) => ({ label: `?${k}=1`, query: [...pairs(base.query), [k, '1']] as [string, string][] })),
  );
  // A body where none is taken: only what no parser accepts is refused (a well-formed object is not read at all).
  if (!op.hasBody && op.method !== 'get') {
    arbs.push(
      fc
        .constantFrom('"text"', '123', 'null', '{"a":', '{', "{'a':1}", '\u0000', deepArrayJson(5000), deepJson(200), '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}')
        .map((text) => ({ label: `body ${JSON.stringify(text.slice(0, 20))}`, bodyText: text })),
    );
  }
  // A header the operation reads, not in its form. Not a preference the client states (Accept-Language): HTTP lets a
  // server ignore one it cannot use, and a garbled one gets the default language, never a refusal (language.spec.ts,
  // and the ledger's export in transfers-queues.http.spec.ts).
  const read = op.params.find((p) => p.in === 'header' && p.name !== 'Accept-Language');
  if (read) {
    const name = read.name;
    arbs.push(fc.constantFrom('short', 'x'.repeat(65), 'has space!', '<script>', '../..', "' OR 1=1").map((v) => ({ label: `${name}: ${v}`, headers: { [name]: v } })));
  }
  return fc.oneof(...arbs);
}

/** null in each optional field in turn (a NULL reaching a NOT NULL column was a 500). */
function nullsInOptionalFields(op: DocOperation, base: ApiRequest): (Hostile & { field: string })[] {
  if (!op.bodySchema || base.attach) return [];
  const body = (base.body ?? {}) as Record<string, unknown>;
  const schema = op.bodySchema as Schema;
  return Object.keys(schema.properties ?? {})
    .filter((f) => !(schema.required ?? []).includes(f))
    .map((f) => ({ label: `${f} = null`, field: f, bodyText: withField(body, f, 'null') }));
}

/** Hostile values that may be valid: the answer may be a success, never a 5xx. */
function hostileValues(op: DocOperation, base: ApiRequest): fc.Arbitrary<Hostile> | null {
  const arbs: fc.Arbitrary<Hostile>[] = [];
  const body = (base.body ?? {}) as Record<string, unknown>;
  const schema = (op.bodySchema ?? {}) as Schema;
  const props = schema.properties ?? {};
  const fields = [...new Set([...Object.keys(props), ...Object.keys(body)])];
  if (op.bodySchema && !base.attach && fields.length) {
    const strings = fields.filter((f) => typeOf(props[f], body[f]) === 'string');
    if (strings.length) arbs.push(fc.record({ f: fc.constantFrom(...strings), v: fc.constantFrom(...HOSTILE_STRINGS) }).map(({ f, v }) => ({ label: `${f} = ${JSON.stringify(v)}`, bodyText: withField(body, f, JSON.stringify(v)) })));
    const numbers = fields.filter((f) => typeOf(props[f], body[f]) === 'number');
    if (numbers.length) {
      arbs.push(
        fc
          .record({ f: fc.constantFrom(...numbers), v: fc.constantFrom('0', '-1', '0.5', '2147483648', '9007199254740993', '1e308', '-1e308', '1e-308') })
          .map(({ f, v }) => ({ label: `${f} = ${v}`, bodyText: withField(body, f, v) })),
      );
    }
  }
  const strings = op.params.filter((p) => p.in === 'query' && (p.schema as Schema | undefined)?.type === 'string' && !(p.schema as Schema).enum);
  if (strings.length) {
    arbs.push(
      fc
        .record({ p: fc.constantFrom(...strings), v: fc.constantFrom(...HOSTILE_STRINGS) })
        .map(({ p, v }) => ({ label: `?${p.name}=${JSON.stringify(v)}`, query: [...pairs(base.query).filter(([k]) => k !== p.name), [p.name, v]] as [string, string][] })),
    );
  }
  return arbs.length ? fc.oneof(...arbs) : null;
}

const XLSX_LIKE = Buffer.from('504b0304140000000800', 'hex');

describe('hostile input on every operation of the API', () => {
  let w: World;
  let ops: DocOperation[] = [];
  const counts = { operations: 0, malformed: 0, hostile: 0, accepted: 0, tooLarge: 0 };
  const started = Date.now();

  beforeAll(async () => {
    w = await World.create();
    ops = operationsOf((await w.t.http.get('/api/docs-json').expect(200)).body);
  }, 600_000);

  afterAll(async () => {
    console.log(
      `hostile input: ${counts.operations} operations, ${counts.malformed} malformed requests refused, ${counts.hostile} hostile values (${counts.accepted} accepted), ` +
        `${counts.tooLarge} oversized bodies refused, seed ${SEED}, in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    await w?.close();
  });

  it('every operation of the document has a request builder', () => {
    const missing = ops.filter((o) => !OPERATIONS[o.key]).map((o) => o.key);
    expect(missing, `operations without a request builder — add them to server/test/support/api-operations.ts:\n${missing.join('\n')}`).toEqual([]);
  });

  async function send(op: DocOperation, base: ApiRequest, h: Hostile, who: Caller): Promise<Response> {
    const authorization = await w.authorizationFor(who, base.ownSession);
    const path = h.path ?? base.path;
    let r = w.t.http[op.method](h.query ? `${path}?${new URLSearchParams(h.query).toString()}` : path).timeout(TIMEOUT_MS);
    if (!h.query && base.query) r = r.query(base.query);
    if (authorization) r = r.set('Authorization', authorization);
    for (const [k, v] of Object.entries({ ...base.headers, ...h.headers })) r = r.set(k, v);
    if (h.contentType === 'multipart') {
      const files: Record<string, Buffer> = { random: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), empty: Buffer.alloc(0), text: Buffer.from('姓名,性别\n张三,男\n'), zip: XLSX_LIKE, json: Buffer.from('{"a":1}') };
      r = h.bodyText === 'empty' ? r.attach('file', files.empty, { filename: 'x.xlsx', contentType: 'application/octet-stream' }) : r.attach('file', files[h.bodyText!], 'members.xlsx');
    } else if (h.bodyText !== undefined) {
      r = r.set('Content-Type', h.contentType ?? 'application/json').send(h.bodyText);
    } else if (base.attach) {
      r = r.attach(base.attach.field, base.attach.file, base.attach.filename);
    } else if (base.body !== undefined) {
      r = r.send(base.body as object);
    }
    return r;
  }

  const refusedInShape = (res: Response) => res.status >= 400 && res.status < 500 && isErrorShape(res.body, res.status);
  const describeRes = (res: Response) => `${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;

  /** Refusals of failed credentials are recorded by design (the count towards a lock-out, the audit log). */
  const recordedRefusals = (op: DocOperation) => (op.path.startsWith('/api/auth/') ? ['audit_log', 'audit_chain', 'users'] : []);
  /** A request on a session of its own logs that session in first: the login's rows are not the request's doing. */
  const ownSessionTables = (base: ApiRequest) => (base.ownSession ? ['sessions', 'refresh_tokens', 'users', 'audit_log', 'audit_chain'] : []);

  /** Undoes lock-outs that hostile credentials may have caused on the fixture accounts. */
  async function unlock() {
    await w.ds.query('UPDATE users SET failed_logins = 0, locked_until = NULL');
  }

  for (const key of Object.keys(OPERATIONS)) {
    it(key, async () => {
      const op = ops.find((o) => o.key === key);
      expect(op, `${key} is no longer in /api/docs-json`).toBeDefined();
      const c = OPERATIONS[key];
      for (const who of [caller('county'), caller('memberA1')]) {
        const base = await c.build(w, who, 'A', false);
        await w.authorizationFor(who); // a session in hand before the digest (logging in writes rows)
        if (key === 'POST /api/auth/login') base.body = { username: 'nobody-here', password: 'whatever-password' };

        // Malformed: each refused in the error shape, and together they change no table.
        const before = await databaseFingerprint(w.ds, ownSessionTables(base));
        await fc.assert(
          fc.asyncProperty(malformed(op!, base), async (h) => {
            const res = await send(op!, base, h, who);
            counts.malformed++;
            if (!refusedInShape(res)) throw new Error(`${key} as ${who.name}, ${h.label}: expected a 4xx in the error shape, got ${describeRes(res)}`);
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
        const after = await databaseFingerprint(w.ds, ownSessionTables(base));
        expect(Object.keys(before).filter((t) => before[t] !== after[t]), `${key} as ${who.name}: malformed requests changed these tables`).toEqual([]);
        expect(({} as Record<string, unknown>).isAdmin, 'Object.prototype was polluted').toBeUndefined();

        // Hostile values: never a 5xx; refused ones change nothing.
        const tryValue = async (h: Hostile, on = base): Promise<boolean> => {
          const skip = [...recordedRefusals(op!), ...ownSessionTables(on)];
          const b = op!.method === 'get' ? null : await databaseFingerprint(w.ds, skip);
          const res = await send(op!, on, h, who);
          counts.hostile++;
          if (res.status >= 200 && res.status < 300) {
            counts.accepted++;
            await c.after?.(w, who, res);
            return true;
          }
          if (!refusedInShape(res)) throw new Error(`${key} as ${who.name}, ${h.label}: expected a success or a 4xx in the error shape, got ${describeRes(res)}`);
          if (b) {
            const a = await databaseFingerprint(w.ds, skip);
            const changed = Object.keys(b).filter((t) => b[t] !== a[t]);
            if (changed.length) throw new Error(`${key} as ${who.name}, ${h.label}: refused with ${res.status} ${res.body.code} but changed ${changed.join(', ')}`);
          }
          return false;
        };
        // Each null on a request built afresh after one was accepted: an accepted null (clearing a post) moves a
        // record's version on, and the next field's null, sent with the old version, was refused 409 before its UPDATE
        // could fail — which hid isRetired = null reaching a NOT NULL column.
        const nullProblems: string[] = [];
        let current = base;
        for (const field of nullsInOptionalFields(op!, base).map((h) => h.field)) {
          const h = nullsInOptionalFields(op!, current).find((x) => x.field === field)!;
          const accepted = await tryValue(h, current).catch((e: Error) => {
            nullProblems.push(e.message);
            return false;
          });
          if (accepted) current = await c.build(w, who, 'A', false);
        }
        expect(nullProblems).toEqual([]);
        const values = hostileValues(op!, base);
        if (values) {
          await fc.assert(
            fc.asyncProperty(values, async (h) => void (await tryValue(h))),
            { numRuns: RUNS, seed: SEED, endOnFailure: true },
          );
        }
        await unlock();
      }

      // Bodies are size-limited: 413 in the error shape, even before anyone is identified.
      if (op!.hasBody) {
        const path = op!.path.replace(/\{[^}]+\}/g, '1');
        const res = op!.multipart
          ? await w.t.http[op!.method](path).timeout(30_000).set(await w.auth('county')).attach('file', Buffer.alloc(11 * 1024 * 1024, 1), 'members.xlsx')
          : await w.t.http[op!.method](path).timeout(TIMEOUT_MS).set('Content-Type', 'application/json').send(JSON.stringify({ padding: 'x'.repeat(300_000) }));
        expect({ status: res.status, code: res.body.code, shape: isErrorShape(res.body, 413) }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', shape: true });
        counts.tooLarge++;
      }
      counts.operations++;
    });
  }
});
