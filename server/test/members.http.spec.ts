import { idCheckChar, pathIds } from '@zhdj/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMembers } from './factories/mini-county';
import { auditSince, expectError, lastAuditId } from './support/http';
import { startTestApp, tableCounts, type TestApp } from './support/test-app';
import { expectTreeConsistent, orgSnapshot } from './support/tree';

const TABLES = ['members', 'users', 'member_org_history', 'audit_log', 'organizations'];

/** A valid ID number (region 320398, used by no fixture) for a birth date, sex and sequence. */
function idNumber(birthDate: string, sex: 'M' | 'F', seq: number): string {
  const s = seq * 2 + (sex === 'M' ? 1 : 0);
  const first17 = '320398' + birthDate.replaceAll('-', '') + String(s).padStart(3, '0');
  return first17 + idCheckChar(first17);
}

describe('members over HTTP', () => {
  let t: TestApp;
  let o: TestApp['county']['orgs'];
  let m: Record<string, number>;
  beforeAll(async () => {
    t = await startTestApp();
    o = t.county.orgs;
    m = t.county.members;
    // Enough members to page through: 120 in one branch, 40 in another, 15 outside committee A.
    await addMembers(t.app, o.branchA2, 120, (i) => (i % 10 === 0 ? { category: 'PROBATIONARY', probationEndsAt: '2027-01-01' } : i % 25 === 0 ? { post: 'COMMITTEE_MEMBER' } : {}));
    await addMembers(t.app, o.branchAG1, 40, (i) => (i === 7 ? { post: 'SECRETARY' } : {}));
    await addMembers(t.app, o.branchB1, 15);
    await t.ds.query('UPDATE members SET status = ? WHERE id = ?', ['IN_TRANSFER', m.memberA2]);
    for (const who of ['county', 'committeeA', 'branchA1', 'memberA1', 'committeeB', 'memberB1', 'sysadmin']) await t.as(who);
  }, 120_000);
  afterAll(() => t.close());

  const list = async (query: string, who = 'committeeA') => t.http.get(`/api/members${query}`).set(await t.as(who));
  const idsIn = async (where: string, params: unknown[]) =>
    ((await t.ds.query(`SELECT id FROM members WHERE ${where} ORDER BY id`, params)) as { id: unknown }[]).map((r) => Number(r.id));
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

  /** Follows nextCursor to the end, returning every id in order. */
  async function walk(query: string, who = 'committeeA'): Promise<number[]> {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const res = await list(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, who);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.items.map((x: { id: number }) => x.id));
      cursor = res.body.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('pagination did not end');
  }

  async function refusedWithoutChange(send: () => Promise<import('supertest').Response>, status: number, code: string) {
    const counts = await tableCounts(t.ds, TABLES);
    const tree = await orgSnapshot(t.ds);
    const rows = await t.ds.query('SELECT * FROM members ORDER BY id');
    const res = await send();
    expectError(res, status, code);
    expect(await tableCounts(t.ds, TABLES)).toEqual(counts);
    expect(await orgSnapshot(t.ds)).toEqual(tree);
    expect(await t.ds.query('SELECT * FROM members ORDER BY id')).toEqual(rows);
    return res;
  }

  describe('listing', () => {
    it('walks a subtree page by page: every member once, none missing, none from outside', async () => {
      const all = await walk(`?orgId=${o.committeeA.id}&limit=7`);
      expect(new Set(all).size).toBe(all.length);
      expect(sorted(all)).toEqual(await idsIn('org_path LIKE ?', [`${o.committeeA.path}%`]));
      expect(all).toHaveLength(5 + 120 + 40);
      // The largest page walks the same list.
      expect(await walk(`?orgId=${o.committeeA.id}&limit=100`)).toEqual(all);
      // Without orgId, the list covers the caller's own scope.
      expect(await walk('?limit=50')).toEqual(all);
      expect(sorted(await walk('?limit=100', 'county'))).toEqual(await idsIn('1 = 1', []));
    });

    it('answers a page with summaries that carry the masked ID only', async () => {
      const res = await list(`?orgId=${o.branchA1.id}`);
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.map((x: { id: number }) => x.id).sort()).toEqual(sorted([m.memberA1, m.secretaryA1, m.probationaryA1]));
      for (const item of res.body.items) {
        expect(item.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
        expect(item.org).toEqual({ id: o.branchA1.id, name: o.branchA1.name, shortName: o.branchA1.shortName, level: 'BRANCH' });
        expect(Object.keys(item)).not.toContain('idNumber');
      }
      expect(res.body.items.find((x: { id: number }) => x.id === m.secretaryA1).post).toBe('SECRETARY');
      // The end of probation, so the list can flag one that has passed; none for a full member.
      const [probation] = await t.ds.query('SELECT probation_ends_at FROM members WHERE id = ?', [m.probationaryA1]);
      expect(probation.probation_ends_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(res.body.items.find((x: { id: number }) => x.id === m.probationaryA1).probationEndsAt).toBe(probation.probation_ends_at);
      expect(res.body.items.find((x: { id: number }) => x.id === m.memberA1).probationEndsAt).toBeNull();
    });

    it('searches by a part of the name, by leading phone digits and by a full ID number', async () => {
      const byName = await walk(`?q=${encodeURIComponent('小')}&limit=100`);
      expect(sorted(byName)).toEqual(await idsIn('org_path LIKE ? AND name LIKE ?', [`${o.committeeA.path}%`, '%小%']));
      expect(byName.length).toBeGreaterThan(10);
      expect(sorted((await list('?q=memberA')).body.items.map((x: { id: number }) => x.id))).toEqual(sorted([m.memberA1, m.memberA2, m.memberAG1]));

      const [{ phone }] = await t.ds.query('SELECT phone FROM members WHERE id = ?', [m.memberAG1]);
      const byPhone = await walk(`?q=${phone.slice(0, 9)}&limit=100`);
      expect(byPhone).toContain(m.memberAG1);
      expect(sorted(byPhone)).toEqual(await idsIn('org_path LIKE ? AND phone LIKE ?', [`${o.committeeA.path}%`, `${phone.slice(0, 9)}%`]));
      expect((await list(`?q=${phone}`)).body.items.map((x: { id: number }) => x.id)).toEqual([m.memberAG1]);

      const full = (await t.http.post(`/api/members/${m.probationaryA1}/reveal-id`).set(await t.as('committeeA'))).body.idNumber as string;
      expect((await list(`?q=${full}`)).body.items.map((x: { id: number }) => x.id)).toEqual([m.probationaryA1]);
      expect((await list(`?q=${full}`, 'committeeB')).body.items).toEqual([]);
      // A part of an ID number finds nothing: only the full number is looked up (by its keyed hash).
      expect((await list(`?q=${encodeURIComponent(full.slice(0, 14))}`)).body.items).toEqual([]);
      expect((await list(`?q=${encodeURIComponent('%')}`)).body.items).toEqual([]);
    });

    it('filters by category, post and status', async () => {
      const scope = `${o.committeeA.path}%`;
      expect(sorted(await walk('?category=PROBATIONARY&limit=100'))).toEqual(await idsIn('org_path LIKE ? AND category = ?', [scope, 'PROBATIONARY']));
      expect(sorted(await walk('?category=FULL&limit=100'))).toEqual(await idsIn('org_path LIKE ? AND category = ?', [scope, 'FULL']));
      expect(await walk('?role=SECRETARY&limit=100')).toHaveLength(2);
      expect(sorted(await walk('?role=ANY&limit=100'))).toEqual(await idsIn('org_path LIKE ? AND post IS NOT NULL', [scope]));
      expect(await walk('?status=IN_TRANSFER&limit=100')).toEqual([m.memberA2]);
      expect(await walk(`?orgId=${o.branchA1.id}&role=SECRETARY&category=FULL`)).toEqual([m.secretaryA1]);
    });

    it('counts what the filters match across every page, the same members the pages walk', async () => {
      const count = async (query: string, who = 'committeeA') => {
        const res = await t.http.get(`/api/members/count${query}`).set(await t.as(who));
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(Object.keys(res.body)).toEqual(['total']);
        return res.body.total as number;
      };
      // Unfiltered, the roll the tree's stored counts count: the organisation card and the list agree.
      const stored = async (id: number) => Number((await t.ds.query('SELECT subtree_member_count AS n FROM organizations WHERE id = ?', [id]))[0].n);
      expect(await count('')).toBe(await stored(o.committeeA.id));
      expect(await count('', 'county')).toBe(await stored(o.root.id));
      expect(await count(`?orgId=${o.branchA2.id}`)).toBe(await stored(o.branchA2.id));
      // A member who left the county keeps their record: off the roll, listed and counted when the status asks for it.
      // (Left as the transfer's completion leaves them: status and the counts of their branch and its ancestors.)
      const [{ org_path: path }] = await t.ds.query('SELECT org_path FROM members WHERE id = ?', [m.memberAG1]);
      const leave = async (status: string, delta: number) => {
        await t.ds.query('UPDATE members SET status = ? WHERE id = ?', [status, m.memberAG1]);
        const ids = pathIds(path);
        await t.ds.query(`UPDATE organizations SET subtree_member_count = subtree_member_count + ? WHERE id IN (${ids.map(() => '?').join(',')})`, [delta, ...ids]);
        await t.ds.query('UPDATE organizations SET member_count = member_count + ? WHERE id = ?', [delta, ids.at(-1)]);
      };
      await leave('TRANSFERRED_OUT', -1);
      try {
        expect(await walk('?limit=100')).not.toContain(m.memberAG1);
        expect(await walk('?status=TRANSFERRED_OUT&limit=100')).toEqual([m.memberAG1]);
        for (const query of ['', `orgId=${o.branchA2.id}`, 'category=PROBATIONARY', 'role=ANY', 'status=TRANSFERRED_OUT', `q=${encodeURIComponent('小')}`, `orgId=${o.branchAG1.id}&role=SECRETARY`]) {
          const walked = await walk(`?limit=100${query ? `&${query}` : ''}`);
          expect(await count(query ? `?${query}` : ''), query).toBe(walked.length);
        }
        expect(await count('')).toBe(5 + 120 + 40 - 1);
        expect(await count('?status=TRANSFERRED_OUT')).toBe(1);
        expect(await count('', 'county')).toBe((await idsIn('status <> ?', ['TRANSFERRED_OUT'])).length);
        expect(await count(`?orgId=${o.branchA1.id}&q=${encodeURIComponent('无此人')}`)).toBe(0);
      } finally {
        await leave('ACTIVE', 1);
      }
      // Scope and input as the list: outside scope is the unknown organisation's 404; bad filters a 400.
      expectError(await t.http.get(`/api/members/count?orgId=${o.committeeA.id}`).set(await t.as('committeeB')), 404, 'NOT_FOUND');
      expectError(await t.http.get('/api/members/count').set(await t.as('memberA1')), 403, 'FORBIDDEN');
      for (const q of ['?limit=5', '?cursor=abc', '?category=HONORARY', '?orgId=0']) {
        expectError(await t.http.get(`/api/members/count${q}`).set(await t.as('committeeA')), 400, 'VALIDATION_FAILED');
      }
    });

    it('refuses bad paging: limit over 100 or under 1, malformed cursors', async () => {
      // A number is read only as written in digits: 0x10, 1e1, 1.0 or a padded 10 would otherwise be taken for 16, 10, 1, 10.
      for (const q of ['?limit=101', '?limit=0', '?limit=abc', '?limit=0x10', '?limit=1e1', '?limit=1.0', '?limit=%2010%20', '?limit=+10', `?orgId=0x${t.county.orgs.committeeA.id.toString(16)}`, '?sort=name', '?limit=5&limit=6', '?category=HONORARY', '?role=CAPTAIN', '?orgId=x', `?q=${'x'.repeat(51)}`]) {
        expectError(await list(q), 400, 'VALIDATION_FAILED');
      }
      const b64 = (s: string) => Buffer.from(s).toString('base64url');
      for (const cursor of ['%%%', 'bm90LWpzb24', b64('{"a":1}'), b64('[1,2]'), b64('["/1/"]'), b64('["/1/",1e400]'), b64('["/1/",1.5]'), 'x'.repeat(301)]) {
        const res = await list(`?cursor=${encodeURIComponent(cursor)}`);
        expectError(res, 400, 'VALIDATION_FAILED');
      }
    });

    it('keeps a forged cursor inside the subtree, and answers an empty page for an organisation in scope with nobody matching', async () => {
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const ids = (res: { body: { items: { id: number }[] } }) => res.body.items.map((x) => x.id);
      // A cursor before the subtree starts at its beginning (committee A's members, before B's, stay out of B's list);
      // one after it, or in another subtree, finds nobody.
      const firstPage = await list(`?orgId=${o.committeeB.id}&limit=100`, 'committeeB');
      expect(firstPage.body.items.length).toBeGreaterThan(0);
      expect(ids(await list(`?orgId=${o.committeeB.id}&limit=100&cursor=${b64(['/', 0])}`, 'committeeB'))).toEqual(ids(firstPage));
      for (const at of [o.committeeB.path, `${o.committeeA.path.slice(0, -1)}0`]) {
        const res = await list(`?orgId=${o.committeeA.id}&limit=100&cursor=${b64([at, 0])}`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ items: [], nextCursor: null });
      }
      expect(ids(await list(`?orgId=${o.committeeA.id}&limit=100&cursor=${b64([o.committeeB.path, 0])}`, 'county'))).toEqual([]);
      expect((await list(`?orgId=${o.branchA1.id}&q=${encodeURIComponent('无此人')}`)).body).toEqual({ items: [], nextCursor: null });
      // Nobody matching outside scope is still a 404, not an empty page.
      expectError(await list(`?orgId=${o.committeeA.id}&q=${encodeURIComponent('无此人')}`, 'committeeB'), 404, 'NOT_FOUND');
    });

    it('answers 404 for an organisation outside scope, 403 without member.read, 401 without a token', async () => {
      expectError(await list(`?orgId=${o.committeeA.id}`, 'committeeB'), 404, 'NOT_FOUND');
      expectError(await list(`?orgId=${o.branchA2.id}`, 'branchA1'), 404, 'NOT_FOUND');
      expectError(await list(`?orgId=${o.root.id}`, 'committeeA'), 404, 'NOT_FOUND');
      expectError(await list('?orgId=999999', 'county'), 404, 'NOT_FOUND');
      expectError(await list('', 'memberA1'), 403, 'FORBIDDEN');
      expectError(await list('', 'sysadmin'), 403, 'FORBIDDEN');
      expectError(await t.http.get('/api/members'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('reading one', () => {
    it('shows an administrator in scope the detail: masked ID, breadcrumb, history, version', async () => {
      const res = await t.http.get(`/api/members/${m.memberAG1}`).set(await t.as('committeeA'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: m.memberAG1,
        name: 'memberAG1',
        category: 'FULL',
        status: 'ACTIVE',
        org: { id: o.branchAG1.id, level: 'BRANCH' },
        version: 1,
        idNumberMasked: expect.stringMatching(/^3203\*{10}[\dX]{4}$/),
      });
      expect(res.body.orgAncestors.map((a: { id: number }) => a.id)).toEqual([o.root.id, o.committeeA.id, o.generalA.id]);
      expect(res.body.history).toEqual([{ org: expect.objectContaining({ id: o.branchAG1.id }), from: expect.any(String), to: null, transferId: null }]);
      expect(JSON.stringify(res.body)).not.toMatch(/\d{17}[\dX]/);
    });

    it('reads an id only as written in digits, never one another way of writing would reach', async () => {
      const id = m.memberA1;
      expect((await t.http.get(`/api/members/${id}`).set(await t.as('county'))).status).toBe(200);
      for (const other of [`0x${id.toString(16)}`, `0b${id.toString(2)}`, `${id / 10}e1`, `${id}.0`, `%20${id}%20`, `+${id}`]) {
        const res = await t.http.get(`/api/members/${other}`).set(await t.as('county'));
        expect([other, res.status, res.body.code]).toEqual([other, 400, 'VALIDATION_FAILED']);
      }
    });

    it('lets a member read themself and nobody else', async () => {
      expect((await t.http.get(`/api/members/${m.memberA1}`).set(await t.as('memberA1'))).body.id).toBe(m.memberA1);
      expectError(await t.http.get(`/api/members/${m.secretaryA1}`).set(await t.as('memberA1')), 404, 'NOT_FOUND');
      expectError(await t.http.get(`/api/members/${m.memberB1}`).set(await t.as('memberA1')), 404, 'NOT_FOUND');
    });

    it('answers 404 to administrators outside scope and to the system administrator, 401 without a token', async () => {
      expectError(await t.http.get(`/api/members/${m.memberA1}`).set(await t.as('committeeB')), 404, 'NOT_FOUND');
      expectError(await t.http.get(`/api/members/${m.memberA2}`).set(await t.as('branchA1')), 404, 'NOT_FOUND');
      expect((await t.http.get(`/api/members/${m.memberA1}`).set(await t.as('branchA1'))).status).toBe(200);
      expectError(await t.http.get(`/api/members/${m.memberA1}`).set(await t.as('sysadmin')), 404, 'NOT_FOUND');
      expectError(await t.http.get('/api/members/999999').set(await t.as('county')), 404, 'NOT_FOUND');
      expectError(await t.http.get(`/api/members/${m.memberA1}`), 401, 'UNAUTHENTICATED');
    });
  });

  describe('creating', () => {
    const ID = idNumber('1990-05-17', 'F', 1);
    const body = (extra: Record<string, unknown> = {}) => ({
      name: '周小燕',
      sex: 'F',
      ethnicity: '回族',
      birthDate: '1990-05-17',
      idNumber: ID,
      phone: '13812340001',
      education: 'MASTER',
      category: 'FULL',
      joinedAt: '2015-07-01',
      duesPaidThrough: '2026-06',
      orgId: o.branchA1.id,
      ...extra,
    });
    const create = async (payload: Record<string, unknown>, who = 'committeeA') => t.http.post('/api/members').set(await t.as(who)).send(payload);

    it('creates a member in a branch: counts go up on the branch and every ancestor, an account and history appear', async () => {
      const before = await lastAuditId(t.ds);
      const counts = Object.fromEntries((await orgSnapshot(t.ds)).map((x) => [x.id, x.subtree_member_count]));
      const res = await create(body());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: '周小燕', sex: 'F', ethnicity: '回族', idNumberMasked: `${ID.slice(0, 4)}**********${ID.slice(-4)}`, version: 1, post: null, isRetired: false });
      expect(JSON.stringify(res.body)).not.toContain(ID);
      const after = Object.fromEntries((await orgSnapshot(t.ds)).map((x) => [x.id, x.subtree_member_count]));
      for (const org of Object.values(o)) {
        const inPath = o.branchA1.path.startsWith(org.path);
        expect(after[org.id] - counts[org.id], `org ${org.code}`).toBe(inPath ? 1 : 0);
      }
      await expectTreeConsistent(t.ds);
      const audit = await auditSince(t.ds, before);
      expect(audit).toEqual([expect.objectContaining({ action: 'member.create', target_id: String(res.body.id), actor_role: 'COMMITTEE_ADMIN', actor_org_id: o.committeeA.id })]);
      expect(audit[0].detail).not.toContain(ID);
      const [user] = await t.ds.query('SELECT username, display_name, password_hash FROM users WHERE member_id = ?', [res.body.id]);
      expect(user).toMatchObject({ username: '13812340001', display_name: '周小燕' });
      // The new account has no password yet: nobody can log in with it.
      expectError(await t.http.post('/api/auth/login').send({ username: '13812340001', password: '!' }), 401, 'INVALID_CREDENTIALS');
      const reveal = await t.http.post(`/api/members/${res.body.id}/reveal-id`).set(await t.as('committeeA'));
      expect(reveal.body.idNumber).toBe(ID);
    });

    it('refuses an ID number with a wrong check digit or impossible birth date', async () => {
      const wrongDigit = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
      for (const idNo of [wrongDigit, '32039819900230' + '0021', '3203981990051700', 'ABCDEFGHIJKLMNOPQR']) {
        const res = await refusedWithoutChange(() => create(body({ idNumber: idNo, phone: '13812340002' })), 400, 'VALIDATION_FAILED');
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain('idNumber');
      }
    });

    it('refuses a birth date or sex that disagrees with the ID number', async () => {
      const other = idNumber('1991-01-02', 'M', 2);
      const r1 = await refusedWithoutChange(() => create(body({ idNumber: other, phone: '13812340003', sex: 'M' })), 400, 'ID_NUMBER_INVALID');
      expect(r1.body.details[0].field).toBe('birthDate');
      const r2 = await refusedWithoutChange(() => create(body({ idNumber: other, phone: '13812340003', birthDate: '1991-01-02', sex: 'F' })), 400, 'ID_NUMBER_INVALID');
      expect(r2.body.details[0].field).toBe('sex');
    });

    it('refuses a duplicate ID number (409 ID_NUMBER_TAKEN) and a mobile number already in use (409 PHONE_TAKEN)', async () => {
      await refusedWithoutChange(() => create(body({ phone: '13812340004' })), 409, 'ID_NUMBER_TAKEN');
      // The same number with a lower-case x or spaces is the same person.
      const x = (() => {
        for (let seq = 10; ; seq++) {
          const id = idNumber('1990-05-17', 'F', seq);
          if (id.endsWith('X')) return id;
        }
      })();
      expect((await create(body({ idNumber: x, phone: '13812340005' }))).status).toBe(201);
      await refusedWithoutChange(() => create(body({ idNumber: x.toLowerCase(), phone: '13812340006' })), 409, 'ID_NUMBER_TAKEN');
      await refusedWithoutChange(() => create(body({ idNumber: idNumber('1990-05-17', 'F', 3), phone: '13812340001' })), 409, 'PHONE_TAKEN');
    });

    it('refuses an organisation that is not a branch, or is out of scope, and bad bodies', async () => {
      const fresh = (n: number) => body({ idNumber: idNumber('1990-05-17', 'F', 100 + n), phone: `1381234${String(1000 + n)}` });
      const r = await refusedWithoutChange(() => create({ ...fresh(1), orgId: o.committeeA.id }), 400, 'MEMBER_ORG_NOT_BRANCH');
      expect(r.body.details[0].field).toBe('orgId');
      await refusedWithoutChange(() => create({ ...fresh(2), orgId: o.generalA.id }), 400, 'MEMBER_ORG_NOT_BRANCH');
      await refusedWithoutChange(() => create({ ...fresh(3), orgId: o.branchB1.id }), 404, 'NOT_FOUND');
      await refusedWithoutChange(() => create({ ...fresh(4), orgId: o.branchA2.id }, 'branchA1'), 404, 'NOT_FOUND');
      await refusedWithoutChange(() => create(fresh(5), 'memberA1'), 403, 'FORBIDDEN');
      await refusedWithoutChange(() => create(fresh(6), 'sysadmin'), 403, 'FORBIDDEN');
      await refusedWithoutChange(() => t.http.post('/api/members').send(fresh(7)), 401, 'UNAUTHENTICATED');
      const bad: [Record<string, unknown>, string][] = [
        [{ ...fresh(8), category: 'PROBATIONARY' }, 'probationEndsAt'],
        [{ ...fresh(9), status: 'ACTIVE' }, 'status'],
        [{ ...fresh(10), phone: '12345' }, 'phone'],
        [{ ...fresh(11), ethnicity: '火星族' }, 'ethnicity'],
        [{ ...fresh(12), duesPaidThrough: '2026-13' }, 'duesPaidThrough'],
        [{ ...fresh(13), name: '<script>' }, 'name'],
        [{ ...fresh(14), joinedAt: '2015/07/01' }, 'joinedAt'],
        [{ ...fresh(15), orgId: undefined }, 'orgId'],
      ];
      for (const [payload, field] of bad) {
        const res = await refusedWithoutChange(() => create(payload), 400, 'VALIDATION_FAILED');
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });

    it('of concurrent creates with the same ID number, exactly one succeeds and the rest get 409', async () => {
      const same = idNumber('1988-08-08', 'M', 7);
      const before = await tableCounts(t.ds, ['members', 'users']);
      const results = await Promise.all(
        [0, 1, 2, 3].map(async (i) => create(body({ idNumber: same, birthDate: '1988-08-08', sex: 'M', phone: `1371234000${i}` }))),
      );
      expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toEqual([201, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expectError(r, 409, 'ID_NUMBER_TAKEN');
      expect(await tableCounts(t.ds, ['members', 'users'])).toEqual({ members: before.members + 1, users: before.users + 1 });
      await expectTreeConsistent(t.ds);
    });
  });

  describe('concurrent writes to the tree', () => {
    let n = 0;
    const newMember = async (orgId: number) => {
      const k = ++n;
      const first17 = '320395' + '19800101' + String(k * 2 + 1).padStart(3, '0');
      return t.http
        .post('/api/members')
        .set(await t.as('county'))
        .send({ name: '并发', sex: 'M', ethnicity: '汉族', birthDate: '1980-01-01', idNumber: first17 + idCheckChar(first17), phone: `135${String(k).padStart(8, '0')}`, education: 'BACHELOR', category: 'FULL', joinedAt: '2000-07-01', duesPaidThrough: '2026-06', orgId });
    };

    it('several creates in one branch at once all succeed, and every count adds up', async () => {
      const before = (await orgSnapshot(t.ds)).find((x) => x.id === o.root.id)!.subtree_member_count;
      const results = await Promise.all(Array.from({ length: 6 }, () => newMember(o.branchAG1.id)));
      expect(results.map((r) => r.status), JSON.stringify(results.map((r) => r.body.code))).toEqual([201, 201, 201, 201, 201, 201]);
      expect((await orgSnapshot(t.ds)).find((x) => x.id === o.root.id)!.subtree_member_count).toBe(before + 6);
      await expectTreeConsistent(t.ds);
    });

    it('creates of members and organisations racing a move of their subtree all land at the right paths', async () => {
      const county = await t.as('county');
      for (let round = 0; round < 4; round++) {
        const target = round % 2 ? o.committeeA.id : o.committeeB.id;
        const results = await Promise.all([
          newMember(o.branchAG1.id),
          newMember(o.branchAG1.id),
          t.http.post(`/api/organizations/${o.generalA.id}/move`).set(county).send({ parentId: target }),
          newMember(o.branchAG1.id),
          t.http
            .post('/api/organizations')
            .set(county)
            .send({ parentId: o.generalA.id, level: 'BRANCH', code: `RACE-${round}`, name: '中共测试并发支部委员会', shortName: '并发', type: 'OTHER', hasApprovalAuthority: false }),
          newMember(o.branchAG1.id),
        ]);
        expect(results.map((r) => r.status), JSON.stringify(results.map((r) => r.body.code))).toEqual([201, 201, 200, 201, 201, 201]);
        await expectTreeConsistent(t.ds);
      }
      expect((await t.http.get(`/api/organizations/${o.generalA.id}`).set(county)).body.parentId).toBe(o.committeeA.id);
    });
  });

  describe('updating', () => {
    const patch = async (id: number, payload: Record<string, unknown>, who = 'committeeA') => t.http.patch(`/api/members/${id}`).set(await t.as(who)).send(payload);
    const version = async (id: number) => Number((await t.ds.query('SELECT version FROM members WHERE id = ?', [id]))[0].version);

    it('applies a change with the current version, bumps it, and audits before and after', async () => {
      const [was] = await t.ds.query('SELECT phone, education, dues_paid_through AS dues, is_mobile AS mobile, ethnicity FROM members WHERE id = ?', [m.secretaryA1]);
      const before = await lastAuditId(t.ds);
      const v = await version(m.secretaryA1);
      // The ethnicity is sent as it is: not a change, so not recorded as one.
      const res = await patch(m.secretaryA1, { version: v, ethnicity: was.ethnicity, phone: '13912349999', education: 'DOCTOR', duesPaidThrough: '2026-12', isMobile: true });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ version: v + 1, phone: '13912349999', education: 'DOCTOR', duesPaidThrough: '2026-12', isMobile: true, name: 'secretaryA1' });
      // The member's login follows their mobile number.
      expect((await t.ds.query('SELECT username FROM users WHERE member_id = ?', [m.secretaryA1]))[0].username).toBe('13912349999');
      const audit = await auditSince(t.ds, before);
      expect(audit).toEqual([expect.objectContaining({ action: 'member.update', target_id: String(m.secretaryA1) })]);
      // Named (the log reads 党员：secretaryA1), with each changed field's value before and after, and nothing else:
      // the dues month only if it was not 2026-12 already (the fixture's month follows today's date). The phone numbers
      // masked: the log is not a second list of members' phones.
      const dues = (value: string) => (was.dues === '2026-12' ? {} : { duesPaidThrough: value });
      expect(JSON.parse(audit[0].detail!)).toEqual({
        member: 'secretaryA1',
        before: { phone: `${String(was.phone).slice(0, 3)}****${String(was.phone).slice(-4)}`, education: was.education, ...dues(was.dues), isMobile: Boolean(was.mobile) },
        after: { phone: '139****9999', education: 'DOCTOR', ...dues('2026-12'), isMobile: true },
        idNumberChanged: false,
      });
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const v = await version(m.secretaryA1);
      const r = await refusedWithoutChange(() => patch(m.secretaryA1, { version: v - 1, education: 'PRIMARY' }), 409, 'CONFLICT');
      expect(r.body.details).toEqual({ currentVersion: v });
      await refusedWithoutChange(() => patch(m.secretaryA1, { version: v + 5, education: 'PRIMARY' }), 409, 'CONFLICT');
    });

    it('of concurrent updates from the same version, exactly one wins', async () => {
      const v = await version(m.memberAG1);
      const results = await Promise.all(['PRIMARY', 'JUNIOR', 'SENIOR', 'COLLEGE'].map((education) => patch(m.memberAG1, { version: v, education })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      const winner = results.find((r) => r.status === 200)!;
      const [row] = await t.ds.query('SELECT education, version FROM members WHERE id = ?', [m.memberAG1]);
      expect({ education: row.education, version: Number(row.version) }).toEqual({ education: winner.body.education, version: v + 1 });
    });

    it('refuses inconsistent, duplicate, null and unknown values without changing anything', async () => {
      const v = await version(m.memberA1);
      const [{ phone: takenPhone }] = await t.ds.query('SELECT phone FROM members WHERE id = ?', [m.memberB1]);
      const takenId = (await t.http.post(`/api/members/${m.memberB1}/reveal-id`).set(await t.as('county'))).body.idNumber as string;
      await refusedWithoutChange(() => patch(m.memberA1, { version: v, birthDate: '1999-01-01' }), 400, 'ID_NUMBER_INVALID');
      await refusedWithoutChange(() => patch(m.memberA1, { version: v, sex: 'F' }), 400, 'ID_NUMBER_INVALID');
      await refusedWithoutChange(() => patch(m.memberA1, { version: v, phone: takenPhone }), 409, 'PHONE_TAKEN');
      await refusedWithoutChange(() => patch(m.memberA1, { version: v, idNumber: takenId, birthDate: '1985-06-15', sex: 'M' }), 409, 'ID_NUMBER_TAKEN');
      await refusedWithoutChange(() => patch(m.memberA1, { version: v, category: 'PROBATIONARY' }), 400, 'VALIDATION_FAILED');
      // A day the calendar lacks (the pattern alone stored 2012-02-30), and null where a field cannot be empty.
      for (const payload of [{ joinedAt: '2012-02-30' }, { joinedAt: '2013-02-29' }, { name: null }, { ethnicity: null }, { phone: null }, { category: null }, { isRetired: null }, { orgId: o.branchA2.id }, { status: 'TRANSFERRED_OUT' }, { version: 0 }]) {
        await refusedWithoutChange(() => patch(m.memberA1, { version: v, ...payload }), 400, 'VALIDATION_FAILED');
      }
      await refusedWithoutChange(() => patch(m.memberA1, { education: 'PRIMARY' }), 400, 'VALIDATION_FAILED');
      // Clearing an optional field is allowed.
      const cleared = await patch(m.secretaryA1, { version: await version(m.secretaryA1), post: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.post).toBeNull();
    });

    it('answers 404 out of scope, 403 to members (even about themselves), 401 without a token', async () => {
      const v = await version(m.memberA1);
      await refusedWithoutChange(() => patch(m.memberA1, { version: v, education: 'PRIMARY' }, 'committeeB'), 404, 'NOT_FOUND');
      await refusedWithoutChange(() => patch(m.memberA2, { version: 1, education: 'PRIMARY' }, 'branchA1'), 404, 'NOT_FOUND');
      await refusedWithoutChange(() => patch(m.memberA1, { version: v, education: 'PRIMARY' }, 'memberA1'), 403, 'FORBIDDEN');
      await refusedWithoutChange(() => t.http.patch(`/api/members/${m.memberA1}`).send({ version: v, education: 'PRIMARY' }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('revealing the ID number', () => {
    it('gives an administrator in scope the full number and records who saw it', async () => {
      const before = await lastAuditId(t.ds);
      const res = await t.http.post(`/api/members/${m.memberA1}/reveal-id`).set(await t.as('branchA1'));
      expect(res.status).toBe(200);
      expect(res.body.idNumber).toMatch(/^\d{17}[\dX]$/);
      const masked = (await t.http.get(`/api/members/${m.memberA1}`).set(await t.as('branchA1'))).body.idNumberMasked as string;
      expect(res.body.idNumber.slice(0, 4) + '*'.repeat(10) + res.body.idNumber.slice(-4)).toBe(masked);
      const audit = await auditSince(t.ds, before);
      expect(audit).toEqual([
        expect.objectContaining({ action: 'member.revealId', actor_user_id: t.county.users.branchA1, actor_role: 'BRANCH_ADMIN', actor_org_id: o.branchA1.id, target_type: 'member', target_id: String(m.memberA1) }),
      ]);
      // Whose number was read, by name: the screen says 党员：memberA1 rather than nothing.
      expect(JSON.parse(audit[0].detail!)).toEqual({ member: 'memberA1' });
      expect(JSON.stringify(audit)).not.toContain(res.body.idNumber);
    });

    it('is forbidden to members (403), even for themselves, and 404 out of scope; nothing is recorded', async () => {
      await refusedWithoutChange(async () => t.http.post(`/api/members/${m.memberA1}/reveal-id`).set(await t.as('memberA1')), 403, 'FORBIDDEN');
      await refusedWithoutChange(async () => t.http.post(`/api/members/${m.memberA1}/reveal-id`).set(await t.as('sysadmin')), 403, 'FORBIDDEN');
      await refusedWithoutChange(async () => t.http.post(`/api/members/${m.memberA1}/reveal-id`).set(await t.as('committeeB')), 404, 'NOT_FOUND');
      await refusedWithoutChange(async () => t.http.post(`/api/members/${m.memberA2}/reveal-id`).set(await t.as('branchA1')), 404, 'NOT_FOUND');
      await refusedWithoutChange(async () => t.http.post(`/api/members/${m.memberA1}/reveal-id`), 401, 'UNAUTHENTICATED');
    });
  });
});
