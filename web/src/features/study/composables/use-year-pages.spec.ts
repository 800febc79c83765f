import type { Page } from '@zhdj/shared';
import { describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, nextTick } from 'vue';
import { i18n } from '@/i18n';
import { STUDY_YEARS, useYearPages } from './use-year-pages';

/** Runs the composable inside a mounted component (it formats errors with the app's i18n). */
function mount(fetchPage: (year: number, cursor: string | null) => Promise<Page<string>>) {
  let list!: ReturnType<typeof useYearPages<string>>;
  const app = createApp(defineComponent({ setup: () => ((list = useYearPages(fetchPage)), () => null) }));
  app.use(i18n);
  app.mount(document.createElement('div'));
  return { list, app };
}

const settle = () => new Promise((r) => setTimeout(r, 0)).then(nextTick);

describe('a year’s list, page by page', () => {
  it('loads this year’s first page, appends the next, and starts again when the year changes', async () => {
    const fetchPage = vi.fn(async (year: number, cursor: string | null): Promise<Page<string>> =>
      cursor ? { items: [`${year}-c`], nextCursor: null } : { items: [`${year}-a`, `${year}-b`], nextCursor: 'next' },
    );
    const { list, app } = mount(fetchPage);
    await settle();
    const thisYear = STUDY_YEARS[1];
    expect(list.year.value).toBe(thisYear);
    expect(list.items.value).toEqual([`${thisYear}-a`, `${thisYear}-b`]);
    expect(list.cursor.value).toBe('next');

    await list.load(false);
    expect(fetchPage).toHaveBeenLastCalledWith(thisYear, 'next');
    expect(list.items.value).toEqual([`${thisYear}-a`, `${thisYear}-b`, `${thisYear}-c`]);
    expect(list.cursor.value).toBeNull();

    list.year.value = thisYear - 1;
    await settle();
    expect(fetchPage).toHaveBeenLastCalledWith(thisYear - 1, null);
    expect(list.items.value).toEqual([`${thisYear - 1}-a`, `${thisYear - 1}-b`]);
    app.unmount();
  });

  it('shows a failure and keeps what was loaded', async () => {
    let fail = false;
    const { list, app } = mount(async () => {
      if (fail) throw new Error('network down');
      return { items: ['x'], nextCursor: 'more' };
    });
    await settle();
    fail = true;
    await list.load(false);
    expect(list.errorText.value).toBeTruthy();
    expect(list.items.value).toEqual(['x']);
    expect(list.loading.value).toBe(false);
    app.unmount();
  });
});
