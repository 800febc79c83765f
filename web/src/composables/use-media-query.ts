import { onScopeDispose, ref, type Ref } from 'vue';

/** Whether a media query matches, kept up to date (e.g. switching the admin sidebar to a drawer on phones). */
export function useMediaQuery(query: string): Ref<boolean> {
  const matches = ref(false);
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return matches;
  const mql = window.matchMedia(query);
  matches.value = mql.matches;
  const onChange = (e: MediaQueryListEvent) => {
    matches.value = e.matches;
  };
  mql.addEventListener('change', onChange);
  onScopeDispose(() => mql.removeEventListener('change', onChange));
  return matches;
}

/** Phones and narrow windows: the admin app shows cards instead of tables and a drawer instead of the sidebar. */
export const PHONE_QUERY = '(max-width: 768px)';
