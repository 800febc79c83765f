import { MemberCategory, MemberPost, MemberStatus, type MemberCount, type MemberSummary, type Page } from '@zhdj/shared';
import { computed, reactive, ref, shallowRef } from 'vue';
import { useKeysetPages } from '@/composables/use-keyset-pages';
import type { MemberFilters } from '../api';

export type FetchMemberPage = (filters: MemberFilters, cursor: string | null, signal: AbortSignal) => Promise<Page<MemberSummary>>;
export type FetchMemberCount = (filters: MemberFilters, signal: AbortSignal) => Promise<MemberCount>;

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
 * The member list of a subtree with keyset pagination (useKeysetPages: a page stack, the latest request only), and
 * with `fetchCount` the total its filters match, asked beside each search's first page (page turns keep it).
 */
export function useMemberList(fetchPage: FetchMemberPage, fetchCount?: FetchMemberCount) {
  const form = reactive<MemberFilterForm>(emptyFilterForm());
  /** The filters of the shown pages (the form may be edited without searching yet). */
  const applied = shallowRef<MemberFilters>({});
  const orgId = ref<number | null>(null);
  const items = shallowRef<MemberSummary[]>([]);
  const pages = useKeysetPages(
    (cursor, signal) => fetchPage(applied.value, cursor, signal),
    (result) => {
      items.value = result.items;
    },
  );
  const { loading, error, page, hasPrev, hasNext, next, prev, reload } = pages;
  const searchKind = computed(() => classifySearch(form.q));
  /** The applied filters' total; null while it is asked, or when asking failed (the pages work without it). */
  const total = ref<number | null>(null);
  let counting: AbortController | null = null;

  async function count(): Promise<void> {
    if (!fetchCount) return;
    counting?.abort();
    const mine = (counting = new AbortController());
    total.value = null;
    try {
      const result = await fetchCount(applied.value, mine.signal);
      if (counting === mine) total.value = result.total;
    } catch {
      // Left unknown: the pager shows the page number alone, and the list's own error (if any) says what failed.
    }
  }

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

  /**
   * Runs the form's filters from the first page. A mistyped ID number is not asked for: the list is emptied (the
   * hint says why), so the previous search's members are not taken for its result.
   */
  async function search(): Promise<void> {
    if (searchKind.value === 'incompleteId') {
      pages.clear();
      counting?.abort();
      items.value = [];
      total.value = null;
      return;
    }
    applied.value = filtersFromForm();
    await Promise.all([pages.first(), count()]);
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

  return { form, applied, orgId, items, total, loading, error, page, hasPrev, hasNext, searchKind, search, reset, setOrg, next, prev, reload };
}
