#!/usr/bin/env node
/**
 * npm run bench [-- --scale 1|10] [--db sqlite|mysql] [--only a,b] [--connections 10,50] [--duration 10] [--rounds 1]
 *                 [--cpu-prof dir]
 *
 * Seeds (or reuses) a benchmark database separate from the demo, starts the production build and a bare node:http
 * baseline on the same database and driver, warms both up, then runs each scenario with autocannon against both.
 * Prints a table and writes bench/results/<date>-<db>-<scale>.json and .md.
 *
 * --rounds n: each scenario's runs alternate n times (API, baseline, API, baseline…) and the table gives the median
 * of each figure, the throughput ratio as the median of each round's (an API run beside the baseline run that
 * follows it) with its range. The machines this runs on drift by a fifth within minutes; one run of each side,
 * a few seconds apart, can show that drift as a ratio (a scenario at 36% of its baseline in one run, 66% when run
 * again).
 */
import autocannon from 'autocannon';
import { execFileSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from './scenarios.mjs';
import { bookingStorm } from './storm.mjs';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const scale = Number(opt('scale', '1'));
const dbType = opt('db', 'sqlite');
const only = opt('only', '')?.split(',').filter(Boolean) ?? [];
const connections = opt('connections', '10,50').split(',').map(Number);
const duration = Number(opt('duration', '10'));
const warmup = Number(opt('warmup', '3'));
const rounds = Number(opt('rounds', '1'));
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new Error('--rounds 1..20');
if (![1, 10].includes(scale) && !(scale >= 1 && scale <= 20)) throw new Error('--scale 1..20');
if (!['sqlite', 'mysql'].includes(dbType)) throw new Error('--db sqlite|mysql');

const log = (s) => process.stdout.write(s + '\n');
const dataDir = join(ROOT, 'bench', '.data', `${dbType}-${scale}`);
const dbName = `zhdj_bench_${scale}`;
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  DB_TYPE: dbType,
  ...(dbType === 'mysql' ? { DB_NAME: dbName, DB_HOST: process.env.DB_HOST ?? '127.0.0.1', DB_USER: process.env.DB_USER ?? 'root', DB_PASSWORD: process.env.DB_PASSWORD ?? '' } : {}),
  DEMO_SEED: 'false',
  JOBS: 'false',
  THROTTLE_LOGIN_PER_MINUTE: '1000000',
  THROTTLE_VERIFY_PER_MINUTE: '1000000',
  ACCESS_TOKEN_TTL_SECONDS: '3600',
  REFRESH_TOKEN_TTL_SECONDS: '7200', // the access token may not outlive the refresh token's idle limit
  NODE_ENV: 'development',
};

function sh(cmd, args, extraEnv = env) {
  execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: extraEnv });
}

async function openDb() {
  if (dbType === 'mysql') {
    const mysql = require('mysql2/promise');
    const admin = await mysql.createConnection({ host: env.DB_HOST, user: env.DB_USER, password: env.DB_PASSWORD });
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const pool = mysql.createPool({ host: env.DB_HOST, user: env.DB_USER, password: env.DB_PASSWORD, database: dbName, connectionLimit: 2 });
    return { all: async (sql, p = []) => (await pool.query(sql, p))[0], run: async (sql, p = []) => (await pool.query(sql, p))[0], instant: (iso) => new Date(iso), close: () => pool.end() };
  }
  mkdirSync(dataDir, { recursive: true });
  const Database = require('better-sqlite3');
  const db = new Database(join(dataDir, 'zhdj.sqlite'));
  db.pragma('busy_timeout = 10000');
  return {
    all: async (sql, p = []) => db.prepare(sql).all(...p),
    run: async (sql, p = []) => db.prepare(sql).run(...p),
    // DATETIME columns hold UTC text on SQLite (as TypeORM writes them).
    instant: (iso) => new Date(iso).toISOString().replace('T', ' ').replace('Z', ''),
    close: async () => db.close(),
  };
}

async function hasStudy(db) {
  const t = await db.all(`SELECT COUNT(*) AS n FROM ${dbType === 'mysql' ? 'information_schema.tables WHERE table_schema = DATABASE() AND table_name' : "sqlite_master WHERE type = 'table' AND name"} = 'study_modules'`);
  return Number(t[0].n) > 0 && Number((await db.all('SELECT COUNT(*) AS n FROM study_modules'))[0].n) > 0;
}

async function waitFor(url, ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up`);
}

function load(url, c, seconds, req) {
  return new Promise((resolvePromise, reject) => {
    const inst = autocannon({ url, connections: c, duration: seconds, method: req.method, headers: req.headers, body: req.body }, (err, result) => (err ? reject(err) : resolvePromise(result)));
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const summary = (r) => ({
  rps: Math.round(r.requests.average),
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.timeouts + r.non2xx,
  requests: r.requests.total,
});

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};

/** One side's runs → the median of each figure, errors and requests summed. */
const medianOf = (runs) => ({
  rps: Math.round(median(runs.map((r) => r.rps))),
  p50: median(runs.map((r) => r.p50)),
  p99: median(runs.map((r) => r.p99)),
  errors: runs.reduce((n, r) => n + r.errors, 0),
  requests: runs.reduce((n, r) => n + r.requests, 0),
});

/** A throughput ratio as the table shows it: "76%", or with rounds "76% (71–80%)". */
const ratioText = (r) => `${Math.round(r.throughputRatio * 100)}%${r.ratioRange ? ` (${r.ratioRange.map((x) => Math.round(x * 100)).join('–')}%)` : ''}`;

async function main() {
  log(`zhdj bench: scale ${scale}, ${dbType}, ${connections.join('/')} connections, ${duration}s runs after ${warmup}s warm-up`);
  sh('npm', ['run', 'build', '-w', 'shared']);
  sh('npm', ['run', 'build', '-w', 'server']);
  let db = await openDb();
  const seeded = await db.all(`SELECT COUNT(*) AS n FROM ${dbType === 'mysql' ? 'information_schema.tables WHERE table_schema = DATABASE() AND table_name' : "sqlite_master WHERE type = 'table' AND name"} = 'organizations'`);
  let hasOrgs = Number(seeded[0].n) > 0 && Number((await db.all('SELECT COUNT(*) AS n FROM organizations'))[0].n) > 0;
  if (hasOrgs && !(await hasStudy(db))) {
    // Seeded before the study feature: the seed only runs on an empty database, so start again from nothing.
    log('The benchmark database predates the study seed; rebuilding it …');
    await db.close();
    if (dbType === 'mysql') {
      const mysql = require('mysql2/promise');
      const admin = await mysql.createConnection({ host: env.DB_HOST, user: env.DB_USER, password: env.DB_PASSWORD });
      await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await admin.end();
    } else rmSync(dataDir, { recursive: true, force: true });
    db = await openDb();
    hasOrgs = false;
  }
  if (!hasOrgs) {
    log(`Seeding the benchmark database (scale ${scale}) …`);
    sh('node', ['server/dist/database/seed/seed.cli.js', '--scale', String(scale)]);
  }
  const apiPort = 3900 + scale;
  const basePort = 3950 + scale;
  // --cpu-prof <dir>: the API writes a V8 CPU profile there when it exits (open it in Chrome DevTools), the baseline
  // one in <dir>/baseline, to compare where each spends its time.
  const profDir = opt('cpu-prof', '');
  const api = spawn('node', [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profDir)}`] : []), 'server/dist/main.js'], { cwd: ROOT, env: { ...env, PORT: String(apiPort) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const baseline = fork(join(ROOT, 'bench', 'baseline.mjs'), ['--db', dbType, '--port', String(basePort), ...(dbType === 'mysql' ? ['--database', dbName] : ['--path', join(dataDir, 'zhdj.sqlite')])], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: profDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profDir, 'baseline')}`] : [] });
  const stop = () => {
    api.kill('SIGTERM');
    baseline.kill('SIGTERM');
  };
  process.on('exit', stop);
  try {
    await waitFor(`http://127.0.0.1:${apiPort}/api/health`);
    await new Promise((r) => baseline.once('message', r));
    const ctx = await context(db, apiPort);
    const results = [];
    for (const s of SCENARIOS.filter((x) => !only.length || only.includes(x.id))) {
      // The API runs with JOBS=false (no expiry or reminders changing the data under the load): the overview's
      // overdue roll-up is moved to now by one run of its job, as a running deployment's would be each minute.
      if (s.id.startsWith('transfers-overview')) sh('node', ['server/dist/cli/overdue-rollup.cli.js']);
      const req = s.prepare(ctx);
      const apiUrl = `http://127.0.0.1:${apiPort}${req.path}`;
      // The API reads the caller's session and roles at every authenticated request (so a revoked session ends at
      // once): the baseline runs that same query for the same user and session.
      const bearer = /^Bearer (.+)$/.exec(req.headers?.authorization ?? '')?.[1];
      const claims = bearer ? JSON.parse(Buffer.from(bearer.split('.')[1], 'base64url').toString()) : null;
      const auth = claims ? `&a=${encodeURIComponent(JSON.stringify({ userId: Number(claims.sub), sessionId: Number(claims.sid) }))}` : '';
      const baseUrl = `http://127.0.0.1:${basePort}/${req.baseline.name}?p=${encodeURIComponent(JSON.stringify(req.baseline.params))}${auth}`;
      const check = await fetch(apiUrl, { method: req.method, headers: req.headers, body: req.body });
      if (!check.ok) throw new Error(`${s.id}: the API answered ${check.status} ${await check.text()}`);
      // The baseline answers with the same JSON, or the comparison flatters one side: the two bodies' sizes are
      // compared once (reads only: a write's second answer differs) and kept with the results.
      const bodyBytes = { api: Buffer.byteLength(await check.text()), baseline: null };
      if (req.method === 'GET') {
        bodyBytes.baseline = Buffer.byteLength(await (await fetch(baseUrl)).text());
        if (bodyBytes.baseline !== bodyBytes.api) log(`${s.id}: the baseline's body is ${bodyBytes.baseline} bytes, the API's ${bodyBytes.api}`);
      }
      for (const c of connections) {
        await load(apiUrl, c, warmup, req);
        await load(baseUrl, c, warmup, { method: 'GET' });
        // Both warm, the sides alternate round by round, so that a drift of the machine meets both alike.
        const measured = [];
        for (let i = 0; i < rounds; i++) {
          const api = summary(await load(apiUrl, c, duration, req));
          const baseline = summary(await load(baseUrl, c, duration, { method: 'GET' }));
          measured.push({ api, baseline });
        }
        const a = medianOf(measured.map((m) => m.api));
        const b = medianOf(measured.map((m) => m.baseline));
        const ratios = measured.map((m) => m.api.rps / m.baseline.rps);
        const row = { scenario: s.id, describe: s.describe, connections: c, duration, api: a, baseline: b, throughputRatio: +median(ratios).toFixed(2), p99Ratio: +(a.p99 / Math.max(b.p99, 1)).toFixed(2), bodyBytes };
        if (rounds > 1) Object.assign(row, { ratioRange: [+Math.min(...ratios).toFixed(2), +Math.max(...ratios).toFixed(2)], rounds: measured });
        results.push(row);
        log(`${s.id.padEnd(28)} c=${String(c).padEnd(3)} api ${String(a.rps).padStart(6)} req/s p50 ${String(a.p50).padStart(4)} ms p99 ${String(a.p99).padStart(4)} ms err ${a.errors} | baseline ${String(b.rps).padStart(6)} req/s p99 ${String(b.p99).padStart(4)} ms | ${ratioText(row)} of baseline`);
      }
    }
    if (!only.length || only.includes('booking-storm')) {
      const storm = await bookingStorm({ db, apiPort, basePort, login: ctx.login, log, rounds });
      const a = { ...medianOf(storm.measured.map((m) => m.api)), ...storm.api };
      const b = { ...medianOf(storm.measured.map((m) => m.baseline)), ...storm.baseline };
      const ratios = storm.measured.map((m) => m.api.rps / m.baseline.rps);
      const row = { scenario: 'booking-storm', describe: '1,000 POST /api/bookings from distinct members at 20 slots, 50 at a time', connections: 50, api: a, baseline: b, throughputRatio: +median(ratios).toFixed(2), p99Ratio: +(a.p99 / Math.max(b.p99, 1)).toFixed(2) };
      if (rounds > 1) Object.assign(row, { ratioRange: [+Math.min(...ratios).toFixed(2), +Math.max(...ratios).toFixed(2)], rounds: storm.measured });
      results.push(row);
      log(`booking-storm                c=50  api ${String(a.rps).padStart(6)} req/s p50 ${String(a.p50).padStart(4)} ms p99 ${String(a.p99).padStart(4)} ms ${JSON.stringify(a.outcomes)}; at most ${a.storm.maxBookedPerSlot} booked per slot of ${a.storm.capacity} | baseline ${String(b.rps).padStart(6)} req/s p99 ${String(b.p99).padStart(4)} ms | ${ratioText(row)} of baseline`);
    }
    write(results);
  } finally {
    stop();
    await db.close();
  }
}

async function context(db, apiPort) {
  const login = async (username) => {
    const r = await fetch(`http://127.0.0.1:${apiPort}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo-2026-zhdj' }) });
    if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
    return (await r.json()).accessToken;
  };
  const [root] = await db.all('SELECT id, path FROM organizations WHERE parent_id IS NULL');
  const [big] = await db.all("SELECT id, path FROM organizations WHERE level = 'COMMITTEE' ORDER BY subtree_member_count DESC, id LIMIT 1");
  const subtree = await db.all('SELECT org_path, id FROM members WHERE org_path LIKE ? ORDER BY org_path, id', [big.path + '%']);
  const deep = subtree[Math.floor(subtree.length * 0.9)];
  const [committee] = await db.all("SELECT o.path FROM role_assignments ra JOIN users u ON u.id = ra.user_id JOIN organizations o ON o.id = ra.org_id WHERE u.username = 'committee'");
  const [branch] = await db.all("SELECT o.path FROM role_assignments ra JOIN users u ON u.id = ra.user_id JOIN organizations o ON o.id = ra.org_id WHERE u.username = 'branch'");
  const [withTransfer] = await db.all(
    "SELECT u.username, t.member_id FROM transfers t JOIN users u ON u.member_id = t.member_id WHERE t.channel = 'IN_COUNTY' AND t.state = 'LETTER_ISSUED' ORDER BY t.id LIMIT 1",
  );
  const [member] = await db.all("SELECT u.id AS user_id, u.username, u.member_id FROM users u WHERE u.username = 'member'");
  const [committeeOrg] = await db.all("SELECT ra.org_id FROM role_assignments ra JOIN users u ON u.id = ra.user_id WHERE u.username = 'committee'");
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const [someone] = await db.all("SELECT phone FROM members WHERE status = 'ACTIVE' ORDER BY id LIMIT 1 OFFSET 1000");
  const [busy] = await db.all("SELECT center_id FROM bookings WHERE status = 'BOOKED' GROUP BY center_id ORDER BY COUNT(*) DESC, center_id LIMIT 1");
  const [letter] = await db.all("SELECT token FROM letters WHERE status = 'VALID' ORDER BY id LIMIT 1");
  return {
    login,
    tokens: {
      admin: await login('admin'),
      committee: await login('committee'),
      branch: await login('branch'),
      member: await login('member'),
      memberWithTransfer: await login(withTransfer.username),
    },
    ids: {
      root: root.id,
      rootPath: root.path,
      bigCommittee: big,
      deepCursor: [deep.org_path, Number(deep.id)],
      committeePath: committee.path,
      branchPath: branch.path,
      memberWithTransfer: Number(withTransfer.member_id),
      memberUserId: Number(member.user_id),
      memberId: Number(member.member_id),
      committeeId: Number(committeeOrg.org_id),
      year: Number(today.slice(0, 4)),
      today,
      inTwoWeeks: new Date(Date.now() + (8 + 13 * 24) * 3600e3).toISOString().slice(0, 10),
      busyCenter: Number(busy.center_id),
      letterToken: letter.token,
    },
    member: { phone: someone.phone },
  };
}

function write(results) {
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const base = join(ROOT, 'bench', 'results', `${date}-${dbType}-${scale}`);
  // An --only run re-measures some scenarios: their rows replace the same rows of the day's full run, if any.
  if (only.length && existsSync(`${base}.json`)) {
    const file = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
    // Rows written before each row kept its own run length ran for the file's.
    const earlier = file.results.map((r) => (r.scenario === 'booking-storm' || r.duration ? r : { ...r, duration: file.duration }));
    const fresh = (r) => results.find((x) => x.scenario === r.scenario && x.connections === r.connections);
    results = [...earlier.map((r) => fresh(r) ?? r), ...results.filter((r) => !earlier.some((e) => e.scenario === r.scenario && e.connections === r.connections))];
  }
  // At ten times the county, compare p99 with the latest county-scale run on the same database.
  let county = null;
  if (scale !== 1) {
    // The day's own county table, else the latest day's: only files named <date>-<db>-1.json (copies kept under
    // other names, such as 2026-11-30-morning-mysql-1.json, are earlier hosts' records and sort among them by name).
    const files = readdirSync(join(ROOT, 'bench', 'results')).filter((f) => new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${dbType}-1\\.json$`).test(f)).sort();
    if (files.length) county = JSON.parse(readFileSync(join(ROOT, 'bench', 'results', files.at(-1)), 'utf8'));
  }
  for (const r of results) {
    const ref = county?.results.find((x) => x.scenario === r.scenario && x.connections === r.connections);
    if (ref) r.p99VsScale1 = +(r.api.p99 / Math.max(ref.api.p99, 1)).toFixed(2);
  }
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  // Rows merged from an earlier run may have run for other lengths and rounds than this one: the header states the
  // settings most rows had, and names the rows measured otherwise. (The storm is a fixed burst: it has rounds only.)
  const roundsOf = (r) => r.rounds?.length ?? 1;
  const settingsOf = (r) => ({ seconds: r.scenario === 'booking-storm' ? null : (r.duration ?? duration), rounds: roundsOf(r) });
  const tally = (key) => {
    const groups = new Map();
    for (const r of results) {
      const v = settingsOf(r)[key];
      if (v !== null) groups.set(v, [...(groups.get(v) ?? []), r]);
    }
    return [...groups].sort((a, b) => b[1].length - a[1].length);
  };
  const [byRounds, bySeconds] = [tally('rounds'), tally('seconds')];
  const most = Number(byRounds[0]?.[0] ?? rounds);
  const mostSeconds = Number(bySeconds[0]?.[0] ?? duration);
  // Each row measured otherwise, by how it differs (its run length, its rounds); rows that differ alike share a clause,
  // and a scenario only some of whose rows differ is named with their connections.
  const differing = new Map();
  for (const r of results) {
    const { seconds, rounds: n } = settingsOf(r);
    const how = [seconds !== null && seconds !== mostSeconds ? `${seconds} s` : '', n !== most ? `${n} round${n > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
    if (how) differing.set(how, [...(differing.get(how) ?? []), r]);
  }
  const others = [...differing].map(([text, rows]) => {
    const named = rows.map((r) => (results.every((x) => x.scenario !== r.scenario || rows.includes(x)) ? r.scenario : `${r.scenario} (${r.connections} connections)`));
    return `${[...new Set(named)].join(', ')}: ${text}`;
  });
  writeFileSync(`${base}.json`, JSON.stringify({ date, db: dbType, scale, duration: mostSeconds, rounds: most, machine, results }, null, 2) + '\n');
  const roundsText = most > 1 ? `; ${most} alternating rounds` : '';
  const mediansText = results.some((r) => roundsOf(r) > 1) ? ", medians (the ratio's range in brackets)" : '';
  const othersText = others.length ? `; measured again with --only: ${others.join('; ')}` : '';
  const lines = [
    `Benchmark ${date}, ${dbType}, scale ${scale} (${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}); ${mostSeconds} s per run after ${warmup} s warm-up${roundsText}${mediansText}${othersText}.`,
    '',
    `| scenario | conns | API req/s | API p50 ms | API p99 ms | errors | baseline req/s | baseline p99 ms | throughput vs baseline |${scale !== 1 ? ' p99 vs scale 1 |' : ''}`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|${scale !== 1 ? '---:|' : ''}`,
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${r.connections} | ${r.api.rps} | ${r.api.p50} | ${r.api.p99} | ${r.api.errors} | ${r.baseline.rps} | ${r.baseline.p99} | ${ratioText(r)} |${scale !== 1 ? ` ${r.p99VsScale1 ?? '—'} |` : ''}`,
    ),
  ];
  const storm = results.find((r) => r.scenario === 'booking-storm');
  if (storm) {
    const side = (x) => `${Object.entries(x.outcomes).map(([k, v]) => `${v} ${k}`).join(', ')}; at most ${x.storm.maxBookedPerSlot} active bookings in a slot of capacity ${x.storm.capacity}, ${x.storm.overbooked} slots overbooked, ${x.storm.counterMismatches} counters off`;
    lines.push('', `Booking storm — API: ${side(storm.api)}. Baseline: ${side(storm.baseline)}.`);
  }
  writeFileSync(`${base}.md`, lines.join('\n') + '\n');
  log('\n' + lines.join('\n'));
  log(`\nWritten ${base}.json and .md`);
}

main().catch((e) => {
  process.stderr.write((e.stack ?? String(e)) + '\n');
  process.exit(1);
});
