import { describe, expect, it } from 'vitest';
import { medianOfHistogram } from './transfer-queues.service';

describe('medianOfHistogram', () => {
  it('equals the median of the values the histogram counts', () => {
    const cases: number[][] = [[], [7], [3, 12], [5, 5, 5, 9], [1, 2, 2, 3, 40], [10, 0, 3, 3, 8, 21, 21, 2]];
    for (const values of cases) {
      const counts = new Map<number, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      const sorted = [...values].sort((a, b) => a - b);
      const n = sorted.length;
      const expected = n === 0 ? null : n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      // Rows come back in any order.
      expect(medianOfHistogram([...counts].reverse()), JSON.stringify(values)).toBe(expected);
    }
  });
});
