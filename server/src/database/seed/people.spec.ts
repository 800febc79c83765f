import { describe, expect, it } from 'vitest';
import { PeopleFactory } from './people';
import { seededFaker } from './rng';

const branch = { id: 9, path: '/1/2/9/', type: 'URBAN_COMMUNITY' };

describe('seeded people', () => {
  // 16:30 UTC on 30 November is half past midnight on 1 December in Xinyi: the seed's "this month" is December.
  it('count dues and join dates by Xinyi’s calendar, not UTC’s', () => {
    const people = new PeopleFactory(seededFaker(7), new Date('2026-11-30T16:30:00Z'));
    const members = Array.from({ length: 300 }, () => people.member(branch, null));
    const months = members.map((m) => m.duesPaidThrough).sort();
    // Most members are paid up: through December, none of them beyond it.
    expect(months.at(-1)).toBe('2026-12');
    expect(months.filter((m) => m === '2026-12').length).toBeGreaterThan(150);
    expect(members.every((m) => m.joinedAt <= '2026-12-01')).toBe(true);
  });

  it('make full members only of those who joined a year ago or more (after a year on probation)', () => {
    const people = new PeopleFactory(seededFaker(7), new Date('2026-12-07T03:00:00Z'));
    const members = Array.from({ length: 2000 }, () => people.member(branch, null));
    const full = members.filter((m) => m.category === 'FULL');
    expect(full.length).toBeGreaterThan(1500);
    expect(full.filter((m) => m.joinedAt > '2025-12-07').map((m) => m.joinedAt)).toEqual([]);
    // Probationary members keep joining this year and last, with their year of probation running or just ended.
    expect(members.filter((m) => m.category === 'PROBATIONARY').every((m) => m.probationEndsAt! > m.joinedAt)).toBe(true);
  });
});
