import type { MemberStudyStatus, OrgLevel, StudyStats, StudyStatsRow } from '@zhdj/shared';
import { describe, expect, it, vi } from 'vitest';
import { useStatsDrill, type StatsDrillDeps } from './use-stats-drill';

/** A small tree: county 1 → street 3 → branches 4, 5; county 1 → town 8 (no children loaded). */
const tree: Record<number, { name: string; level: OrgLevel; children: number[]; parent: number | null }> = {
  1: { name: '新沂市委', level: 'COUNTY_COMMITTEE', children: [3, 8], parent: null },
  3: { name: '新安街道党工委', level: 'COMMITTEE', children: [4, 5], parent: 1 },
  4: { name: '机关党支部', level: 'BRANCH', children: [], parent: 3 },
  5: { name: '沂河社区党支部', level: 'BRANCH', children: [], parent: 3 },
  8: { name: '阿湖镇党委', level: 'COMMITTEE', children: [], parent: 1 },
};
const row = (id: number): StudyStatsRow => ({
  org: { id, name: tree[id].name, shortName: tree[id].name, level: tree[id].level, childCount: tree[id].children.length },
  members: 10,
  enrolled: 10,
  completed: 5,
  completionRate: 50,
  overdue: 1,
  avgClassHours: 3,
  hoursMet: 2,
  hoursMetRate: 20,
});
const member = (id: number): MemberStudyStatus => ({
  member: { id, name: `党员${id}` },
  org: { id: 5, name: '沂河社区党支部', shortName: '沂河社区党支部', level: 'BRANCH' },
  classHours: 2,
  requiredClassHours: 32,
  tracks: [],
});

function server(scopeRoot = 1) {
  const calls: string[] = [];
  const deps: StatsDrillDeps = {
    stats: vi.fn(async (p) => {
      const id = p.orgId ?? scopeRoot;
      calls.push(`stats ${id} ${p.period}${p.trackId ? ` t${p.trackId}` : ''}`);
      return { period: p.period ?? 2026, track: null, org: row(id), children: tree[id].children.map(row) } satisfies StudyStats;
    }),
    members: vi.fn(async (p, cursor) => {
      calls.push(`members ${p.orgId} ${cursor ?? '-'}${p.status ? ` ${p.status}` : ''}`);
      return cursor ? { items: [member(3)], nextCursor: null } : { items: [member(1), member(2)], nextCursor: 'c2' };
    }),
    ancestors: vi.fn(async (id) => {
      calls.push(`ancestors ${id}`);
      const out = [];
      for (let p = tree[id].parent; p !== null; p = tree[p].parent) out.unshift({ id: p, name: tree[p].name, shortName: tree[p].name, level: tree[p].level });
      return out;
    }),
  };
  return { deps, calls };
}

describe('follow-up drill-down', () => {
  it('goes down level by level, keeping the trail, and back up by the trail', async () => {
    const { deps, calls } = server();
    const sut = useStatsDrill(deps);
    await sut.load({ period: 2026 });
    expect(sut.trail.value.map((o) => o.id)).toEqual([1]);
    expect(sut.stats.value?.children.map((c) => c.org.id)).toEqual([3, 8]);
    await sut.load({ orgId: 3, period: 2026 });
    expect(sut.trail.value.map((o) => o.id)).toEqual([1, 3]);
    expect(sut.atBranch.value).toBe(false);
    await sut.load({ orgId: 1, period: 2026 });
    expect(sut.trail.value.map((o) => o.id)).toEqual([1]);
    expect(calls).not.toContain('ancestors 3');
  });

  it('at a branch lists its members a page at a time, and filters them', async () => {
    const { deps, calls } = server();
    const sut = useStatsDrill(deps);
    await sut.load({ period: 2026 });
    await sut.load({ orgId: 3, period: 2026 });
    await sut.load({ orgId: 5, period: 2026, trackId: 7 });
    expect(sut.atBranch.value).toBe(true);
    expect(sut.members.value.map((m) => m.member.id)).toEqual([1, 2]);
    await sut.loadMembers();
    expect(sut.members.value.map((m) => m.member.id)).toEqual([1, 2, 3]);
    expect(sut.membersCursor.value).toBeNull();
    await sut.filterMembers('OVERDUE');
    expect(calls.slice(-4)).toEqual(['stats 5 2026 t7', 'members 5 -', 'members 5 c2', 'members 5 - OVERDUE']);
    expect(sut.members.value.map((m) => m.member.id)).toEqual([1, 2]);
  });

  it('rebuilds the trail of an address opened directly, from the top of the scope', async () => {
    const { deps } = server(3);
    const sut = useStatsDrill(deps);
    await sut.load({ period: 2026 }); // a street committee's administrator: scope root 3
    await sut.load({ orgId: 8, period: 2026 }); // not below what is in view: ask for its ancestors
    expect(sut.trail.value.map((o) => o.id)).toEqual([8]);
    await sut.load({ orgId: 5, period: 2026 });
    expect(sut.trail.value.map((o) => o.id)).toEqual([3, 5]);
  });

  it('knows the top of the scope from the session when the first address is deep', async () => {
    const { deps } = server(3);
    const sut = useStatsDrill({ ...deps, scopeRoot: () => 3 });
    await sut.load({ orgId: 5, period: 2026 });
    expect(sut.trail.value.map((o) => o.id)).toEqual([3, 5]);
    await sut.load({ orgId: 3, period: 2026 });
    expect(sut.trail.value.map((o) => o.id)).toEqual([3]);
  });

  it('drops the answer of a query overtaken by a newer one', async () => {
    const { deps } = server();
    let release: () => void = () => undefined;
    vi.mocked(deps.stats).mockImplementationOnce(async (p) => {
      await new Promise<void>((r) => (release = r));
      return { period: 2026, track: null, org: row(p.orgId ?? 1), children: [] };
    });
    const sut = useStatsDrill(deps);
    const slow = sut.load({ period: 2026 });
    await sut.load({ orgId: 3, period: 2026 });
    release();
    await slow;
    expect(sut.stats.value?.org.org.id).toBe(3);
    expect(sut.loading.value).toBe(false);
  });
});
