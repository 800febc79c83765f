import { ADMIN_ROLES, administratorRoleFor, appointsTier, hasPermission, type LoginResponse, type OrgLevel, type Permission, type Role, type SessionUser } from '@zhdj/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { SESSION_STORAGE_KEY } from './session-key';

export { SESSION_STORAGE_KEY };

interface PersistedSession {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

function isPersistedSession(value: unknown): value is PersistedSession {
  const v = value as Partial<PersistedSession> | null;
  return (
    !!v &&
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    !!v.user &&
    typeof v.user.id === 'number' &&
    Array.isArray(v.user.roles) &&
    Array.isArray(v.user.permissions)
  );
}

function readStored(): PersistedSession | null {
  try {
    const raw = localStorage.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isPersistedSession(parsed) ? parsed : null;
  } catch {
    // Corrupt storage or storage disabled: start logged out rather than crash.
    return null;
  }
}

/**
 * The logged-in user and their tokens, persisted in localStorage so a reload keeps the session. Every tab shares
 * the same storage: when another tab rotates the tokens or logs out, this one follows (see `reloadFromStorage`).
 */
export const useSessionStore = defineStore('session', () => {
  const stored = readStored();
  const accessToken = ref<string | null>(stored?.accessToken ?? null);
  const refreshToken = ref<string | null>(stored?.refreshToken ?? null);
  const user = ref<SessionUser | null>(stored?.user ?? null);

  const isLoggedIn = computed(() => accessToken.value !== null && user.value !== null);
  const roles = computed<Role[]>(() => user.value?.roles.map((r) => r.role) ?? []);
  const isAdmin = computed(() => roles.value.some((r) => ADMIN_ROLES.includes(r)));
  const isMember = computed(() => user.value?.memberId != null);
  /** Both apps are open to this user, so the UI offers a switch. */
  const canSwitchApps = computed(() => isAdmin.value && isMember.value);
  /** An administrator who must set up TOTP first: the router allows only the enrolment page. */
  const mfaEnrolmentRequired = computed(() => user.value?.mfaEnrolmentRequired === true);
  /**
   * Where the user lands after login: administrators in the admin app, pure members in the member app. Logged out,
   * home is the login page: `/` redirects here before any guard runs, and '/no-access' would have been remembered
   * as the place to return to after a correct login.
   */
  const homePath = computed(() => (!isLoggedIn.value ? '/login' : isAdmin.value ? '/admin' : isMember.value ? '/m' : '/no-access'));

  /** Permissions come from the shared role table, the same one the server's guard reads. */
  function can(permission: Permission): boolean {
    return hasPermission(roles.value, permission);
  }

  /**
   * Whether the user administers the organisation whose ids from the county's root down are `lineage` (its own id
   * last): one of their administrator roles is held over it or over an organisation above it. The places above a
   * committee's or a branch's own are named on its screens (a breadcrumb) but are not theirs to open.
   */
  function administers(lineage: number[]): boolean {
    return (user.value?.roles ?? []).some((r) => ADMIN_ROLES.includes(r.role) && (r.org === null || lineage.includes(r.org.id)));
  }

  /**
   * Whether the user may appoint the administrators of an organisation of `level` that is, or lies below, one of the
   * organisations `lineage` names by id: the rule of `mayAppoint`, which the server applies, read from this session's
   * roles.
   */
  function mayAppointAt(lineage: number[], level: OrgLevel): boolean {
    const wanted = administratorRoleFor(level);
    return (user.value?.roles ?? []).some((r) => r.org !== null && lineage.includes(r.org.id) && appointsTier(r.role, wanted));
  }

  function persist(): void {
    try {
      if (accessToken.value && refreshToken.value && user.value) {
        const value: PersistedSession = { accessToken: accessToken.value, refreshToken: refreshToken.value, user: user.value };
        localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(value));
      } else {
        localStorage.removeItem(SESSION_STORAGE_KEY);
      }
    } catch {
      // Private mode with storage disabled: the session still works for this page's lifetime.
    }
  }

  /** After login or a refresh: the tokens rotate and the user record is replaced. */
  function applyLogin(response: LoginResponse): void {
    accessToken.value = response.accessToken;
    refreshToken.value = response.refreshToken;
    user.value = response.user;
    persist();
  }

  /** After GET /api/me: roles may have changed since login. */
  function setUser(next: SessionUser): void {
    // Another tab may have rotated the token pair since this one read it; storage always holds the newest pair
    // (every rotation is written at once), so adopt it rather than write an older, already spent one back.
    const stored = readStored();
    if (stored && stored.user.id === next.id) {
      accessToken.value = stored.accessToken;
      refreshToken.value = stored.refreshToken;
    }
    user.value = next;
    persist();
  }

  function clear(): void {
    accessToken.value = null;
    refreshToken.value = null;
    user.value = null;
    persist();
  }

  /** Adopt a session another tab wrote (a rotated token pair, a new login); an unreadable storage changes nothing. */
  function reloadFromStorage(): void {
    const next = readStored();
    if (!next) return;
    accessToken.value = next.accessToken;
    refreshToken.value = next.refreshToken;
    user.value = next.user;
  }

  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key !== SESSION_STORAGE_KEY && event.key !== null) return;
      // Removed (or all storage cleared) in another tab: that tab logged out, and so does this one.
      if (event.newValue === null) {
        accessToken.value = null;
        refreshToken.value = null;
        user.value = null;
      } else {
        reloadFromStorage();
      }
    });
  }

  return {
    accessToken,
    refreshToken,
    user,
    isLoggedIn,
    roles,
    isAdmin,
    isMember,
    canSwitchApps,
    mfaEnrolmentRequired,
    homePath,
    can,
    administers,
    mayAppointAt,
    applyLogin,
    setUser,
    clear,
    reloadFromStorage,
  };
});

export type SessionStore = ReturnType<typeof useSessionStore>;
