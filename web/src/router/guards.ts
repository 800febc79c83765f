import type { Permission } from '@zhdj/shared';
import { startEarly } from '@/api/early';
import type { LocationQuery, RouteLocationNormalized, RouteLocationRaw, RouteMeta } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without logging in (the login page). */
    public?: boolean;
    /** The permission, from the shared role table, that the API would demand for this screen's data. */
    permission?: Permission;
    /** i18n key of the page title. */
    titleKey?: string;
    /** The enrolment-only page of an administrator who must set up TOTP first. */
    mfaEnrolment?: boolean;
    /** The API GETs the screen starts with, asked for while its code and words load (see api/early.ts). */
    early?: (to: Pick<RouteLocationNormalized, 'params' | 'query'>) => string[];
  }
}

/** What the guard reads of a target route (a normalized or a resolved location). */
export interface GuardTarget {
  name?: unknown;
  fullPath: string;
  query: LocationQuery;
  matched: { meta: RouteMeta }[];
}

export interface GuardSession {
  isLoggedIn: boolean;
  homePath: string;
  can(permission: Permission): boolean;
  /** An administrator who must enrol TOTP before anything else (the API refuses everything else meanwhile). */
  mfaEnrolmentRequired?: boolean;
}

/**
 * Only same-app paths are followed after login (never `//evil.example` or `https://…`), and never the login or the
 * no-access page: after logging in the user goes to their home instead.
 */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/^\/(login|no-access)(?:[/?#]|$)/.test(value)) return null;
  return value;
}

/**
 * Decides a navigation: not logged in → the login page, remembering where the user was going; logged in but
 * lacking a route's permission (every matched record is checked, so a layout's permission covers its children)
 * → the user's home, or the no-access page when already there.
 */
export function decideNavigation(to: GuardTarget, session: GuardSession): true | RouteLocationRaw {
  if (to.matched.some((r) => r.meta.public)) {
    if (to.name === 'login' && session.isLoggedIn) return safeRedirect(to.query.redirect) ?? session.homePath;
    return true;
  }
  if (!session.isLoggedIn) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }
  const enrolmentPage = to.matched.some((r) => r.meta.mfaEnrolment);
  if (session.mfaEnrolmentRequired && !enrolmentPage) return { name: 'mfa-enrol' };
  if (!session.mfaEnrolmentRequired && enrolmentPage) return session.homePath;
  const missing = to.matched.find((r) => r.meta.permission && !session.can(r.meta.permission));
  if (missing) return { name: 'no-access', query: { from: to.fullPath } };
  return true;
}

/**
 * A screen's code is fetched while its own guards run (the screen's messages, which its route waits for), not after
 * them: on a slow phone network those were round trips one after another. The lazy components are the functions
 * among the matched records' components (vue-router puts the loaded component in their place); calling the same
 * import again when vue-router resolves them is the same download. Registered after the permission check.
 */
export function fetchScreenCode(to: Pick<RouteLocationNormalized, 'matched'>): void {
  for (const record of to.matched) {
    for (const component of Object.values(record.components ?? {})) {
      if (typeof component === 'function') void Promise.resolve((component as () => unknown)()).catch(() => undefined);
    }
  }
}

/** The API GETs a screen starts with (its routes' `early`), set off alongside its code; see api/early.ts. */
export function startScreenRequests(to: Pick<RouteLocationNormalized, 'matched' | 'params' | 'query'>): void {
  for (const record of to.matched) for (const url of record.meta.early?.(to) ?? []) startEarly(url);
}
