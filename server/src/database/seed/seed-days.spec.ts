import { describe, expect, it } from 'vitest';
import { PeopleFactory } from './people';
import { addDays } from '../../common/calendar/china-calendar';
import { intBetween, seededFaker } from './rng';
import { TRACKS } from './study-content';
import { assignmentDates } from './study-seed';
import { timeline } from './transfer-seed';

// The seed is made relative to the day it runs (ages, dues, timelines that end today), but which random numbers it
// draws must not depend on that day: a draw made only on some days shifts every draw after it, and the whole county
// (who is in transfer, at which step) then differs from one day to the next; a CI run failed on such a count. Each
// case makes the same things on three days and checks that the generator stands at the same place afterwards.
const DAYS = [new Date('2026-12-07T03:40:00Z'), new Date('2027-01-15T02:00:00Z'), new Date('2027-10-03T15:00:00Z')];

describe('the seed draws the same numbers whatever the day', () => {
  it('people: the same members, and the generator in the same place after them', () => {
    const made = DAYS.map((day) => {
      const f = seededFaker(11);
      const people = new PeopleFactory(f, day);
      const members = Array.from({ length: 400 }, (_, i) => people.member({ id: 9, path: '/1/2/9/', type: i % 2 ? 'RURAL' : 'SCHOOL' }, null));
      return { names: members.map((m) => `${m.name} ${m.sex}`), next: intBetween(f, 0, 2 ** 30) };
    });
    for (const m of made.slice(1)) {
      expect(m.names).toEqual(made[0].names);
      expect(m.next).toBe(made[0].next);
    }
  });

  it('transfer timelines: the generator in the same place after them, open or closed, across holidays', () => {
    const next = DAYS.map((day) => {
      const f = seededFaker(23);
      for (let i = 0; i < 300; i++) timeline(f, 2 + (i % 8), day, i % 3 === 0);
      return intBetween(f, 0, 2 ** 30);
    });
    expect(next[1]).toBe(next[0]);
    expect(next[2]).toBe(next[0]);
  });

  it('study assignments: on every day of a year, each starts this year, by today, and not after it falls due', () => {
    const wrong: string[] = [];
    for (let today = '2027-01-01'; today <= '2027-12-31'; today = addDays(today, 1)) {
      for (const t of TRACKS) {
        for (const k of t.assign === 'RURAL_TOWNS' ? [0, 1, 2, 3, 4] : [0]) {
          const { startsOn, dueOn } = assignmentDates(today, t.dueInDays + k * 14);
          if (!(startsOn >= '2027-01-01' && startsOn <= today && startsOn <= dueOn)) wrong.push(`${today} ${t.title}: ${startsOn}..${dueOn}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
