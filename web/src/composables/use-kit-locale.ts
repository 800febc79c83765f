import { shallowRef, watch, type ShallowRef } from 'vue';
import { useLocaleStore } from '@/stores/locale';

/**
 * A UI kit's own words (Vant's dialog buttons and pull-to-refresh) in the app's language. Chinese ships with the
 * layout; English is fetched the first time it is chosen, like the app's own English, so a first screen opening in
 * Chinese does not carry it. A switch back to Chinese before the English arrives wins: the late English is not applied.
 */
export function useKitLocale<T>(chinese: T, loadEnglish: () => Promise<T>): Readonly<ShallowRef<T>> {
  const locale = useLocaleStore();
  const words = shallowRef(chinese);
  watch(
    () => locale.locale,
    (next) => {
      if (next !== 'en') {
        words.value = chinese;
        return;
      }
      loadEnglish().then(
        (english) => {
          if (locale.locale === 'en') words.value = english;
        },
        // Not fetched (a dropped link): the kit's few words stay Chinese until the next switch; the screen still works.
        () => undefined,
      );
    },
    { immediate: true },
  );
  return words;
}
