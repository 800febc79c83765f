import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { i18n } from '@/i18n';
import { LARGE_TEXT_STORAGE_KEY, LOCALE_STORAGE_KEY, useLocaleStore } from './locale';

/** Waits for the store's effects and the on-demand language chunk. */
async function settled(store: ReturnType<typeof useLocaleStore>) {
  await nextTick();
  await store.whenReady();
}

function reload() {
  setActivePinia(createPinia());
  return useLocaleStore();
}

describe('locale store', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.className = '';
    document.documentElement.lang = '';
  });

  afterEach(async () => {
    // i18n is a module singleton: leave it in Chinese for the next test.
    const store = reload();
    store.setLocale('zh-CN');
    await settled(store);
  });

  it('is Chinese by default, whatever the browser says', async () => {
    const sut = reload();
    await settled(sut);
    expect(sut.locale).toBe('zh-CN');
    expect(i18n.global.locale.value).toBe('zh-CN');
    expect(i18n.global.t('auth.submit')).toBe('登录');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('switches to English, loads its messages, and remembers the choice', async () => {
    const sut = reload();
    sut.setLocale('en');
    await settled(sut);
    expect(i18n.global.t('auth.submit')).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');

    const again = reload();
    await settled(again);
    expect(again.locale).toBe('en');
    expect(i18n.global.locale.value).toBe('en');
  });

  it('ignores an unknown stored language', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    const sut = reload();
    await settled(sut);
    expect(sut.locale).toBe('zh-CN');
  });

  it('turns large text on for the whole page and keeps it after a reload', async () => {
    const sut = reload();
    await settled(sut);
    expect(document.documentElement.classList.contains('large-text')).toBe(false);
    sut.setLargeText(true);
    await settled(sut);
    expect(document.documentElement.classList.contains('large-text')).toBe(true);
    expect(localStorage.getItem(LARGE_TEXT_STORAGE_KEY)).toBe('1');

    document.documentElement.className = '';
    const again = reload();
    await settled(again);
    expect(again.largeText).toBe(true);
    expect(document.documentElement.classList.contains('large-text')).toBe(true);

    again.setLargeText(false);
    await settled(again);
    expect(document.documentElement.classList.contains('large-text')).toBe(false);
    expect(reload().largeText).toBe(false);
  });
});
