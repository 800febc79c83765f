import { useRouter } from 'vue-router';
import { useSessionStore } from '@/stores/session';
import { logout } from '../api';

/** Ends the session on the server (best effort) and always locally, then shows the login page. */
export function useLogout() {
  const router = useRouter();
  const session = useSessionStore();
  return async function signOut(): Promise<void> {
    try {
      await logout();
    } catch {
      // Offline or already expired: the local session is dropped all the same.
    }
    session.clear();
    await router.replace({ name: 'login', query: { reason: 'logout' } });
  };
}
