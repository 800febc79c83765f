import { describe, expect, it } from 'vitest';
import { capitalNumber, capitalYearMonth } from './chinese-numerals';

describe('capital numerals on letters', () => {
  it('writes the dues month and the validity', () => {
    expect(capitalYearMonth('2026-11')).toBe('贰零贰陆年壹拾壹月');
    expect(capitalYearMonth('2027-01')).toBe('贰零贰柒年壹月');
    expect(capitalNumber(30)).toBe('叁拾');
    expect(capitalNumber(90)).toBe('玖拾');
    expect(capitalNumber(180)).toBe('壹佰捌拾');
  });
});
