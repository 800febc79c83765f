import { describe, expect, it } from 'vitest';
import { chinaYearMonth, monthsBetween, shiftYearMonth } from './dates';

describe('shiftYearMonth', () => {
  it.each([
    ['2026-11', -11, '2025-12'],
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-11', 0, '2026-11'],
    ['2026-03', -27, '2023-12'],
  ])('%s shifted by %i is %s', (ym, n, expected) => {
    expect(shiftYearMonth(ym, n)).toBe(expected);
    expect(monthsBetween(ym, expected)).toBe(n);
  });

  it('follows Xinyi’s month: 1 December 01:00 in Xinyi is still November in UTC', () => {
    expect(chinaYearMonth(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12');
  });
});
