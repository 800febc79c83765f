import { MemberCategory, MemberPost, MemberStatus, type MemberSummary, type Page } from '@zhdj/shared';
import { computed, reactive, ref, shallowRef } from 'vue';
import type { MemberFilters } from '../api';

export type FetchMemberPage = (filters: MemberFilters, cursor: string | null, signal: AbortSignal) => Promise<Page<MemberSummary>>;

export interface MemberFilterForm {
  q: string;
  category: MemberCategory | '';
  role: MemberPost | 'ANY' | '';
  status: MemberStatus | '';
}

export type SearchKind = 'empty' | 'name' | 'phone' | 'idNumber' | 'incompleteId';

/**
 * What the search box holds, as the API reads it: a full 18-character ID number, the leading digits of a mobile
 * number (up to 11), or part of a name. 12–17 digits can only be a mistyped ID number.
 */
export function classifySearch(raw: string): SearchKind {
  const q = raw.trim();
  if (!q) return 'empty';
  if (/^\d{17}[\dXx]$/.test(q)) return 'idNumber';
  if (/^\d{1,11}$/.test(q)) return 'phone';
  if (/^\d{12,17}[Xx]?$/.test(q) || /^\d{18,}$/.test(q)) return 'incompleteId';
  return 'name';
}

export const emptyFilterForm = (): MemberFilterForm => ({ q: '', category: '', role: '', status: '' });

/**
 * The member list of a subtree with keyset pagination. The API only goes forward (`nextCursor`), so the list keeps
 * the cursor that opened each page on a stack: "previous" pops it and reloads the page before. A response that
 * arrives after a newer request was made is dropped (its request is also aborted).
 */
export function useMemberList(fetchPage: FetchMemberPage) {
  const form = reactive<MemberFilterForm>(emptyFilterForm());
  /** The filters of the shown pages (the form may be edited without searching yet). */
  const applied = shallowRef<MemberFilters>({});
  const orgId = ref<number | null>(null);
  const items = shallowRef<MemberSummary[]>([]);
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
  const searchKind = computed(() => classifySearch(form.q));

  function filtersFromForm(): MemberFilters {
    const q = form.q.trim();
    return {
      ...(orgId.value ? { orgId: orgId.value } : {}),
      ...(q ? { q: searchKind.value === 'idNumber' ? q.toUpperCase() : q } : {}),
      ...(form.category ? { category: form.category } : {}),
      ...(form.role ? { role: form.role } : {}),
      ...(form.status ? { status: form.status } : {}),
    };
  }

  async function load(cursor: string | null): Promise<boolean> {
    controller?.abort();
    controller = new AbortController();
    const mine = ++sequence;
    loading.value = true;
    error.value = null;
    try {
      const result = await fetchPage(applied.value, cursor, controller.signal);
      if (mine !== sequence) return false;
      items.value = result.items;
      nextCursor.value = result.nextCursor;
      return true;
    } catch (e) {
      if (mine !== sequence) return false;
      error.value = e;
      return false;
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  /** Runs the form's filters from the first page. */
  async function search(): Promise<void> {
    if (searchKind.value === 'incompleteId') return;
    applied.value = filtersFromForm();
    cursors.value = [null];
    await load(null);
  }

  async function reset(): Promise<void> {
    Object.assign(form, emptyFilterForm());
    await search();
  }

  /** A new subtree: back to its first page, keeping the other filters. */
  async function setOrg(id: number | null): Promise<void> {
    orgId.value = id;
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

  /** Reloads the shown page (after an error). */
  async function reload(): Promise<void> {
    await load(cursors.value[cursors.value.length - 1]);
  }

  return { form, applied, orgId, items, loading, error, page, hasPrev, hasNext, searchKind, search, reset, setOrg, next, prev, reload };
}
