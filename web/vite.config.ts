import { createHash } from 'node:crypto';
import { constants as zlib } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { VantResolver } from '@vant/auto-import-resolver';
import Components from 'unplugin-vue-components/vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import type { ComponentResolver } from 'unplugin-vue-components/types';
import { defineConfig, type Plugin } from 'vite';
import { Permission } from '../shared/src/auth/roles';
import { SESSION_STORAGE_KEY } from './src/stores/session-key';
import { chunkClosure } from './scripts/chunk-closure.mjs';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Element Plus components named here, with their style modules and their theme's stylesheets: a group that takes a
 * component but not its stylesheet leaves the stylesheet to whichever screen's chunk Rolldown picks, and the group's
 * chunk then imports that screen (the admin home once downloaded the study track editor for a checkbox group's CSS).
 */
const epParts = (...names: string[]): RegExp =>
  new RegExp(`node_modules[\\\\/]element-plus[\\\\/](es[\\\\/]components[\\\\/](${names.join('|')})[\\\\/]|theme-chalk[\\\\/]el-(${names.join('|')})\\.css$)`);

/**
 * Element Plus's resolver, each date picker bringing the county's Monday-first week with it
 * (src/layouts/date-picker-week.ts): loaded with the pickers rather than the layout, because it loads dayjs, which the
 * admin screens without a picker (the queue's first screen among them) do not otherwise need.
 */
function elementPlusResolvers(): ComponentResolver[] {
  const resolvers = ElementPlusResolver({ importStyle: 'css' });
  const week = here('./src/layouts/date-picker-week.ts');
  return resolvers.map((r) =>
    typeof r === 'function' || r.type !== 'component'
      ? r
      : {
          type: 'component',
          async resolve(name: string) {
            const found = await r.resolve(name);
            if (name !== 'ElDatePicker' || !found || typeof found === 'string') return found;
            const effects = found.sideEffects === undefined ? [] : Array.isArray(found.sideEffects) ? found.sideEffects : [found.sideEffects];
            return { ...found, sideEffects: [...effects, week] };
          },
        },
  );
}

/**
 * Vant's icon font, out of its stylesheet. Vant embeds the font in its CSS as a 34 KB base64 string (26 of the
 * 37 KB gzipped that every member screen's Vant styles weigh), and a screen's code waits for its styles: the member's
 * first screen waited for a font it only needs for its tab bar's icons. Here the font becomes a hashed file of its
 * own, which the browser fetches once a glyph is shown, beside the screen instead of before it. Vant also lists a CDN
 * copy (//at.alicdn.com) after the embedded one: the app must not reach a third party (its Content-Security-Policy
 * refuses the request, and an intranet may not reach it), so that fallback is dropped.
 */
function vantIconFont(): Plugin {
  let cacheDir = '';
  return {
    name: 'vant-icon-font-file',
    enforce: 'pre',
    configResolved(config) {
      cacheDir = join(config.cacheDir, 'zhdj-fonts');
    },
    transform(code, id) {
      if (!/[\\/]vant[\\/].*\.css$/.test(id)) return null;
      const out = code
        .replace(/,\s*url\(\/\/at\.alicdn\.com\/[^)]*\)\s*format\(["']woff["']\)/g, '')
        .replace(/url\(data:font\/woff2;charset=utf-8;base64,([A-Za-z0-9+/=]+)\)/g, (_, base64: string) => {
          const font = Buffer.from(base64, 'base64');
          const dir = join(cacheDir, createHash('sha256').update(font).digest('hex').slice(0, 16));
          const file = join(dir, 'vant-icon.woff2');
          mkdirSync(dir, { recursive: true });
          writeFileSync(file, font);
          // Vite resolves a stylesheet's url() from the stylesheet's own place, and emits the file with a hashed name.
          return `url(${relative(dirname(id.split('?')[0]), file).split('\\').join('/')})`;
        });
      return out === code ? null : out;
    },
  };
}

/**
 * Starts a screen's layout code with the entry instead of after it. The router imports the member's and the
 * administrator's layouts (with the administrator's, Element Plus) once the entry has arrived and run: on a slow phone
 * link that is a second wave of downloads, and the administrator's is the largest file. A small script in index.html's
 * head names, for the address the page was opened at, its layout's files as module preloads, so the browser fetches
 * them beside the entry — only when the session kept in the browser holds the permission the layout's route asks
 * for, as the router itself loads a screen's code only once the navigation is allowed (a member following an
 * administrator's link, or a visitor not logged in, downloads no desktop kit). It is a file of its own (the
 * Content-Security-Policy allows no inline script), hashed like the other assets; files the entry imports are left
 * out (index.html preloads those already).
 */
function layoutPreload(layouts: Record<string, { layout: string; permission: string }>): Plugin {
  let file = '';
  return {
    name: 'zhdj-layout-preload',
    apply: 'build',
    generateBundle(_, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o] as const] : [])));
      const entry = [...chunks.values()].find((c) => c.isEntry)!;
      const early = chunkClosure(chunks, [entry.fileName]);
      const screens: Record<string, { permission: string; files: string[] }> = {};
      for (const [prefix, { layout, permission }] of Object.entries(layouts)) {
        const chunk = [...chunks.values()].find((c) => c.facadeModuleId?.endsWith(layout));
        if (!chunk) throw new Error(`layout-preload: no chunk for ${layout}`);
        const late = [...chunkClosure(chunks, [chunk.fileName])].filter((f) => !early.has(f));
        const css = [...new Set(late.flatMap((f) => [...(chunks.get(f)!.viteMetadata?.importedCss ?? [])]))];
        screens[prefix] = { permission, files: [...late, ...css].map((f) => `/${f}`) };
      }
      // Links as Vite's own loader adds them (crossorigin, stylesheets as styles), so that its later requests find these.
      const source =
        `(function(){var m=${JSON.stringify(screens)},p=location.pathname,s,k,i,l,h;` +
        `try{s=JSON.parse(localStorage.getItem(${JSON.stringify(SESSION_STORAGE_KEY)})).user.permissions}catch(e){return}` +
        `if(!s||!s.indexOf)return;` +
        `for(k in m)if((p===k||p.indexOf(k+'/')===0)&&s.indexOf(m[k].permission)>=0)for(i=0;i<m[k].files.length;i++){h=m[k].files[i];` +
        `l=document.createElement('link');if(/\\.css$/.test(h)){l.rel='preload';l.as='style'}else l.rel='modulepreload';` +
        `l.crossOrigin='';l.href=h;document.head.appendChild(l)}})();\n`;
      file = `assets/layout-preload-${createHash('sha256').update(source).digest('base64url').slice(0, 8)}.js`;
      this.emitFile({ type: 'asset', fileName: file, source });
    },
    // Vite applies index.html's late transforms as it writes the page, after the bundle above is complete.
    transformIndexHtml: {
      order: 'post',
      handler: () => (file ? [{ tag: 'script', attrs: { src: `/${file}`, async: true }, injectTo: 'head' }] : []),
    },
  };
}

export default defineConfig({
  plugins: [
    // A public file named by an absolute path (the logo, /favicon.svg) stays a plain URL in templates, instead of becoming
    // a module of its own: that was a one-line chunk each first screen fetched.
    vue({ template: { transformAssetUrls: { includeAbsolute: false } } }),
    // Components are imported where they are used, so Element Plus lands only in the admin chunks
    // and the member screens never download it.
    Components({
      dts: 'src/components.d.ts',
      dirs: [],
      resolvers: [VantResolver(), ...elementPlusResolvers()],
    }),
    vantIconFont(),
    // The permissions are the layouts' routes' own (src/router/index.ts).
    layoutPreload({
      '/admin': { layout: 'src/layouts/DesktopLayout.vue', permission: Permission.ORG_READ },
      '/m': { layout: 'src/layouts/MobileLayout.vue', permission: Permission.MEMBER_READ_SELF },
    }),
    // Each text file is also written compressed, once, at the strongest settings (Brotli 11, gzip 9), and the server
    // sends those files as they are (app.factory.ts, \`preCompressed\`). Compressing per request it used Brotli's
    // quick setting: the member's first screen arrived about 14% larger and the server spent CPU on every download.
    compression({
      include: /\.(js|css|svg|json)$/,
      threshold: 1024,
      skipIfLargerOrEqual: true,
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      logLevel: 'silent',
    }),
  ],
  resolve: {
    alias: {
      '@': here('./src'),
      // Longest first: the audit screen's part of the contract is its own entry (shared/src/audit/index.ts).
      '@zhdj/shared/audit': here('../shared/src/audit/index.ts'),
      '@zhdj/shared': here('../shared/src/index.ts'),
    },
  },
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.VITE_API_TARGET ?? 'http://localhost:3100', changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: process.env.VITE_API_TARGET ?? 'http://localhost:3100', changeOrigin: true },
    },
  },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2020',
    // A 70-year-old member's old phone: keep chunks small and say when they grow.
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      output: {
        // Stable, cacheable vendor chunks. Element Plus and its helpers form one chunk that only the admin layout
        // imports; Vant one that only member screens import; the Vue runtime one that every screen shares.
        codeSplitting: {
          // A group must not pull in what its modules import (Element Plus imports Vue, which belongs to everyone).
          includeDependenciesRecursively: false,
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/, priority: 3 },
            // Only Vant modules shared by two or more chunks: a component one screen uses stays in that screen's chunk,
            // so it does not weigh on every member's first screen.
            // The members' toasts (src/composables/member-toast.ts) go with Vant, whose toast they wrap, not into the
            // helpers' chunk below, which the administrators' screens load too.
            { name: 'vant', test: /node_modules[\\/](vant|@vant)[\\/]|src[\\/]composables[\\/]member-toast/, priority: 2, minShareCount: 2 },
            // Not the audit log's words and detail formats (shared/src/audit), which only its screen imports: in this
            // chunk they were 2 KB gzipped of the member's first screen, at its budget.
            // Nor the English words (*.en.ts), which only the English messages import: a member on the Chinese default
            // never needs them.
            { name: 'shared', test: /[\\/]shared[\\/]src[\\/](?!audit[\\/])(?!.*\.en\.ts$)/, priority: 2 },
            { name: 'shared-audit', test: /[\\/]shared[\\/]src[\\/]audit[\\/]/, priority: 2 },
            // Fewer, not smaller, files before the first paint: on a slow phone link (and in Lighthouse's simulation of
            // one) each file costs a round trip, and HTTP/1.1 carries six at a time. Left alone, Rolldown split the
            // start-up code into eight files of which five were under 5 KB (the session store, the client, the
            // messages, two helpers); the app's start-up now stays in the entry.
            { name: 'app', tags: ['$initial'], priority: 0 },
            // Likewise the small helpers most screens share (formatting, error texts, downloads, a screen's messages,
            // Vue's component helper — 0.1 to 0.8 KB each): one file of about 2 KB instead of six requests.
            {
              name: 'common',
              test: /(src[\\/](composables|api)[\\/]|src[\\/]i18n[\\/]screen-messages|plugin-vue:export-helper|@oxc-project[\\/]runtime)/,
              minShareCount: 2,
              priority: 0,
            },
            // A feature's own modules that several of its screens share (its API, helpers and components), one file per
            // feature: the transfer card on the member's home waited on six files, the booking picker on three. Not
            // the screens themselves, and not the administrators' messages, which member screens never need.
            {
              name: 'transfers',
              test: /[\\/]src[\\/]features[\\/]transfers[\\/](?!views[\\/]|i18n-admin)/,
              minShareCount: 2,
              priority: 0,
            },
            {
              name: 'bookings',
              test: /[\\/]src[\\/]features[\\/]bookings[\\/](?!views[\\/])/,
              minShareCount: 2,
              priority: 0,
            },
            // Element Plus's heavy parts that few screens use stay out of the kit's shared chunk, which every administrator's
            // first screen loads: the date and time pickers with dayjs (about 60 KB gzipped), the tree, and forms with their
            // validator. The transfer queue, the screen an administrator opens most (on a phone too), uses none of them.
            {
              name: 'element-plus-dates',
              test: new RegExp(`${epParts('date-picker', 'date-picker-panel', 'time-picker', 'time-select').source}|node_modules[\\\\/]dayjs[\\\\/]`),
              priority: 2,
            },
            // The table and the select, which the transfer queue loads only where it shows them (a desktop's table, the
            // filters once opened): a phone's first screen of the queue downloads neither.
            { name: 'element-plus-table', test: epParts('table', 'table-column'), priority: 2 },
            { name: 'element-plus-select', test: epParts('select'), priority: 2 },
            { name: 'element-plus-tree', test: epParts('tree'), priority: 2 },
            // Text boxes and check boxes, message boxes, radio buttons: most screens with a form use them, but not the
            // queue's first screen, nor the layout (its logout confirmation loads its message box when asked for). In
            // the kit's shared chunk they were 10 KB gzipped of the queue's first screen and 7 KB of its stylesheets.
            { name: 'element-plus-inputs', test: epParts('input', 'checkbox', 'checkbox-group', 'checkbox-button'), priority: 2 },
            { name: 'element-plus-dialogs', test: epParts('message-box', 'input-number', 'switch'), priority: 2 },
            { name: 'element-plus-radios', test: epParts('radio', 'radio-group', 'radio-button'), priority: 2 },
            {
              name: 'element-plus-form',
              // Not its hooks and constants: every input, select and checkbox imports those.
              test: /node_modules[\\/](element-plus[\\/]es[\\/]components[\\/]form[\\/](index|src[\\/](form|form-item|form-label-wrap|utils))|async-validator[\\/])/,
              priority: 2,
            },
            {
              name: 'element-plus',
              test: /node_modules[\\/](element-plus|@element-plus|@popperjs|@ctrl|@vueuse|@floating-ui|lodash-es|lodash-unified|memoize-one|normalize-wheel-es)[\\/]/,
              priority: 1,
              // Only the parts four or more chunks share (buttons, popups, the drawer's dialog, messages, the loading mask):
              // one screen's components (descriptions, switches, progress bars, a timeline…) go with that screen, not into
              // the kit's chunk that every administrator's first screen downloads.
              minShareCount: 4,
            },
          ],
        },
      },
    },
  },
});
