import { describe, expect, it } from 'vitest';
import { useKeysetPages, type CursorPage } from './use-keyset-pages';

type Answer = CursorPage & { rows: number[] };

/** Requests held until the test answers them, each with the cursor it asked for and its abort signal. */
function heldServer() {
  const asked: { cursor: string | null; signal: AbortSignal; answer: (a: Answer) => void; fail: (e: unknown) => void }[] = [];
  const fetch = (cursor: string | null, signal: AbortSignal) =>
    new Promise<Answer>((answer, fail) => {
      asked.push({ cursor, signal, answer, fail });
    });
  return { fetch, asked };
}

describe('keyset pages', () => {
  it('hands each answer to the list with the cursor that asked for it, and pages back through the stack', async () => {
    const shown: { rows: number[]; cursor: string | null }[] = [];
    const sut = useKeysetPages(
      async (cursor) => (cursor === null ? { rows: [1, 2], nextCursor: 'c2' } : cursor === 'c2' ? { rows: [3, 4], nextCursor: 'c4' } : { rows: [5], nextCursor: null }),
      (page, cursor) => shown.push({ rows: page.rows, cursor }),
    );
    await sut.first();
    await sut.next();
    await sut.next();
    expect([sut.page.value, sut.hasPrev.value, sut.hasNext.value]).toEqual([3, true, false]);
    await sut.prev();
    expect(sut.page.value).toBe(2);
    await sut.first();
    expect([sut.page.value, sut.hasPrev.value, sut.hasNext.value]).toEqual([1, false, true]);
    expect(shown).toEqual([
      { rows: [1, 2], cursor: null },
      { rows: [3, 4], cursor: 'c2' },
      { rows: [5], cursor: 'c4' },
      { rows: [3, 4], cursor: 'c2' },
      { rows: [1, 2], cursor: null },
    ]);
  });

  it('aborts the request a newer one overtakes and never shows its late answer, nor its failure', async () => {
    const server = heldServer();
    const shown: number[][] = [];
    const sut = useKeysetPages(server.fetch, (page) => shown.push(page.rows));
    const slow = sut.first();
    const fast = sut.first();
    expect(server.asked[0].signal.aborted).toBe(true);
    expect(server.asked[1].signal.aborted).toBe(false);
    server.asked[1].answer({ rows: [2], nextCursor: null });
    await fast;
    server.asked[0].answer({ rows: [1], nextCursor: 'late' });
    await slow;
    expect(shown).toEqual([[2]]);
    expect([sut.hasNext.value, sut.loading.value]).toEqual([false, false]);

    const overtaken = sut.reload();
    const latest = sut.reload();
    server.asked[2].fail(new DOMException('aborted', 'AbortError'));
    await overtaken;
    expect(sut.loading.value).toBe(true); // the latest is still on its way
    server.asked[3].answer({ rows: [3], nextCursor: null });
    await latest;
    expect(sut.error.value).toBeNull();
    expect(shown).toEqual([[2], [3]]);
  });

  it('does not move while a page is loading, and stays on its page when the next one fails', async () => {
    const server = heldServer();
    const sut = useKeysetPages(server.fetch, () => undefined);
    const opening = sut.first();
    server.asked[0].answer({ rows: [1], nextCursor: 'c1' });
    await opening;
    const going = sut.next();
    await sut.next(); // a second tap while the first is on its way
    await sut.prev();
    expect(server.asked.map((a) => a.cursor)).toEqual([null, 'c1']);
    server.asked[1].fail(new Error('offline'));
    await going;
    expect(sut.page.value).toBe(1);
    expect(sut.error.value).toBeInstanceOf(Error);
    expect(sut.loading.value).toBe(false);
  });
});
