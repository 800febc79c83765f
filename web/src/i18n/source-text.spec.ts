import { describe, expect, it } from 'vitest';

// Every screen's source, as text.
const sources = import.meta.glob<string>('/src/**/*.vue', { query: '?raw', import: 'default', eager: true });

/** The source less its comments (HTML, block and line), which may speak Chinese. */
function code(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('what the screens say comes from the messages', () => {
  it('has at least the screens to look at', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
  });

  it('writes no Chinese text or punctuation into a screen: English would show it (a label’s ： before its value)', () => {
    const found = Object.entries(sources).flatMap(([path, text]) =>
      code(text)
        .split('\n')
        .filter((line) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(line))
        .map((line) => `${path}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
