import { describe, expect, it } from 'vitest';
import { PeopleFactory } from './people';
import { addDays, shanghaiInstant } from '../../common/calendar/china-calendar';
import { intBetween, seededFaker } from './rng';
import { TRACKS } from './study-content';
import { assignmentDates, demoRows, type SeededModule } from './study-seed';
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

  it("the demo member's study: on every day of a year, dated this year and not after now (squeezed in early January)", () => {
    const titles = ['全体党员年度学习测试', '社区网格员工作实务', '坚持和发展新时代“枫桥经验”', '党的二十大精神宣讲'];
    const modules = new Map<string, SeededModule>(
      titles.map((title, i) => [title, { id: i + 1, kind: 'ARTICLE', title, classTenths: 5, durationSeconds: 900, passPercent: 60, minReadSeconds: 30 }]),
    );
    const wrong: string[] = [];
    for (let today = '2027-01-01'; today <= '2027-12-31'; today = addDays(today, 1)) {
      const yearStart = shanghaiInstant('2027-01-01').getTime();
      // 00:30 in Shanghai: the first minutes of the day are the tightest.
      const now = new Date(shanghaiInstant(today).getTime() + 30 * 60_000);
      const rows = demoRows([[7, 1, 2027, 'COMPLETED', new Date(0)]], 7, modules, 2027, now);
      expect(rows).toHaveLength(titles.length);
      for (const r of rows) {
        for (const d of r.filter((x): x is Date => x instanceof Date)) {
          if (d.getTime() < yearStart || d.getTime() > now.getTime()) wrong.push(`${today}: ${d.toISOString()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
