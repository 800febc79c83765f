import { defineStore } from 'pinia';
import { ref, watchEffect } from 'vue';
import { applyLocale, DEFAULT_LOCALE, isAppLocale, type AppLocale } from '@/i18n';

export const LOCALE_STORAGE_KEY = 'zhdj.locale';
export const LARGE_TEXT_STORAGE_KEY = 'zhdj.largeText';
/** How much the large-text mode enlarges everything (html.large-text's root font size in styles/base.css). */
export const LARGE_TEXT_SCALE = 1.25;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}

/**
 * Language (Chinese by default, English on request) and the large-text mode for older members. Both persist on
 * this device and are applied to the document: `lang` for screen readers and fonts, a class that scales the root
 * font size (every size in the app is in rem or follows the kits' variables, which styles/base.css rescales).
 */
export const useLocaleStore = defineStore('locale', () => {
  const storedLocale = read(LOCALE_STORAGE_KEY);
  const locale = ref<AppLocale>(isAppLocale(storedLocale) ? storedLocale : DEFAULT_LOCALE);
  const largeText = ref(read(LARGE_TEXT_STORAGE_KEY) === '1');

  function setLocale(next: AppLocale): void {
    locale.value = next;
    write(LOCALE_STORAGE_KEY, next);
  }

  function toggleLocale(): void {
    setLocale(locale.value === 'zh-CN' ? 'en' : 'zh-CN');
  }

  function setLargeText(on: boolean): void {
    largeText.value = on;
    write(LARGE_TEXT_STORAGE_KEY, on ? '1' : '0');
  }

  /** Resolves when the current language's messages are in place (main.ts waits for it before the first render). */
  let ready: Promise<void> = Promise.resolve();

  watchEffect(() => {
    const next = locale.value;
    ready = applyLocale(next).then(() => {
      if (typeof document !== 'undefined' && locale.value === next) document.documentElement.lang = next;
    });
  });

  watchEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.classList.toggle('large-text', largeText.value);
  });

  return { locale, largeText, setLocale, toggleLocale, setLargeText, whenReady: () => ready };
});
