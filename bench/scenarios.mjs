/**
 * Benchmark scenarios. Each names the API request and the bare baseline that answers the same question with the same
 * SQL through the same driver (bench/baseline.mjs), so results are reported as a ratio to the fastest thing this
 * machine can do for that query.
 *
 * `prepare(ctx)` runs once before the scenario with { db, tokens, ids } and returns { path, method, body, headers,
 * baseline: { name, params } }.
 */

const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');

export const SCENARIOS = [
  {
    // Not a hot path: the floor. What the framework (Nest on Express, helmet, body parsers, the error filter) costs
    // for the smallest public request, a SELECT 1, next to node:http doing the same: no scenario can beat this ratio.
    id: 'floor-health',
    describe: 'GET /api/health (public, SELECT 1): the framework floor',
    prepare: () => ({
      method: 'GET',
      path: '/api/health',
      headers: {},
      baseline: { name: 'health', params: {} },
    }),
  },
  {
    id: 'login',
    describe: 'POST /api/auth/login (argon2id verify, session, refresh token, audit)',
    prepare: ({ member }) => ({
      method: 'POST',
      path: '/api/auth/login',
      body: JSON.stringify({ username: member.phone, password: 'Demo-2026-zhdj' }),
      headers: { 'content-type': 'application/json' },
      baseline: { name: 'login', params: { username: member.phone, password: 'Demo-2026-zhdj' } },
    }),
  },
  {
    id: 'org-children-root',
    describe: 'GET /api/organizations/:root/children (county admin)',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: `/api/organizations/${ids.root}/children`,
      headers: { authorization: `Bearer ${tokens.admin}` },
      baseline: { name: 'orgChildren', params: { id: ids.root } },
    }),
  },
  {
    id: 'members-first-page',
    describe: 'GET /api/members?orgId=<largest committee> first page of 20',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: `/api/members?orgId=${ids.bigCommittee.id}&limit=20`,
      headers: { authorization: `Bearer ${tokens.admin}` },
      baseline: { name: 'members', params: { orgId: ids.bigCommittee.id, after: null } },
    }),
  },
  {
    id: 'members-deep-page',
    describe: 'GET /api/members?orgId=<largest committee>&cursor=<90% through>',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: `/api/members?orgId=${ids.bigCommittee.id}&limit=20&cursor=${b64(ids.deepCursor)}`,
      headers: { authorization: `Bearer ${tokens.admin}` },
      baseline: { name: 'members', params: { orgId: ids.bigCommittee.id, after: ids.deepCursor } },
    }),
  },
  {
    id: 'transfers-todo-county',
    describe: 'GET /api/transfers?queue=todo (county admin)',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: '/api/transfers?queue=todo&limit=20',
      headers: { authorization: `Bearer ${tokens.admin}` },
      baseline: { name: 'todoCounty', params: { root: ids.rootPath } },
    }),
  },
  {
    id: 'transfers-watching-county',
    describe: 'GET /api/transfers?queue=watching (county admin)',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: '/api/transfers?queue=watching&limit=20',
      headers: { authorization: `Bearer ${tokens.admin}` },
      baseline: { name: 'watchingCounty', params: { root: ids.rootPath } },
    }),
  },
  {
    id: 'transfers-todo-committee',
    describe: 'GET /api/transfers?queue=todo (committee admin)',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: '/api/transfers?queue=todo&limit=20',
      headers: { authorization: `Bearer ${tokens.committee}` },
      baseline: { name: 'todoTier', params: { tier: 'COMMITTEE', path: ids.committeePath } },
    }),
  },
  {
    id: 'transfers-todo-branch',
    describe: 'GET /api/transfers?queue=todo (branch admin)',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: '/api/transfers?queue=todo&limit=20',
      headers: { authorization: `Bearer ${tokens.branch}` },
      baseline: { name: 'todoTier', params: { tier: 'BRANCH', path: ids.branchPath } },
    }),
  },
  {
    id: 'member-my-transfer',
    describe: 'GET /api/transfers/mine (a member with a transfer and its timeline)',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: '/api/transfers/mine',
      headers: { authorization: `Bearer ${tokens.memberWithTransfer}` },
      baseline: { name: 'myTransfer', params: { memberId: ids.memberWithTransfer } },
    }),
  },
  {
    id: 'member-me',
    describe: 'GET /api/me (member)',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: '/api/me',
      headers: { authorization: `Bearer ${tokens.member}` },
      baseline: { name: 'me', params: { userId: ids.memberUserId } },
    }),
  },
  {
    id: 'transfers-overview-county',
    describe: 'GET /api/transfers/overview (county admin)',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: '/api/transfers/overview',
      headers: { authorization: `Bearer ${tokens.admin}` },
      baseline: { name: 'overview', params: { root: ids.rootPath } },
    }),
  },
  {
    id: 'study-my',
    describe: 'GET /api/study/my (the demo member: tracks, modules, progress, class hours)',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: '/api/study/my',
      headers: { authorization: `Bearer ${tokens.member}` },
      baseline: { name: 'studyMy', params: { memberId: ids.memberId, year: ids.year } },
    }),
  },
  {
    id: 'study-stats-root',
    describe: 'GET /api/study/stats at the root (every member of the county, from counter rows)',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: '/api/study/stats',
      headers: { authorization: `Bearer ${tokens.admin}` },
      baseline: { name: 'studyStats', params: { orgId: ids.root, year: ids.year, today: ids.today } },
    }),
  },
  {
    id: 'study-stats-committee',
    describe: 'GET /api/study/stats at the committee admin’s committee',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: '/api/study/stats',
      headers: { authorization: `Bearer ${tokens.committee}` },
      baseline: { name: 'studyStats', params: { orgId: ids.committeeId, year: ids.year, today: ids.today } },
    }),
  },
  {
    id: 'booking-availability',
    describe: 'GET /api/service-centers/:busiest/availability for two weeks (member)',
    prepare: ({ tokens, ids }) => ({
      method: 'GET',
      path: `/api/service-centers/${ids.busyCenter}/availability?from=${ids.today}&to=${ids.inTwoWeeks}`,
      headers: { authorization: `Bearer ${tokens.member}` },
      baseline: { name: 'availability', params: { id: ids.busyCenter, from: ids.today, to: ids.inTwoWeeks } },
    }),
  },
  {
    id: 'letter-verify',
    describe: 'GET /api/letters/verify/:token (public, what a QR scan asks)',
    prepare: ({ ids }) => ({
      method: 'GET',
      path: `/api/letters/verify/${ids.letterToken}`,
      headers: {},
      baseline: { name: 'verify', params: { token: ids.letterToken } },
    }),
  },
];
