import { describe, expect, it } from 'vitest';
import { probationOverdue } from './member';

describe('an overdue probation', () => {
  it('is a probationary member whose last day of probation is before today (Xinyi), not on it', () => {
    const p = (probationEndsAt: string | null, category = 'PROBATIONARY') => probationOverdue({ category, probationEndsAt }, '2026-12-04');
    expect(p('2026-12-03')).toBe(true);
    expect(p('2026-12-04')).toBe(false);
    expect(p('2027-01-01')).toBe(false);
    expect(p(null)).toBe(false);
    expect(p('2026-01-01', 'FULL')).toBe(false);
  });
});
