import type { Page } from '@zhdj/shared';
import { ref, shallowRef, watch } from 'vue';
import { isApiError } from '@/api/errors';
import { useStudyFormat } from './use-study-format';

/** The study year as Xinyi counts it (Asia/Shanghai), and the years an administrator can pick. */
const thisYear = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
export const STUDY_YEARS = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];

/**
 * A year's list, one page at a time: reloads from the first page when the year changes, `load(false)` appends the
 * next page. An ended session is left to the login redirect rather than shown as a load error.
 */
export function useYearPages<T>(fetchPage: (year: number, cursor: string | null) => Promise<Page<T>>) {
  const format = useStudyFormat();
  const year = ref(thisYear);
  const items = shallowRef<T[]>([]);
  const cursor = ref<string | null>(null);
  const loading = ref(false);
  const errorText = ref<string | null>(null);

  async function load(fresh: boolean): Promise<void> {
    loading.value = true;
    errorText.value = null;
    try {
      const page = await fetchPage(year.value, fresh ? null : cursor.value);
      items.value = fresh ? page.items : [...items.value, ...page.items];
      cursor.value = page.nextCursor;
    } catch (e) {
      if (!(isApiError(e) && e.sessionEnded)) errorText.value = format.error(e);
    } finally {
      loading.value = false;
    }
  }
  watch(year, () => void load(true), { immediate: true });

  return { year, years: STUDY_YEARS, items, cursor, loading, errorText, load };
}
