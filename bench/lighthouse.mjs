#!/usr/bin/env node
/**
 * npm run lighthouse [-- --url http://localhost:3000] [--runs 3] [--against http://localhost:3001] [--only Member,Admin]
 *
 * Lighthouse 12 (mobile profile: a mid-range phone on a slow 4G link, simulated) on the screens issue #6 names —
 * login, member home, the transfer tracker, the study reader, the booking picker and the administrator's queue —
 * against a running demo (`npm start`), through Debian Chromium, each run a first visit (an empty HTTP cache, the
 * session in the page's storage). A report, not a CI gate: it prints a Markdown
 * table of the performance and accessibility scores (the median of --runs runs) and writes it, with the raw
 * figures, to bench/results/<date>-lighthouse.{md,json}.
 *
 * --against <url>: a second server on the same data (another build, say the commit before a change) is measured in
 * the same run, alternating with the first run by run, so that both meet the same machine load; the table gains its
 * medians and the output files are <date>-lighthouse-compare.{md,json}. Single runs vary by several points; compare
 * medians measured this way rather than runs made at different times.
 *
 * --throttling devtools: the slow link and the 4× CPU slow-down are applied to the browser while the page loads, and
 * the figures are what it observed, instead of Lighthouse's default simulation (a load at full speed, its tasks and
 * requests then replayed in a model at those speeds). Slower, and noisier from run to run, but a check on the model
 * where a change moves work between tasks — the model can charge such a change with blocking time the page does not
 * have (journal, 2026-11-30).
 *
 * --insecure: Chromium accepts a certificate it cannot verify — for a server on https:// with a test certificate (say
 * the same data served over HTTPS and HTTP/2 against plain HTTP/1.1: README → HTTPS). Give Node the certificate too,
 * for the script's own logins: NODE_EXTRA_CA_CERTS=<cert.pem>.
 *
 * --dump <dir>: also writes each run's full Lighthouse report there (<screen>-<server>-<run>.json), for what a score
 * does not say: the critical request chains, the LCP element, render-blocking resources, unused code.
 */
import lighthouse from 'lighthouse';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { firstVisitTab } from './first-visit.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const base = opt('url', 'http://localhost:3000').replace(/\/$/, '');
const runs = Number(opt('runs', '3'));
const against = opt('against', null)?.replace(/\/$/, '') ?? null;
// Screens whose name contains one of these words (case-insensitive); all six by default.
const only = (opt('only', '') ?? '').split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
const PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo-2026-zhdj';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dump = opt('dump', null);
const throttling = opt('throttling', 'simulate');
if (!['simulate', 'devtools'].includes(throttling)) throw new Error(`--throttling simulate|devtools, not ${throttling}`);
if (dump) mkdirSync(dump, { recursive: true });
let dumped = 0;

async function api(path, token, init = {}, origin = base) {
  const res = await fetch(origin + path, { ...init, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A real login through the API (the pages to measure are looked up with it). */
async function session(username, origin = base) {
  return api('/api/auth/login', undefined, { method: 'POST', body: JSON.stringify({ username, password: PASSWORD }) }, origin);
}

/** The pages to measure, with the ids the demo holds for them. */
async function pages() {
  const member = await session('member');
  // The tracker: the demo member's own transfer, or else a seeded member's open one (members log in by mobile number).
  let tracker = { as: 'member', transfer: await api('/api/transfers/mine', member.accessToken) };
  if (!tracker.transfer) {
    const admin = await session('admin');
    const open = (await api('/api/transfers?queue=watching&limit=20', admin.accessToken)).items.find((t) => t.member?.id);
    const phone = open ? (await api(`/api/members/${open.member.id}`, admin.accessToken)).phone : null;
    if (phone) tracker = { as: phone, transfer: await api('/api/transfers/mine', (await session(phone)).accessToken) };
  }
  const transfer = tracker.transfer;
  const study = await api('/api/study/my', member.accessToken);
  const moduleId = study.tracks.flatMap((t) => t.modules).find((m) => m.module.kind === 'ARTICLE')?.module.id ?? study.tracks[0]?.modules[0]?.module.id;
  const list = [
    { name: 'Login', path: '/login', as: null },
    { name: 'Member home (profile)', path: '/m/profile', as: 'member' },
    transfer ? { name: 'Transfer tracker', path: `/m/transfers/${transfer.id}`, as: tracker.as } : null,
    moduleId ? { name: 'Study reader', path: `/m/study/modules/${moduleId}`, as: 'member' } : null,
    { name: 'Booking picker', path: '/m/bookings/new', as: 'member' },
    { name: 'Admin transfer queue', path: '/admin/transfers', as: 'branch' },
  ];
  for (const p of list) if (!p) throw new Error('the demo member has no transfer or no study module: run against the seeded demo (npm start)');
  return list;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * One Lighthouse run of a screen, tried once more when Lighthouse itself fails to record it (NO_NAVSTART and the like
 * come now and then on a loaded host; a run that failed says nothing about the page).
 */
async function measure(browser, page, as, origin = base) {
  try {
    return await measureOnce(browser, page, as, origin);
  } catch (e) {
    if (!(e instanceof LighthouseRunError)) throw e;
    process.stdout.write(`${e.message}: running it again\n`);
    return measureOnce(browser, page, as, origin);
  }
}

class LighthouseRunError extends Error {}

async function measureOnce(browser, page, as, origin = base) {
  const { tab, cdp } = await firstVisitTab(browser, origin, as);
  await cdp.detach();
  const result = await lighthouse(
    origin + page.path,
    { output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], disableStorageReset: true, throttlingMethod: throttling },
    undefined,
    tab,
  );
  await tab.close();
  const lhr = result.lhr;
  if (dump) {
    const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    writeFileSync(join(dump, `${slug(page.name)}-${slug(new URL(origin).host)}-${++dumped}.json`), result.report);
  }
  if (lhr.runtimeError) throw new LighthouseRunError(`${page.name}: ${lhr.runtimeError.message}`);
  const audit = (id) => lhr.audits[id]?.numericValue;
  return {
    performance: Math.round(lhr.categories.performance.score * 100),
    accessibility: Math.round(lhr.categories.accessibility.score * 100),
    fcp: audit('first-contentful-paint'),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    failedA11y: Object.values(lhr.audits).filter((a) => lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0) && a.score === 0).map((a) => a.id),
    finalUrl: lhr.finalDisplayedUrl,
  };
}

const insecure = argv.includes('--insecure') ? ['--ignore-certificate-errors'] : [];
const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', ...insecure] });
const browserVersion = await browser.version();
const rows = [];
const summarise = (page, samples) => {
  const pick = (k) => median(samples.map((s) => s[k]));
  const row = { ...page, performance: pick('performance'), accessibility: pick('accessibility'), fcp: pick('fcp'), lcp: pick('lcp'), tbt: pick('tbt'), cls: pick('cls'), failedA11y: [...new Set(samples.flatMap((s) => s.failedA11y))], finalUrl: samples[0].finalUrl, samples };
  // Every run, and the whole address: /no-access?from=/admin/transfers also ends with the queue's path.
  for (const s of samples) {
    const at = new URL(s.finalUrl);
    if (at.pathname + at.search !== page.path) throw new Error(`${page.name}: ended at ${s.finalUrl}, not ${page.path} (logged out, or another user's session?)`);
  }
  return row;
};
try {
  for (const page of (await pages()).filter((p) => !only.length || only.some((w) => p.name.toLowerCase().includes(w)))) {
    const samples = [];
    const other = [];
    for (let i = 0; i < runs; i++) {
      // Alternating which goes first, so that neither always follows the other's warm-up.
      if (against && i % 2) other.push(await measure(browser, page, page.as, against));
      samples.push(await measure(browser, page, page.as));
      if (against && !(i % 2)) other.push(await measure(browser, page, page.as, against));
    }
    const row = summarise(page, samples);
    if (against) row.against = summarise(page, other);
    rows.push(row);
    process.stdout.write(`${page.name}: performance ${row.performance}, accessibility ${row.accessibility}${against ? ` (against: ${row.against.performance})` : ''}\n`);
  }
} finally {
  await browser.close();
}

const date = new Date().toISOString().slice(0, 10);
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${browserVersion}`;
const cells = (r) => `${r.performance} | ${r.accessibility} | ${Math.round(r.fcp)} | ${Math.round(r.lcp)} | ${Math.round(r.tbt)} | ${r.cls.toFixed(3)}`;
const md = [
  `Lighthouse 12, mobile profile (${throttling === 'devtools' ? 'applied' : 'simulated'} slow 4G, 4× CPU slow-down), median of ${runs} runs, ${date} on ${machine}; demo at ${base}${against ? `, against ${against} (runs alternating)` : ''}.`,
  '',
  `| screen | path |${against ? ' server |' : ''} performance | accessibility | FCP ms | LCP ms | TBT ms | CLS |`,
  `|---|---|${against ? '---|' : ''}---:|---:|---:|---:|---:|---:|`,
  ...rows.flatMap((r) =>
    against
      ? [`| ${r.name} | \`${r.path}\` | ${base} | ${cells(r)} |`, `| | | ${against} | ${cells(r.against)} |`]
      : [`| ${r.name} | \`${r.path}\` | ${cells(r)} |`],
  ),
  '',
  ...rows.filter((r) => r.failedA11y.length).map((r) => `- ${r.name}: failed accessibility audits: ${r.failedA11y.join(', ')}`),
].join('\n');
const out = join(ROOT, 'bench', 'results');
mkdirSync(out, { recursive: true });
const name = `${date}-lighthouse${throttling === 'devtools' ? '-devtools' : ''}${against ? '-compare' : ''}`;
writeFileSync(join(out, `${name}.md`), md + '\n');
writeFileSync(join(out, `${name}.json`), JSON.stringify({ date, machine, base, against, runs, rows }, null, 2));
process.stdout.write('\n' + md + '\n');
