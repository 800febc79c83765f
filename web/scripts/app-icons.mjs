// Draws the home-screen icons of the installable app (public/manifest.webmanifest, index.html's apple-touch-icon)
// from the favicon's shapes, in Chromium: the PNGs are committed, and this script is how they were made (run it again
// after changing the favicon). Phones need bitmaps: Android's launcher wants 192 and 512 px, with a "maskable" form
// that fills the square and keeps the star inside the centre circle its launcher may crop to; iOS wants a 180 px
// square with no transparency, which it rounds itself.
// Usage: node scripts/app-icons.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const favicon = readFileSync(`${publicDir}favicon.svg`, 'utf8');
const star = /<path[^>]*\/>/.exec(favicon)[0];
const red = /<rect[^>]*fill="([^"]+)"/.exec(favicon)[1];

/** The favicon as it is (rounded corners), or on a full square with the star scaled about the centre. */
const svg = (fullBleed, starScale = 1) =>
  fullBleed
    ? `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${red}"/><g transform="translate(32 32) scale(${starScale}) translate(-32 -31)">${star}</g></svg>`
    : favicon;

const icons = [
  { file: 'icon-192.png', size: 192, svg: svg(false) },
  { file: 'icon-512.png', size: 512, svg: svg(false) },
  // The maskable safe zone is the centre circle of 80% of the width: the star (40 of 64 units) is scaled into it.
  { file: 'icon-maskable-512.png', size: 512, svg: svg(true, 0.8) },
  { file: 'apple-touch-icon.png', size: 180, svg: svg(true, 0.85) },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${icon.svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `)}</body></html>`);
    await page.screenshot({ path: `${publicDir}${icon.file}`, omitBackground: true });
    process.stdout.write(`${icon.file} ${icon.size}×${icon.size}\n`);
  }
} finally {
  await browser.close();
}
