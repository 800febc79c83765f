import type { Role } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSessionStore } from '@/stores/session';
import { loginResponse } from '@/test/fixtures';
import { decideNavigation, safeRedirect } from './guards';
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

  it('sends a logged-in user away from the login page', () => {
    logIn(['MEMBER']);
    expect(decide('/login')).toBe('/m');
    expect(decide('/login?redirect=/m/settings')).toBe('/m/settings');
    expect(decide('/login?redirect=//evil.example/x')).toBe('/m');
  });

  it('follows only same-app paths after login', () => {
    expect(safeRedirect('/admin/members?q=1')).toBe('/admin/members?q=1');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', '/login?redirect=/x', 42, undefined]) {
      expect(safeRedirect(bad)).toBeNull();
    }
  });
});
