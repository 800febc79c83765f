import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEMO_PASSWORD = 'Demo-2026-zhdj';
export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1440, height: 900 };

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
mkdirSync(artifacts, { recursive: true });

/** Keeps a screenshot of a key screen in e2e/artifacts/ (git-ignored). */
export async function snap(page: Page, name: string, fullPage = false): Promise<void> {
  // Let fonts and transitions settle so the picture shows what a person would see.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage });
}

/**
 * Waits for passing messages to fade out — Element Plus's on the desktop, Vant's toasts on the phone (axe reads a
 * half-faded toast as too pale). Vant keeps a closed toast in the page, hidden, so only visible ones count.
 */
export async function quiet(page: Page): Promise<void> {
  await expect(page.locator('.el-message')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('.van-toast:visible')).toHaveCount(0, { timeout: 15_000 });
}

/** How far the page's widest table scrolls sideways (0 when every column is in view). */
export function tablesOverflow(page: Page): Promise<number> {
  return page.locator('.el-table .el-table__body-wrapper .el-scrollbar__wrap').evaluateAll((els) => Math.max(-1, ...els.map((el) => el.scrollWidth - el.clientWidth)));
}

/**
 * The page's tables show every column on a county PC's 1366 × 768 screen (the commonest office resolution) without
 * scrolling sideways, in Chinese and in English (whose longer words widen the columns); the language and the
 * viewport are put back afterwards.
 */
export async function expectTablesFit1366(page: Page): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect.poll(() => tablesOverflow(page), { message: 'a table scrolls sideways at 1366 px' }).toBe(0);
  const html = page.locator('html');
  // Measured once the headings are in English (a screen's words may arrive after the app's), not before.
  const headings = page.locator('.el-table__header-wrapper').first();
  const chinese = await headings.innerText();
  await page.getByTestId('locale-switch').click();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect.poll(() => headings.innerText()).not.toBe(chinese);
  await expect.poll(() => tablesOverflow(page), { message: 'a table scrolls sideways at 1366 px in English' }).toBe(0);
  // Nor is a cell's English cut off inside its column (a button's label wider than a fixed column).
  expect(await cutOffText(page), 'text cut off at 1366 px in English').toEqual([]);
  await page.getByTestId('locale-switch').click();
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  if (before) await page.setViewportSize(before);
}

/**
 * Waits for the page's transitions and animations to end (those that end: a spinner turns for ever). A dialog caught
 * mid-fade has part of its contrast, and a drawer mid-slide a box a hair under its size.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity),
  );
}

/**
 * WCAG 2 A/AA checks on the current screen: serious and critical findings fail the journey. Passing toasts are let
 * go first, and opening dialogs come to rest: one caught mid-fade has half its contrast, which says nothing about the
 * screen.
 */
export async function expectAccessible(page: Page, context: string): Promise<void> {
  await quiet(page);
  await settled(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(summary, `accessibility problems on ${context}`).toEqual([]);
}

/** On how many lines an element's text is laid out. */
export function lineCount(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    const text = document.createRange();
    text.selectNodeContents(el);
    return new Set(Array.from(text.getClientRects()).map((r) => Math.round(r.top))).size;
  });
}

/**
 * Short texts on the screen (labels, buttons, tags: at most `maxLength` characters) laid out over more than one line —
 * "年份" standing a character a line, "新建学习" over "清单" — which a phone's narrow row causes when nothing keeps
 * them whole. Hidden text (a closed disclosure, a chart's canvas, a table that scrolls) does not count.
 */
export function brokenLabels(page: Page, maxLength = 6): Promise<string[]> {
  return page.evaluate((max) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('#app') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const el = node.parentElement;
      if (!text || text.length > max || !el || el.closest('[aria-hidden=true], details:not([open]) > :not(summary), .el-table')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) found.push(`${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} “${text}”`);
    }
    return found;
  }, maxLength);
}

/**
 * Dates (`2026-11-20`, with a time or not) and ranges of times (`11:00–11:30`) laid out on more than one line — a
 * browser may break after a hyphen or a dash, and "Due by 2026-" over "11-20" reads as two numbers — or cut off by a
 * box that hides what overflows it (a date kept on one line in a box too narrow for it). Each is named with its element.
 */
export function brokenDates(page: Page): Promise<string[]> {
  return textFaults(page, 'dates');
}

/**
 * Text that runs past the screen's edge or is cut off by a box that hides what overflows it — a badge, a button's
 * label or a phrase kept on one line, wider than the card it sits in. Text shortened on purpose with an ellipsis is
 * left out, unless fewer than four characters of it show. Each is named with its element. A row of tabs that must be
 * scrolled sideways to find its last tab counts too: an older member does not know that the half-hidden word at the
 * edge can be swiped. So does a coloured box with words (a status tag, a button) sticking out of the card it sits on.
 */
export function cutOffText(page: Page): Promise<string[]> {
  return textFaults(page, 'cut');
}

/**
 * A separator dot ("已超期 · 应于 …") left at the end of a line, its words on the next: on a narrow phone a line should
 * not end on "·". Each is named with its element and the words after it.
 */
export function strandedSeparators(page: Page): Promise<string[]> {
  return textFaults(page, 'dots');
}

function textFaults(page: Page, kind: 'dates' | 'cut' | 'dots'): Promise<string[]> {
  return page.evaluate((kind) => {
    const found: string[] = [];
    /**
     * Whether a laid-out box lies outside an ancestor that clips it, or outside the screen. Inside a strip that scrolls
     * sideways (a row of tabs: overflow-x scrolls, overflow-y does not) it can be scrolled to, and is not cut off.
     */
    const clipped = (box: DOMRect, el: Element): boolean => {
      for (let a: Element | null = el; a; a = a.parentElement) {
        const { overflowX, overflowY } = getComputedStyle(a);
        if (overflowX === 'visible') continue;
        if (['auto', 'scroll'].includes(overflowX) && !['auto', 'scroll'].includes(overflowY)) return false;
        const r = a.getBoundingClientRect();
        if (box.left < r.left - 1 || box.right > r.right + 1) return true;
      }
      return box.left < -1 || box.right > innerWidth + 1;
    };
    if (kind === 'cut') {
      for (const tabs of Array.from(document.querySelectorAll('[role=tablist]'))) {
        if (tabs.scrollWidth > tabs.clientWidth + 1) found.push(`tabs “${(tabs.textContent ?? '').trim()}” scroll sideways`);
      }
      // A coloured box with words (a status tag, a badge, a button) sticking out of the card it sits on: not cut off,
      // but no longer on its card ("已预约" past a visit's right edge when the time beside it kept its line).
      const painted = (e: Element) => !['rgba(0, 0, 0, 0)', 'transparent'].includes(getComputedStyle(e).backgroundColor);
      for (const box of Array.from(document.querySelectorAll('#app *'))) {
        if (!painted(box) || !box.textContent?.trim() || box.closest('[aria-hidden=true], .el-table')) continue;
        let card = box.parentElement;
        let scrolls = false;
        for (; card && !painted(card); card = card.parentElement) scrolls ||= ['auto', 'scroll'].includes(getComputedStyle(card).overflowX);
        if (!card || scrolls || card.matches('body, #app')) continue;
        const [a, b] = [box.getBoundingClientRect(), card.getBoundingClientRect()];
        if (a.width && (a.left < b.left - 1 || a.right > b.right + 1)) {
          found.push(`${box.tagName.toLowerCase()}.${Array.from(box.classList).join('.')} “${box.textContent.trim().slice(0, 30)}” sticks out of its card`);
        }
      }
    }
    const walker = document.createTreeWalker(document.querySelector('#app') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('[aria-hidden=true], .el-table')) continue;
      const name = `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}`;
      const text = node.textContent ?? '';
      if (kind === 'dots') {
        for (const m of text.matchAll(/·/g)) {
          const dot = document.createRange();
          dot.setStart(node, m.index);
          dot.setEnd(node, m.index + 1);
          const at = dot.getBoundingClientRect();
          if (!at.width) continue;
          // The first visible character after the dot, in this text or the next ones inside the same block.
          const block = el.closest('p, li, dd, dt, td, h1, h2, h3, h4, div');
          const after = document.createTreeWalker(block ?? document.body, NodeFilter.SHOW_TEXT);
          after.currentNode = node;
          let next: DOMRect | null = null;
          for (let t: Node | null = node, from = m.index + 1; t && !next; t = after.nextNode(), from = 0) {
            const rest = (t.textContent ?? '').slice(from);
            const i = rest.search(/[^\s\u00a0]/);
            if (i < 0) continue;
            const r = document.createRange();
            r.setStart(t, from + i);
            r.setEnd(t, from + i + 1);
            const box = r.getBoundingClientRect();
            if (box.width) next = box;
          }
          if (next && next.top > at.top + at.height / 2) found.push(`${name} “${(block ?? el).textContent?.trim().slice(0, 40)}” ends a line on “·”`);
        }
        continue;
      }
      if (kind === 'cut') {
        // Not laid out to be seen: a closed disclosure's body, text for screen readers only.
        if (!text.trim() || el.closest('details:not([open]) > :not(summary), .zd-visually-hidden')) continue;
        // Shortened on purpose with an ellipsis (a long centre's name in its picker) is fine while a few characters
        // still show; a label cut to one or two ("人…" for 人员类别) is not.
        let shortener: Element | null = el;
        for (let i = 0; shortener && i < 3 && getComputedStyle(shortener).textOverflow !== 'ellipsis'; i++) shortener = shortener.parentElement;
        if (shortener && getComputedStyle(shortener).textOverflow === 'ellipsis') {
          const whole = document.createRange();
          whole.selectNodeContents(node);
          const shown = shortener.getBoundingClientRect().width;
          if (whole.getBoundingClientRect().width > shown + 1 && shown < 4 * parseFloat(getComputedStyle(el).fontSize)) found.push(`${name} “${text.trim()}” cut to a character or two`);
          continue;
        }
        const range = document.createRange();
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (box.width > 0 && clipped(box, el)) found.push(`${name} “${text.trim()}”`);
        continue;
      }
      // A date (with its time or not), or a range of times ("11:00–11:30", which may break after its dash).
      for (const m of text.matchAll(/\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?|\d{2}:\d{2}\u2060?–\u2060?\d{2}:\d{2}/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        const cut = clipped(range.getBoundingClientRect(), el);
        if (lines.size > 1 || cut) found.push(`${name} “${m[0]}”${cut ? ' (cut off)' : ''}`);
      }
    }
    return found;
  }, kind);
}

export async function logIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
}
