import { LARGE_TEXT_SCALE, useLocaleStore } from '@/stores/locale';

/**
 * Table column widths (pixels, as Element Plus takes them) that grow with the large-text mode and with English's
 * longer words, so nothing wraps mid-word: `width(zh)` or `width(zh, en)`; without `en`, English is `enFactor` wider.
 * Read in a template, the width follows a change of language or text size.
 */
export function useColumnWidth(enFactor = 1.1): (zh: number, en?: number) => number {
  const locale = useLocaleStore();
  return (zh, en = zh * enFactor) => Math.round((locale.locale === 'en' ? en : zh) * (locale.largeText ? LARGE_TEXT_SCALE : 1));
}
