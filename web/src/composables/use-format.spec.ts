import { describe, expect, it } from 'vitest';
import { countCell, formatCount } from './use-format';

describe('formatCount', () => {
  it('groups thousands with commas, as Chinese and English both write counts', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(48000)).toBe('48,000');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('writes every count as the zh-CN and en number formats do', () => {
    const zh = new Intl.NumberFormat('zh-CN');
    const en = new Intl.NumberFormat('en');
    for (let n = 0; n < 5_000_000; n = n * 3 + 7) {
      expect(formatCount(n), String(n)).toBe(zh.format(n));
      expect(formatCount(n), String(n)).toBe(en.format(n));
    }
  });
});

describe('countCell', () => {
  it('writes a table column of counts with separators, and nothing for a missing value', () => {
    expect(countCell({}, {}, 24503)).toBe('24,503');
    expect(countCell({}, {}, 7)).toBe('7');
    expect(countCell({}, {}, undefined)).toBe('');
  });
});
