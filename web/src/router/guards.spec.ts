import type { Role } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RouteLocationNormalized } from 'vue-router';
import { takeEarly } from '@/api/early';
import { useSessionStore } from '@/stores/session';
import { loginResponse } from '@/test/fixtures';
import { withLoggedInApi } from '@/test/logged-in-api';
import { decideNavigation, fetchScreenCode, safeRedirect, startScreenRequests } from './guards';
import { router } from './index';

/** Resolves a path against the app's real route table (components are not loaded) and asks the guard. */
function decide(path: string) {
  return decideNavigation(router.resolve(path), useSessionStore());
}

function logIn(roles: Role[]) {
  useSessionStore().applyLogin(loginResponse(roles));
}

describe('route guard', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('sends anonymous visitors to login, remembering where they were going', () => {
    expect(decide('/admin/members?q=138')).toEqual({ name: 'login', query: { redirect: '/admin/members?q=138' } });
    expect(decide('/m/profile')).toEqual({ name: 'login', query: { redirect: '/m/profile' } });
    expect(decide('/login')).toBe(true);
  });

  it('keeps members out of the admin app', () => {
    logIn(['MEMBER']);
    expect(decide('/m/profile')).toBe(true);
    expect(decide('/admin/orgs')).toEqual({ name: 'no-access', query: { from: '/admin/orgs' } });
    expect(decide('/admin/members/12')).toMatchObject({ name: 'no-access' });
  });

  it('keeps administrators without a member record out of the member app', () => {
    logIn(['COUNTY_ADMIN']);
    expect(decide('/admin/orgs/3')).toBe(true);
    expect(decide('/admin/members/import')).toBe(true);
    expect(decide('/m/profile')).toMatchObject({ name: 'no-access' });
  });

  it('opens both apps to someone who is both', () => {
    logIn(['MEMBER', 'BRANCH_ADMIN']);
    expect(decide('/m/profile')).toBe(true);
    expect(decide('/admin/members')).toBe(true);
  });

  it('lets the technical administrator see the tree but not member records', () => {
    logIn(['SYSTEM_ADMIN']);
    expect(decide('/admin/orgs')).toBe(true);
    expect(decide('/admin/members')).toMatchObject({ name: 'no-access' });
    expect(decide('/admin/members/import')).toMatchObject({ name: 'no-access' });
  });

  it('an anonymous visitor at / goes to the login page with nothing to return to, and lands at home after logging in', async () => {
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query).toEqual({});
    logIn(['MEMBER']);
    expect(decide('/login')).toBe('/m');
    // A stale link that remembered the no-access page does not send a correct login there.
    expect(decide('/login?redirect=/no-access')).toBe('/m');
  });

  it('sends a logged-in user away from the login page', () => {
    logIn(['MEMBER']);
    expect(decide('/login')).toBe('/m');
    expect(decide('/login?redirect=/m/settings')).toBe('/m/settings');
    expect(decide('/login?redirect=//evil.example/x')).toBe('/m');
  });

  it('follows only same-app paths after login', () => {
    expect(safeRedirect('/admin/members?q=1')).toBe('/admin/members?q=1');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', '/login?redirect=/x', '/no-access', '/no-access?from=/admin', 42, undefined]) {
      expect(safeRedirect(bad)).toBeNull();
    }
  });
});

describe('what a screen needs, set off while it loads', () => {
  const api = withLoggedInApi([]);

  it("the screen's first API requests: the member's home, the transfer tracker, a study module", async () => {
    logIn(['MEMBER']);
    const server = api.serve(() => ({ status: 200, data: {} }));
    const paths = ['/m/profile', '/m/transfers/9', '/m/study/modules/12', '/m/bookings/new', '/m/bookings', '/admin/transfers?queue=watching', '/admin/transfers?queue=junk'];
    for (const path of paths) startScreenRequests(router.resolve(path));
    await vi.waitFor(() => expect(server.requests).toHaveLength(7));
    expect(server.requests.map((r) => r.url).sort()).toEqual([
      '/members/75',
      '/service-centers',
      '/study/modules/12',
      '/transfers/9',
      '/transfers/mine',
      // The administrator's queue, as its screen first asks for it (an unknown queue is the to-do list).
      '/transfers?queue=todo&limit=20',
      '/transfers?queue=watching&limit=20',
    ]);
    // Each is handed to the screen that asks for it.
    expect(takeEarly('/transfers/9')).not.toBeNull();
  });

  it('a refused navigation downloads nothing of the screen refused: a member following an admin link gets no desktop kit', async () => {
    logIn(['MEMBER']);
    const admin = router.getRoutes().find((r) => r.path === '/admin' && r.components?.default)!;
    const original = admin.components!.default;
    const loader = vi.fn(async () => ({ render: () => null }));
    admin.components!.default = loader as never;
    try {
      await router.push('/admin/transfers');
      expect(router.currentRoute.value.name).toBe('no-access');
      expect(loader).not.toHaveBeenCalled();
    } finally {
      admin.components!.default = original;
    }
  });

  it("the screen's code: every lazy component of the matched routes is asked for once; loaded ones and failures are left alone", async () => {
    const layout = vi.fn(async () => ({}));
    const view = vi.fn(async () => {
      throw new Error('chunk gone');
    });
    const loaded = { name: 'Loaded' };
    const to = { matched: [{ components: { default: layout } }, { components: { default: view, aside: loaded } }, { components: undefined }] } as unknown as RouteLocationNormalized;
    expect(() => fetchScreenCode(to)).not.toThrow();
    expect(layout).toHaveBeenCalledTimes(1);
    expect(view).toHaveBeenCalledTimes(1);
    // The rejected import is settled here (vue-router meets the failure itself when it resolves the screen).
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});
