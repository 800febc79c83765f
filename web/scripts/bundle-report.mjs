// Builds the app in memory and reports the gzipped JavaScript each first screen loads — the member home (/m/profile),
// the admin home (/admin/orgs) and the admin's transfer queue (/admin/transfers) — following static imports from the
// entry and the route chunks, and the stylesheets those chunks wait for. Fails when the member screens would load
// Element Plus or ECharts, when the queue would load Element Plus's date pickers, tree, forms, table or select, when a first screen's
// JavaScript is over its budget (in gzipped KB, or the member's in files), or when a stylesheet embeds a font (a
// screen's code waits for its styles, so an embedded font is downloaded before the screen can show; vite.config.ts
// moves Vant's icon font to a file of its own). The budgets are gzip's; the Brotli figure is what browsers that accept
// it receive (the build writes each text file's Brotli form, which the server sends as it is): it fails when a first
// screen's file has none.
// Usage: node scripts/bundle-report.mjs [--json]
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chunkClosure } from './chunk-closure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = await build({ root, logLevel: 'silent', build: { write: false } });
const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
const chunks = new Map(outputs.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
const assets = new Map(outputs.filter((o) => o.type === 'asset').map((a) => [a.fileName, a]));
const text = (asset) => (typeof asset.source === 'string' ? asset.source : Buffer.from(asset.source).toString('utf8'));
const entry = [...chunks.values()].find((c) => c.isEntry);

const byModule = (needle) => [...chunks.values()].find((c) => c.facadeModuleId?.includes(needle));
const report = (label, routeModules) => {
  const starts = [entry.fileName, ...routeModules.map((m) => byModule(m).fileName)];
  const files = [...chunkClosure(chunks, starts)];
  const gz = files.reduce((sum, f) => sum + gzipSync(chunks.get(f).code).length, 0);
  const brotli = files.map((f) => assets.get(`${f}.br`));
  const missingBrotli = files.filter((f, i) => !brotli[i] && chunks.get(f).code.length >= 1024);
  const br = brotli.reduce((sum, a, i) => sum + (a ? a.source.length : chunks.get(files[i]).code.length), 0);
  const raw = files.reduce((sum, f) => sum + chunks.get(f).code.length, 0);
  const modules = files.flatMap((f) => chunks.get(f).moduleIds);
  const css = [...new Set(files.flatMap((f) => [...(chunks.get(f).viteMetadata?.importedCss ?? [])]))];
  const cssGz = css.reduce((sum, f) => sum + gzipSync(text(assets.get(f))).length, 0);
  return { label, files: files.length, rawKb: +(raw / 1024).toFixed(1), gzipKb: +(gz / 1024).toFixed(1), brotliKb: +(br / 1024).toFixed(1), missingBrotli, cssGzipKb: +(cssGz / 1024).toFixed(1), modules };
};

const member = report('member home (/m/profile)', ['layouts/MobileLayout.vue', 'views/MemberProfileView.vue']);
const admin = report('admin home (/admin/orgs)', ['layouts/DesktopLayout.vue', 'views/OrgBrowserView.vue']);
const queue = report('admin queue (/admin/transfers)', ['layouts/DesktopLayout.vue', 'views/TransferQueueView.vue']);
const fontsInCss = [...assets.values()].filter((a) => a.fileName.endsWith('.css') && /url\(\s*["']?data:(font\/|application\/(x-)?font)/.test(text(a))).map((a) => a.fileName);
const forbidden = member.modules.filter((m) => /node_modules\/(element-plus|@element-plus|echarts|zrender|vue-echarts)\//.test(m));
// Nor the other way: the administrators' first screens carry no Vant (a helper in the chunk every screen shares that
// imported Vant statically once put 23 KB gzipped on them: composables/asked.ts imports its dialog when asked).
const vantOnAdmin = [admin, queue].flatMap((r) => r.modules.filter((m) => /node_modules\/(vant|@vant)\//.test(m)).map((m) => `${r.label}: ${m.replace(/.*node_modules\//, '')}`));
// The queue, which administrators open most (on a phone too), shows no date picker, tree, form, text box, check box
// or message box, and loads its desktop table and its filters only where it shows them (TransferQueueView): those
// parts of Element Plus stay in chunks of their own (vite.config.ts) and must not drift back into its first screen.
const queueExtras = queue.modules.filter((m) => /node_modules\/(element-plus\/es\/components\/(date-picker|date-picker-panel|time-picker|time-select|tree|form\/src\/form|table|select|input|checkbox|message-box)\/|dayjs|async-validator)\b/.test(m));
// Budgets (issue #6): the member's first screen must stay light for old phones; the admin's may carry the desktop kit.
const BUDGET_KB = { member: 150, admin: 350 };
// And in files: on a slow phone link each one costs a round trip (HTTP/1.1 carries six at a time), so the member's
// first screen must not drift back into many small chunks (it was 16 JS files before vite.config.ts grouped them).
const MEMBER_MAX_FILES = 10;
// No screen downloads another screen: a module two screens share belongs in a shared chunk, but Rolldown puts a module
// no group claims into one of its users' chunks, and a vendor chunk importing it then makes every screen using that
// vendor chunk download that screen too (six admin screens, the transfer review among them, once loaded the centre
// desk for a time picker's stylesheet).
const screens = [...chunks.values()].filter((c) => /[\\/]views[\\/][^\\/]+View\.vue$/.test(c.facadeModuleId ?? ''));
const screenFiles = new Set(screens.map((c) => c.fileName));
const crossLoads = screens.flatMap((c) =>
  [...chunkClosure(chunks, [c.fileName])].filter((f) => f !== c.fileName && screenFiles.has(f)).map((f) => `${c.fileName} loads ${f}`),
);
// Charts load when they are shown (AdminBarChart, through lazyPart): no screen's own code carries ECharts, about
// 170 KB gzipped, before its figures can show (the transfer overview's first screen was 366.6 KB with it, 200.3 without).
const isChartModule = (m) => /node_modules\/(echarts|zrender|vue-echarts)\//.test(m);
const chartsUpFront = screens.filter((c) => [...chunkClosure(chunks, [c.fileName])].some((f) => chunks.get(f).moduleIds.some(isChartModule))).map((c) => c.fileName);
// English is fetched when someone first switches to it (src/i18n applyLocale, Vant's words in use-kit-locale.ts): a
// first screen, which opens in Chinese, must not carry the app's English messages or Vant's. A feature's words in both
// languages in one module would put the English in the app's first download (it once did, 2 KB). Element Plus's
// English is not counted: the kit imports it itself as the fallback of every locale.
const isEnglishModule = (m) => /[\\/]src[\\/](i18n[\\/]en|features[\\/].+\.en)\.ts$|node_modules[\\/]vant[\\/]es[\\/]locale[\\/]lang[\\/]en-US\./.test(m);
const englishUpFront = [member, admin, queue].flatMap((r) => r.modules.filter(isEnglishModule).map((m) => `${r.label}: ${m.replace(/.*?(src|node_modules)[\\/]/, '$1/')}`));
const noBrotli = [...member.missingBrotli, ...admin.missingBrotli, ...queue.missingBrotli];
const overBudget = [
  ...(member.gzipKb > BUDGET_KB.member ? [`member first screen ${member.gzipKb} KB > ${BUDGET_KB.member} KB`] : []),
  ...(member.files > MEMBER_MAX_FILES ? [`member first screen ${member.files} JS files > ${MEMBER_MAX_FILES}`] : []),
  ...[admin, queue].filter((r) => r.gzipKb > BUDGET_KB.admin).map((r) => `${r.label} ${r.gzipKb} KB > ${BUDGET_KB.admin} KB`),
];

if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify({ member: { ...member, modules: undefined }, admin: { ...admin, modules: undefined }, queue: { ...queue, modules: undefined }, forbidden, vantOnAdmin, queueExtras, crossLoads, chartsUpFront, fontsInCss, noBrotli, englishUpFront }, null, 2) + '\n');
} else {
  for (const r of [member, admin, queue]) {
    process.stdout.write(`${r.label.padEnd(31)} ${String(r.files).padStart(3)} JS files  ${String(r.rawKb).padStart(7)} KB  gzip ${String(r.gzipKb).padStart(6)} KB  brotli ${String(r.brotliKb).padStart(6)} KB  (+ CSS gzip ${r.cssGzipKb} KB)\n`);
  }
  process.stdout.write(forbidden.length ? `member screens load forbidden modules:\n  ${forbidden.slice(0, 10).join('\n  ')}\n` : 'member screens load no Element Plus and no ECharts\n');
  process.stdout.write(vantOnAdmin.length ? `administrators' first screens load Vant:\n  ${vantOnAdmin.slice(0, 10).join('\n  ')}\n` : 'administrators\' first screens load no Vant\n');
  process.stdout.write(queueExtras.length ? `the admin queue loads date pickers, the tree, forms, the table, selects, inputs, check boxes or message boxes:\n  ${queueExtras.slice(0, 10).join('\n  ')}\n` : 'the admin queue loads no date picker, tree, form, table, select, input, check box or message box\n');
  process.stdout.write(crossLoads.length ? `screens load other screens' code:\n  ${crossLoads.join('\n  ')}\n` : `no screen loads another's code (${screens.length} screens)\n`);
  process.stdout.write(chartsUpFront.length ? `screens load ECharts before they show: ${chartsUpFront.join(', ')}\n` : 'no screen loads ECharts before it shows (charts load when shown)\n');
  process.stdout.write(fontsInCss.length ? `stylesheets embed a font: ${fontsInCss.join(', ')}\n` : 'no stylesheet embeds a font\n');
  process.stdout.write(englishUpFront.length ? `first screens carry English messages:\n  ${englishUpFront.join('\n  ')}\n` : 'no first screen carries English messages (fetched when chosen)\n');
  process.stdout.write(noBrotli.length ? `first-screen files without a Brotli form: ${noBrotli.join(', ')}\n` : 'every first-screen file has its Brotli form\n');
  process.stdout.write(overBudget.length ? `OVER BUDGET: ${overBudget.join('; ')}\n` : `within budget (member ≤ ${BUDGET_KB.member} KB in ≤ ${MEMBER_MAX_FILES} files, admin ≤ ${BUDGET_KB.admin} KB gzipped)\n`);
}
process.exit(forbidden.length || vantOnAdmin.length || queueExtras.length || crossLoads.length || chartsUpFront.length || overBudget.length || fontsInCss.length || noBrotli.length || englishUpFront.length ? 1 : 0);
