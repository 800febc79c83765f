import { describe, expect, it } from 'vitest';
import css from './base.css?raw';

/** The rules of base.css whose selector list names `selector`, as their declaration blocks. */
function rulesFor(selector: string): string[] {
  const bare = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...bare.matchAll(/([^{}]+)\{([^{}]*)\}/g)].filter((m) => m[1].split(',').some((s) => s.trim() === selector)).map((m) => m[2]);
}

describe('the focus ring on Element Plus fields', () => {
  // A colour change of a field's 1 px edge was the only sign of focus on the admin screens: each focused field's
  // frame carries the app's 3 px ring, the one `:focus-visible` draws elsewhere.
  it.each([':root .el-input__wrapper.is-focus', ':root .el-select__wrapper.is-focused', ':root .el-range-editor.is-active', ':root .el-textarea__inner:focus'])(
    '%s has the 3 px ring',
    (selector) => {
      expect(rulesFor(selector).some((block) => /outline:\s*3px solid #1d4ed8/.test(block))).toBe(true);
    },
  );
});

describe('room for the member screens’ fixed bars', () => {
  // A field reached with Tab was scrolled just into view, under the title bar or the tab bar (WCAG 2.4.11).
  it('keeps scroll padding for the title bar, the tab bar and an action bar', () => {
    const [block] = rulesFor('html.zd-member');
    expect(block).toMatch(/scroll-padding-top:\s*calc\(3\.25rem/);
    expect(block).toMatch(/scroll-padding-bottom:\s*calc\(var\(--zd-tabbar-height\)[^;]*var\(--zd-m-action-bar-height, 0px\)/);
  });
});
