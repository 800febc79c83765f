import type { TransferChannel, TransferState, TransferSummary } from '@zhdj/shared';
import { computed, reactive, ref, shallowRef } from 'vue';
import { useKeysetPages } from '@/composables/use-keyset-pages';
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
 * pagination (useKeysetPages: a page stack, the latest request only).
 */
export function useTransferQueue(fetchPage: FetchQueuePage) {
  const queue = ref<Queue>('todo');
  const form = reactive<QueueFilterForm>(emptyQueueFilters());
  const items = shallowRef<TransferSummary[]>([]);
  const counts = ref<QueueCounts | null>(null);
  /** How many the ledger's filters match (its first page says; later pages keep it). */
  const total = ref<number | null>(null);
  /** The filters of the list shown (a name typed but not yet searched is not among them): what an export takes. */
  let shown: QueueFilters = {};
  const pages = useKeysetPages(
    async (cursor, signal) => {
      const asked = filters();
      return { ...(await fetchPage(queue.value, asked, cursor, signal)), asked };
    },
    (result, cursor) => {
      shown = result.asked;
      items.value = result.items;
      counts.value = result.counts;
      if (!cursor) total.value = result.total ?? null;
    },
  );
  const { loading, error, page, hasPrev, hasNext, next, prev, reload } = pages;

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

  /** The current filters, from the first page. */
  async function search(): Promise<void> {
    await pages.first();
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

  return { queue, form, filters, applied: () => shown, items, counts, total, loading, error, page, hasPrev, hasNext, filtered, activeFilters, search, setQueue, reset, next, prev, reload };
}
