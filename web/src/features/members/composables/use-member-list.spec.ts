import type { MemberSummary, Page } from '@zhdj/shared';
import { describe, expect, it } from 'vitest';
import type { MemberFilters } from '../api';
import { classifySearch, useMemberList } from './use-member-list';

const member = (id: number): MemberSummary => ({
  id,
  name: `党员${id}`,
  sex: 'M',
  phone: `1390000${String(id).padStart(4, '0')}`,
  idNumberMasked: '3203**********1234',
  category: 'FULL',
  status: 'ACTIVE',
  post: null,
  org: { id: 5, name: '中共某支部委员会', shortName: '某支部', level: 'BRANCH' },
  duesPaidThrough: '2026-11',
  probationEndsAt: null,
  isRetired: false,
  isMobile: false,
  isGraduate: false,
});

/** A keyset-paginated list of `total` members, `size` per page, whose cursor is the last id seen. */
function pages(total: number, size: number) {
  const calls: { filters: MemberFilters; cursor: string | null }[] = [];
  const fetch = async (filters: MemberFilters, cursor: string | null): Promise<Page<MemberSummary>> => {
    calls.push({ filters, cursor });
    const after = cursor ? Number(cursor.slice(2)) : 0;
    const items = Array.from({ length: Math.max(0, Math.min(size, total - after)) }, (_, i) => member(after + i + 1));
    const last = items[items.length - 1];
    return { items, nextCursor: last && last.id < total ? `c:${last.id}` : null };
  };
  return { fetch, calls };
}

const ids = (list: ReturnType<typeof useMemberList>) => list.items.value.map((m) => m.id);

describe('member list pagination', () => {
  it('a mistyped ID number asks nothing and empties the list, so the last search is not taken for its result', async () => {
    const server = pages(7, 3);
    const sut = useMemberList(server.fetch);
    await sut.setOrg(3);
    await sut.next();
    expect([ids(sut), sut.hasNext.value]).toEqual([[4, 5, 6], true]);
    sut.form.q = '32038119880315001';
    await sut.search();
    expect(sut.searchKind.value).toBe('incompleteId');
    expect([ids(sut), sut.page.value, sut.hasPrev.value, sut.hasNext.value, sut.total.value]).toEqual([[], 1, false, false, null]);
    expect(server.calls).toHaveLength(2);
    await sut.next(); // nothing to turn to
    expect(server.calls).toHaveLength(2);
  });

  it('walks forward by cursor and back through the stack of cursors', async () => {
    const server = pages(7, 3);
    const sut = useMemberList(server.fetch);
    await sut.setOrg(3);
    expect(ids(sut)).toEqual([1, 2, 3]);
    expect([sut.page.value, sut.hasPrev.value, sut.hasNext.value]).toEqual([1, false, true]);

    await sut.next();
    await sut.next();
    expect(ids(sut)).toEqual([7]);
    expect([sut.page.value, sut.hasPrev.value, sut.hasNext.value]).toEqual([3, true, false]);
    await sut.next(); // nothing after the last page
    expect(sut.page.value).toBe(3);

    await sut.prev();
    expect(ids(sut)).toEqual([4, 5, 6]);
    await sut.prev();
    expect(ids(sut)).toEqual([1, 2, 3]);
    expect(sut.hasPrev.value).toBe(false);
    expect(server.calls.map((c) => c.cursor)).toEqual([null, 'c:3', 'c:6', 'c:3', null]);
  });

  it('starts again from the first page when the filters change, and sends them all', async () => {
    const server = pages(50, 20);
    const sut = useMemberList(server.fetch);
    await sut.setOrg(3);
    await sut.next();
    sut.form.q = ' 32038119880315001x ';
    sut.form.category = 'PROBATIONARY';
    sut.form.role = 'ANY';
    await sut.search();
    expect(sut.page.value).toBe(1);
    expect(server.calls.at(-1)).toEqual({
      cursor: null,
      filters: { orgId: 3, q: '32038119880315001X', category: 'PROBATIONARY', role: 'ANY' },
    });
    await sut.reset();
    expect(server.calls.at(-1)).toEqual({ cursor: null, filters: { orgId: 3 } });
  });

  it('does not ask the server about a half-typed ID number', async () => {
    const server = pages(5, 5);
    const sut = useMemberList(server.fetch);
    await sut.setOrg(1);
    sut.form.q = '32038119880315';
    await sut.search();
    expect(server.calls).toHaveLength(1);
  });

  it('shows the answer to the latest request, not the slowest', async () => {
    const resolvers: ((page: Page<MemberSummary>) => void)[] = [];
    const sut = useMemberList(() => new Promise((resolve) => resolvers.push(resolve)));
    const first = sut.setOrg(1);
    const second = sut.setOrg(2);
    resolvers[1]({ items: [member(20)], nextCursor: null });
    await second;
    resolvers[0]({ items: [member(10)], nextCursor: 'c:10' });
    await first;
    expect(ids(sut)).toEqual([20]);
    expect(sut.hasNext.value).toBe(false);
    expect(sut.loading.value).toBe(false);
  });

  it('keeps the page it had when the next page fails, and reports the error', async () => {
    let fail = false;
    const server = pages(10, 5);
    const sut = useMemberList(async (filters, cursor) => {
      if (fail) throw new Error('offline');
      return server.fetch(filters, cursor);
    });
    await sut.setOrg(1);
    fail = true;
    await sut.next();
    expect(sut.page.value).toBe(1);
    expect(sut.error.value).toBeInstanceOf(Error);
    fail = false;
    await sut.reload();
    expect(sut.error.value).toBeNull();
    expect(ids(sut)).toEqual([1, 2, 3, 4, 5]);
  });

  it('asks the total of each search once, beside its first page, and keeps it while paging', async () => {
    const server = pages(45, 20);
    const counted: MemberFilters[] = [];
    const sut = useMemberList(server.fetch, async (filters) => {
      counted.push(filters);
      return { total: filters.category ? 3 : 45 };
    });
    expect(sut.total.value).toBeNull();
    await sut.setOrg(3);
    expect(sut.total.value).toBe(45);
    await sut.next();
    await sut.next();
    await sut.prev();
    await sut.reload();
    expect(counted).toEqual([{ orgId: 3 }]);
    sut.form.category = 'PROBATIONARY';
    await sut.search();
    expect(sut.total.value).toBe(3);
    expect(counted.at(-1)).toEqual({ orgId: 3, category: 'PROBATIONARY' });
  });

  it('shows the total of the latest search, none while it is asked, and the pages without one when asking fails', async () => {
    const answers: ((n: number) => void)[] = [];
    const failures: ((e: Error) => void)[] = [];
    const sut = useMemberList(pages(5, 5).fetch, () =>
      new Promise((resolve, reject) => {
        answers.push((total) => resolve({ total }));
        failures.push(reject);
      }),
    );
    const first = sut.setOrg(1);
    const second = sut.setOrg(2);
    expect(sut.total.value).toBeNull();
    answers[1](2);
    answers[0](1);
    await Promise.all([first, second]);
    expect(sut.total.value).toBe(2);

    const third = sut.setOrg(3);
    expect(sut.total.value).toBeNull(); // not the previous subtree's total under the new one's first page
    failures[2](new Error('offline'));
    await third;
    expect(sut.total.value).toBeNull();
    expect(ids(sut)).toEqual([1, 2, 3, 4, 5]);
    expect(sut.error.value).toBeNull();
  });
});

describe('classifySearch', () => {
  it('reads the search box the way the API does', () => {
    expect(classifySearch('')).toBe('empty');
    expect(classifySearch('王')).toBe('name');
    expect(classifySearch('皇甫国强')).toBe('name');
    expect(classifySearch('139')).toBe('phone');
    expect(classifySearch('13905161234')).toBe('phone');
    expect(classifySearch('320381198803150018')).toBe('idNumber');
    expect(classifySearch('32038119880315001x')).toBe('idNumber');
    expect(classifySearch('320381198803')).toBe('incompleteId');
    expect(classifySearch('3203811988031500189')).toBe('incompleteId');
  });
});
