import { watchEffect, type WatchStopHandle } from 'vue';
import type { RouteLocationNormalizedLoaded, Router } from 'vue-router';
import { i18n } from '@/i18n';

/** The tab's title for a screen: its own title (the innermost route that names one), then the app's name. */
export function pageTitle(route: Pick<RouteLocationNormalizedLoaded, 'matched'>): string {
  const key = [...route.matched].reverse().find((r) => r.meta.titleKey)?.meta.titleKey;
  const app = i18n.global.t('app.name');
  return key ? `${i18n.global.t(key)} - ${app}` : app;
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
