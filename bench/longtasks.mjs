#!/usr/bin/env node
/**
 * node bench/longtasks.mjs [--path /admin/transfers] [--as branch] [--runs 6] [--url http://localhost:3000] [--against http://localhost:3001]
 *
 * The main thread's long tasks during a first visit of one screen, in Debian Chromium at Lighthouse's 4× CPU
 * slow-down (phone viewport, empty HTTP cache, a fresh login per run): each run's tasks over 200 ms, the first
 * paint, the largest paint, and the blocking time (the part of each task beyond 50 ms) before and after the first
 * paint. Unlike Lighthouse's simulated figures these are the tasks the page really ran, so a screen's own render cost
 * can be read off directly. With --against, a second server on the same data is measured alternately. A diagnostic,
 * not a gate: it prints and writes nothing.
 */
import puppeteer from 'puppeteer-core';
import { firstVisitTab } from './first-visit.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const path = opt('path', '/admin/transfers');
const as = opt('as', 'branch');
const runs = Number(opt('runs', '6'));
const origins = [opt('url', 'http://localhost:3000'), ...(opt('against', null) ? [opt('against', null)] : [])].map((u) => u.replace(/\/$/, ''));

async function measure(browser, base) {
  const { tab, cdp } = await firstVisitTab(browser, base, as);
  await tab.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await tab.evaluateOnNewDocument(() => {
    window.__tasks = [];
    window.__lcp = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__tasks.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__lcp = e.startTime))).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await tab.goto(base + path, { waitUntil: 'networkidle0' });
  await new Promise((r) => setTimeout(r, 1000));
  const r = await tab.evaluate(() => ({ tasks: window.__tasks, lcp: window.__lcp, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0, url: location.pathname }));
  await tab.close();
  if (!r.url.startsWith(path)) throw new Error(`${base}${path} ended at ${r.url} (logged out?)`);
  const blocking = (tasks) => Math.round(tasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0));
  return {
    fcp: Math.round(r.fcp),
    lcp: Math.round(r.lcp),
    before: blocking(r.tasks.filter(([t]) => t < r.fcp)),
    after: blocking(r.tasks.filter(([t]) => t >= r.fcp)),
    big: r.tasks.filter(([, d]) => d > 200).map(([t, d]) => `${Math.round(d)} ms at ${Math.round(t)}`),
  };
}

const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const results = origins.map(() => []);
try {
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? [...origins.keys()].reverse() : [...origins.keys()];
    for (const k of order) results[k].push(await measure(browser, origins[k]));
  }
} finally {
  await browser.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
process.stdout.write(`${path} as ${as}, first visits at 4× CPU slow-down, ${runs} runs each\n`);
origins.forEach((origin, k) => {
  process.stdout.write(`${origin}\n`);
  for (const r of results[k]) process.stdout.write(`  first paint ${r.fcp} ms, largest ${r.lcp} ms, blocking ${r.before} ms before / ${r.after} ms after the first paint; tasks over 200 ms: ${r.big.join(', ') || 'none'}\n`);
  const m = (f) => median(results[k].map(f));
  process.stdout.write(`  median: first paint ${m((r) => r.fcp)} ms, largest ${m((r) => r.lcp)} ms, blocking ${m((r) => r.before)} + ${m((r) => r.after)} ms\n`);
});
