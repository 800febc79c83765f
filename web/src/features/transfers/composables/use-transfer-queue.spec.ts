import type { TransferSummary } from '@zhdj/shared';
import { describe, expect, it } from 'vitest';
import type { Queue, QueueFilters, QueuePage } from '../api';
import { dueFilters, filterParams, queueFrom, queueParams, queueUrl } from '../queue-url';
import { transferDetail } from './test-fixtures';
import { useTransferQueue } from './use-transfer-queue';

const summary = (id: number): TransferSummary => ({ ...transferDetail({ id, state: 'SUBMITTED' }) });

/** `total` transfers per queue, `size` per page; the cursor is the last id seen. */
function queues(total: number, size: number) {
  const calls: { queue: Queue; filters: QueueFilters; cursor: string | null }[] = [];
  const fetch = async (queue: Queue, filters: QueueFilters, cursor: string | null, _signal?: AbortSignal): Promise<QueuePage> => {
    calls.push({ queue, filters, cursor });
    const after = cursor ? Number(cursor) : 0;
    const items = Array.from({ length: Math.max(0, Math.min(size, total - after)) }, (_, i) => summary(after + i + 1));
    const last = items[items.length - 1];
    return { items, nextCursor: last && last.id < total ? String(last.id) : null, counts: { todo: total, watching: 2, done: 9 }, ...(queue === 'all' && !cursor ? { total } : {}) };
  };
  return { fetch, calls };
}

const ids = (sut: ReturnType<typeof useTransferQueue>) => sut.items.value.map((t) => t.id);

describe('the administrator’s queues', () => {
  it('pages forward by cursor and back through the stack, with the counts of every queue', async () => {
    const server = queues(5, 2);
    const sut = useTransferQueue(server.fetch);
    await sut.search();
    expect(sut.counts.value).toEqual({ todo: 5, watching: 2, done: 9 });
    await sut.next();
    await sut.next();
    expect(ids(sut)).toEqual([5]);
    expect([sut.page.value, sut.hasNext.value]).toEqual([3, false]);
    await sut.prev();
    expect(ids(sut)).toEqual([3, 4]);
    expect(server.calls.map((c) => c.cursor)).toEqual([null, '2', '4', '2']);
  });

  it('starts again from the first page on another queue or other filters, and sends only the filters chosen', async () => {
    const server = queues(5, 2);
    const sut = useTransferQueue(server.fetch);
    await sut.search();
    await sut.next();
    await sut.setQueue('watching');
    expect(sut.page.value).toBe(1);
    sut.form.overdue = true;
    sut.form.channel = 'IN_COUNTY';
    await sut.search();
    expect(server.calls.at(-1)).toEqual({ queue: 'watching', filters: { channel: 'IN_COUNTY', overdue: true }, cursor: null });
    expect(sut.filtered.value).toBe(true);
    expect(sut.activeFilters.value).toBe(2);
    await sut.reset();
    expect(server.calls.at(-1)?.filters).toEqual({});
    expect(sut.filtered.value).toBe(false);
    expect(sut.activeFilters.value).toBe(0);
  });

  it('asks for the steps due today, alone or with the overdue ones, each a filter of its own', async () => {
    const server = queues(5, 2);
    const sut = useTransferQueue(server.fetch);
    sut.form.dueToday = true;
    await sut.search();
    expect(server.calls.at(-1)?.filters).toEqual({ dueToday: true });
    expect(sut.activeFilters.value).toBe(1);
    sut.form.overdue = true;
    await sut.search();
    expect(server.calls.at(-1)?.filters).toEqual({ overdue: true, dueToday: true });
    expect(sut.activeFilters.value).toBe(2);
    await sut.reset();
    expect(sut.form.dueToday).toBe(false);
  });

  it('sends who is searched for (trimmed) and the days of submission picked, the days counted as one filter', async () => {
    const server = queues(5, 2);
    const sut = useTransferQueue(server.fetch);
    await sut.setQueue('all');
    sut.form.q = ' 王 ';
    sut.form.submittedFrom = '2026-01-01';
    sut.form.submittedTo = '2026-06-30';
    sut.form.state = 'COMPLETED';
    await sut.search();
    expect(server.calls.at(-1)).toEqual({ queue: 'all', filters: { q: '王', state: 'COMPLETED', submittedFrom: '2026-01-01', submittedTo: '2026-06-30' }, cursor: null });
    expect(sut.activeFilters.value).toBe(3);
    // The export asks for the filters of the list shown — not a name typed and not yet searched.
    sut.form.q = '李';
    expect(filterParams(sut.applied())).toEqual({ q: '王', state: 'COMPLETED', submittedFrom: '2026-01-01', submittedTo: '2026-06-30' });
    await sut.reset();
    expect([sut.form.submittedFrom, sut.form.submittedTo]).toEqual(['', '']);
  });

  it('keeps the ledger’s total from its first page while paging, and has none on the other tabs', async () => {
    const server = queues(5, 2);
    const sut = useTransferQueue(server.fetch);
    await sut.search();
    expect(sut.total.value).toBeNull();
    await sut.setQueue('all');
    expect(sut.total.value).toBe(5);
    await sut.next();
    expect(sut.total.value).toBe(5);
    await sut.setQueue('watching');
    expect(sut.total.value).toBeNull();
    expect(server.calls.at(-1)?.filters).toEqual({});
  });

  it('asks the ledger for the talks still to hold, and drops that filter on leaving the ledger', async () => {
    const server = queues(3, 20);
    const sut = useTransferQueue(server.fetch);
    await sut.setQueue('all');
    sut.form.talkPending = true;
    await sut.search();
    expect(server.calls.at(-1)).toMatchObject({ queue: 'all', filters: { talk: 'pending' } });
    expect(sut.activeFilters.value).toBe(1);
    expect(filterParams(sut.applied())).toEqual({ talk: 'pending' });
    // The queues hold open transfers, which have no talk yet: a hidden filter there would only empty the tab.
    await sut.setQueue('todo');
    expect(server.calls.at(-1)).toEqual({ queue: 'todo', filters: {}, cursor: null });
    expect(sut.form.talkPending).toBe(false);
  });

  it('reports as applied the filters of the list shown: not a search a later one overtook, nor the form being edited', async () => {
    const resolvers: ((page: QueuePage) => void)[] = [];
    const sut = useTransferQueue(() => new Promise((resolve) => resolvers.push(resolve)));
    sut.form.q = '王';
    const overtaken = sut.search();
    sut.form.q = '李';
    const latest = sut.search();
    resolvers[1]({ items: [summary(2)], nextCursor: null, counts: { todo: 1, watching: 0, done: 0 } });
    await latest;
    resolvers[0]({ items: [summary(1)], nextCursor: null, counts: { todo: 1, watching: 0, done: 0 } });
    await overtaken;
    sut.form.q = '张'; // typed, not yet searched: an export still takes the list shown
    expect(ids(sut)).toEqual([2]);
    expect(sut.applied()).toEqual({ q: '李' });
  });

  it('keeps an error for a retry, and the retry reloads the page shown', async () => {
    let fail = false;
    const server = queues(5, 2);
    const sut = useTransferQueue(async (...args) => {
      if (fail) throw new Error('offline');
      return server.fetch(...args);
    });
    await sut.search();
    await sut.next();
    fail = true;
    await sut.next();
    expect(sut.error.value).toBeInstanceOf(Error);
    expect(sut.page.value).toBe(2);
    fail = false;
    await sut.reload();
    expect(sut.error.value).toBeNull();
    expect(ids(sut)).toEqual([3, 4]);
  });
});

describe('queue parameters', () => {
  it('carry the queue, the page size, the cursor and only the filters set', () => {
    expect(queueParams('todo', {}, null, 20)).toEqual({ queue: 'todo', limit: 20 });
    // One URL, so that the page the route asked for early is found under it.
    expect(queueUrl('done', { channel: 'IN_COUNTY', overdue: true }, 'a b', 20)).toBe('/transfers?queue=done&limit=20&channel=IN_COUNTY&overdue=true&cursor=a+b');
    expect(queueParams('done', { state: 'SUBMITTED', orgId: 34, overdue: false }, 'abc', 20)).toEqual({ queue: 'done', limit: 20, state: 'SUBMITTED', orgId: 34, cursor: 'abc' });
  });

  it('carry a link’s due filter: today or overdue, nothing for anything else', () => {
    expect(queueUrl('todo', dueFilters('today'), null, 20)).toBe('/transfers?queue=todo&limit=20&dueToday=true');
    expect(dueFilters('overdue')).toEqual({ overdue: true });
    for (const other of [undefined, null, '', 'TODAY', 'tomorrow', ['today']]) expect(dueFilters(other)).toEqual({});
  });

  it('take the queue the address names, else the to-do list', () => {
    expect(queueFrom('watching')).toBe('watching');
    expect(queueFrom('all')).toBe('all');
    for (const other of [undefined, null, '', 'TODO', 'everything', ['done']]) expect(queueFrom(other)).toBe('todo');
  });
});
