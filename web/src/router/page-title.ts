import { onBeforeUnmount, ref, watchEffect, type WatchStopHandle } from 'vue';
import type { RouteLocationNormalizedLoaded, Router } from 'vue-router';
import { i18n } from '@/i18n';

/**
 * What the screen shown is about — the member, the transfer's member, the track — when it is about one thing: set by
 * the screen (usePageSubject) and put first in the tab's title, so that two tabs of 转接审核 or a screen reader's
 * list of windows tell one member from another (WCAG 2.4.2).
 */
const pageSubject = ref<string | null>(null);

/** The screen's subject for the tab's title while the screen is shown; `subject` is read again as it changes. */
export function usePageSubject(subject: () => string | null | undefined): void {
  const stop = watchEffect(() => {
    pageSubject.value = subject()?.trim() || null;
  });
  onBeforeUnmount(() => {
    stop();
    pageSubject.value = null;
  });
}

/** The tab's title for a screen: its subject if it has one, its own title (the innermost route that names one), then the app's name. */
export function pageTitle(route: Pick<RouteLocationNormalizedLoaded, 'matched'>): string {
  const key = [...route.matched].reverse().find((r) => r.meta.titleKey)?.meta.titleKey;
  const app = i18n.global.t('app.name');
  return [pageSubject.value, key ? i18n.global.t(key) : null, app].filter(Boolean).join(' - ');
}

/**
 * Keeps the tab's title on the current screen in the current language. One effect that reads the route, the language
 * and the words: on a fresh load in English the first navigation can end before English arrives, and a screen's own
 * English words join after its code, so titling after each navigation (and on a switch) left 我的 on an English tab.
 */
export function followPageTitle(router: Pick<Router, 'currentRoute'>): WatchStopHandle {
  return watchEffect(() => {
    document.title = pageTitle(router.currentRoute.value);
  });
}
