import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { effectScope, nextTick } from 'vue';
import { LOCALE_STORAGE_KEY, useLocaleStore } from '@/stores/locale';
import { useKitLocale } from './use-kit-locale';

/** A fetch of the English words that the test resolves when it chooses. */
function englishOnCue() {
  const calls: ((words: string) => void)[] = [];
  const load = () => new Promise<string>((resolve) => calls.push(resolve));
  return { load, calls, arrive: (i = calls.length - 1) => calls[i]!('English') };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('a UI kit’s own words', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('are Chinese at first, without fetching the English', () => {
    const english = englishOnCue();
    const words = effectScope().run(() => useKitLocale('中文', english.load))!;
    expect(words.value).toBe('中文');
    expect(english.calls).toHaveLength(0);
  });

  it('become English when it arrives after the switch, and Chinese again on the switch back', async () => {
    const english = englishOnCue();
    const words = effectScope().run(() => useKitLocale('中文', english.load))!;
    useLocaleStore().setLocale('en');
    await nextTick();
    expect(english.calls).toHaveLength(1);
    expect(words.value).toBe('中文');
    english.arrive();
    await flush();
    expect(words.value).toBe('English');
    useLocaleStore().setLocale('zh-CN');
    await nextTick();
    expect(words.value).toBe('中文');
  });

  it('stay Chinese when the switch back comes before the English arrives', async () => {
    const english = englishOnCue();
    const words = effectScope().run(() => useKitLocale('中文', english.load))!;
    const store = useLocaleStore();
    store.setLocale('en');
    await nextTick();
    store.setLocale('zh-CN');
    await nextTick();
    english.arrive(0);
    await flush();
    expect(words.value).toBe('中文');
  });

  it('are English from the start for someone who chose English before', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    const english = englishOnCue();
    const words = effectScope().run(() => useKitLocale('中文', english.load))!;
    english.arrive();
    await flush();
    expect(words.value).toBe('English');
  });

  it('stay Chinese, without an unhandled failure, when the English cannot be fetched', async () => {
    const words = effectScope().run(() => useKitLocale('中文', () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'))))!;
    useLocaleStore().setLocale('en');
    await flush();
    expect(words.value).toBe('中文');
  });
});
