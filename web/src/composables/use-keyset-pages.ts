import { computed, ref, shallowRef } from 'vue';

/** What every keyset-paginated answer carries: the cursor of the page after it, or null on the last. */
export interface CursorPage {
  nextCursor: string | null;
}

/**
 * Paging through a list whose API only goes forward (`nextCursor`): the cursor that opened each page is kept on a
 * stack, so "previous" pops it and reloads the page before. Only the latest request counts — a new one aborts the one
 * in flight, and an answer that arrives after a newer request was made is dropped — so a slow first search cannot
 * overwrite the page a later one showed. `show` receives each answer that counts, with the cursor that asked for it
 * (null for a first page).
 */
export function useKeysetPages<P extends CursorPage>(fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<P>, show: (page: P, cursor: string | null) => void) {
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  /** cursors[i] opened page i + 1; the first page has no cursor. */
  const cursors = ref<(string | null)[]>([null]);
  const nextCursor = ref<string | null>(null);
  let controller: AbortController | null = null;
  let sequence = 0;

  const page = computed(() => cursors.value.length);
  const hasPrev = computed(() => cursors.value.length > 1);
  const hasNext = computed(() => nextCursor.value !== null);

  /** Loads the page a cursor opens; false when it failed or a newer request overtook it. */
  async function load(cursor: string | null): Promise<boolean> {
    controller?.abort();
    controller = new AbortController();
    const mine = ++sequence;
    loading.value = true;
    error.value = null;
    try {
      const result = await fetchPage(cursor, controller.signal);
      if (mine !== sequence) return false;
      nextCursor.value = result.nextCursor;
      show(result, cursor);
      return true;
    } catch (e) {
      if (mine !== sequence) return false;
      error.value = e;
      return false;
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  /** The list from its first page (a new search, filter or tab). */
  async function first(): Promise<void> {
    cursors.value = [null];
    await load(null);
  }

  async function next(): Promise<void> {
    const cursor = nextCursor.value;
    if (!cursor || loading.value) return;
    if (await load(cursor)) cursors.value = [...cursors.value, cursor];
  }

  async function prev(): Promise<void> {
    if (cursors.value.length <= 1 || loading.value) return;
    const stack = cursors.value.slice(0, -1);
    if (await load(stack[stack.length - 1])) cursors.value = stack;
  }

  /** Loads the shown page again (after an error, or to see what changed). */
  async function reload(): Promise<void> {
    await load(cursors.value[cursors.value.length - 1]);
  }

  /** No list at all (a search that cannot be asked): what is in flight is dropped, and there is no page to turn to. */
  function clear(): void {
    controller?.abort();
    sequence++;
    cursors.value = [null];
    nextCursor.value = null;
    loading.value = false;
    error.value = null;
  }

  return { loading, error, page, hasPrev, hasNext, first, next, prev, reload, clear };
}
