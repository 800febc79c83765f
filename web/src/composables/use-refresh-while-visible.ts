import { onScopeDispose, watch } from 'vue';
import { useRoute } from 'vue-router';

/**
 * Keeps a small figure in the app's frame current (the bell's unread count, the menu's to-do count): read it now, at
 * every change of screen (a step just taken usually changes it), every `everyMs` while the page is in view, and when
 * the page comes back into view. A hidden tab asks nothing. Call from a component's setup; stops with it.
 */
export function useRefreshWhileVisible(refresh: () => void, everyMs = 60_000): void {
  const route = useRoute();
  const whenVisible = () => {
    if (document.visibilityState === 'visible') refresh();
  };
  watch(() => route.path, whenVisible, { immediate: true });
  const timer = setInterval(whenVisible, everyMs);
  document.addEventListener('visibilitychange', whenVisible);
  onScopeDispose(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', whenVisible);
  });
}
