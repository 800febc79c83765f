import type { TransferChannel, TransferState, TransferSummary } from '@zhdj/shared';
import { computed, reactive, ref, shallowRef } from 'vue';
import type { Queue, QueueCounts, QueueFilters, QueuePage } from '../api';

export type FetchQueuePage = (queue: Queue, filters: QueueFilters, cursor: string | null, signal: AbortSignal) => Promise<QueuePage>;

export interface QueueFilterForm {
  /** Who: the beginning of a member's name, a mobile number or a letter's number. */
  q: string;
  state: TransferState | '';
  channel: TransferChannel | '';
  orgId: number | null;
  overdue: boolean;
  /** Steps due later today; with overdue, both (what must be done by tonight). */
  dueToday: boolean;
  /** Completed transfers whose talk with the member is still to be recorded: the ledger's filter only. */
  talkPending: boolean;
  /** The first and last day of submission (YYYY-MM-DD), either left empty for no bound. */
  submittedFrom: string;
  submittedTo: string;
}

export const emptyQueueFilters = (): QueueFilterForm => ({ q: '', state: '', channel: '', orgId: null, overdue: false, dueToday: false, talkPending: false, submittedFrom: '', submittedTo: '' });

/**
 * An administrator's queues (to do, watching, done, and the ledger of all) with their counts, filters and keyset
 * pagination. The API only goes forward, so the cursor that opened each page is kept on a stack and "previous" reloads
 * the page before. A response that arrives after a newer request was made is dropped (its request is also aborted).
 */
export function useTransferQueue(fetchPage: FetchQueuePage) {
  const queue = ref<Queue>('todo');
  const form = reactive<QueueFilterForm>(emptyQueueFilters());
  const items = shallowRef<TransferSummary[]>([]);
  const counts = ref<QueueCounts | null>(null);
  /** How many the ledger's filters match (its first page says; later pages keep it). */
  const total = ref<number | null>(null);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const cursors = ref<(string | null)[]>([null]);
  const nextCursor = ref<string | null>(null);
  /** The filters of the list shown (a name typed but not yet searched is not among them): what an export takes. */
  let shown: QueueFilters = {};
  let controller: AbortController | null = null;
  let sequence = 0;

  const page = computed(() => cursors.value.length);
  const hasPrev = computed(() => cursors.value.length > 1);
  const hasNext = computed(() => nextCursor.value !== null);
  /** How many filters are set (the phone's folded filter button shows it). */
  // The days of submission count as one filter, whether one bound is set or both.
  const activeFilters = computed(() => [form.q.trim(), form.state, form.channel, form.orgId, form.overdue, form.dueToday, form.talkPending, form.submittedFrom || form.submittedTo].filter(Boolean).length);
  const filtered = computed(() => activeFilters.value > 0);

  function filters(): QueueFilters {
    return {
      ...(form.q.trim() ? { q: form.q.trim() } : {}),
      ...(form.state ? { state: form.state } : {}),
      ...(form.channel ? { channel: form.channel } : {}),
      ...(form.orgId ? { orgId: form.orgId } : {}),
      ...(form.overdue ? { overdue: true } : {}),
      ...(form.dueToday ? { dueToday: true } : {}),
      ...(form.talkPending ? { talk: 'pending' as const } : {}),
      ...(form.submittedFrom ? { submittedFrom: form.submittedFrom } : {}),
      ...(form.submittedTo ? { submittedTo: form.submittedTo } : {}),
    };
  }

  async function load(cursor: string | null): Promise<boolean> {
    controller?.abort();
    controller = new AbortController();
    const mine = ++sequence;
    loading.value = true;
    error.value = null;
    try {
      const asked = filters();
      const result = await fetchPage(queue.value, asked, cursor, controller.signal);
      if (mine !== sequence) return false;
      shown = asked;
      items.value = result.items;
      nextCursor.value = result.nextCursor;
      counts.value = result.counts;
      if (!cursor) total.value = result.total ?? null;
      return true;
    } catch (e) {
      if (mine !== sequence) return false;
      error.value = e;
      return false;
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  /** The current filters, from the first page. */
  async function search(): Promise<void> {
    cursors.value = [null];
    await load(null);
  }

  async function setQueue(next: Queue): Promise<void> {
    queue.value = next;
    // Only the ledger shows the talks' filter (the queues hold open transfers, which have no talk yet): leaving it
    // clears it, so no hidden filter empties the tab.
    if (next !== 'all') form.talkPending = false;
    await search();
  }

  async function reset(): Promise<void> {
    Object.assign(form, emptyQueueFilters());
    await search();
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

  async function reload(): Promise<void> {
    await load(cursors.value[cursors.value.length - 1]);
  }

  return { queue, form, filters, applied: () => shown, items, counts, total, loading, error, page, hasPrev, hasNext, filtered, activeFilters, search, setQueue, reset, next, prev, reload };
}
