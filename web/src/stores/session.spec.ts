import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { loginResponse } from '@/test/fixtures';
import { SESSION_STORAGE_KEY, useSessionStore } from './session';

/** A fresh Pinia is what a page reload gives: the store must come back from localStorage. */
const reload = () => {
  setActivePinia(createPinia());
  return useSessionStore();
};

describe('session store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('starts logged out', () => {
    const sut = useSessionStore();
    expect(sut.isLoggedIn).toBe(false);
    expect(sut.accessToken).toBeNull();
    expect(sut.homePath).toBe('/login');
  });

  it('keeps the tokens and the user across a reload', () => {
    useSessionStore().applyLogin(loginResponse(['COUNTY_ADMIN'], 'a-1', 'r-1'));
    const sut = reload();
    expect(sut.isLoggedIn).toBe(true);
    expect(sut.accessToken).toBe('a-1');
    expect(sut.refreshToken).toBe('r-1');
    expect(sut.user?.displayName).toBe('王建国');
  });

  it('forgets everything on clear, in storage too', () => {
    useSessionStore().applyLogin(loginResponse(['MEMBER']));
    useSessionStore().clear();
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(reload().isLoggedIn).toBe(false);
  });

  it('treats corrupt or foreign storage as logged out', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(reload().isLoggedIn).toBe(false);
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'x' }));
    expect(reload().isLoggedIn).toBe(false);
  });

  it('sends administrators to the admin app and members to the member app', () => {
    const sut = useSessionStore();
    sut.applyLogin(loginResponse(['BRANCH_ADMIN']));
    expect([sut.isAdmin, sut.isMember, sut.canSwitchApps, sut.homePath]).toEqual([true, false, false, '/admin']);
    sut.applyLogin(loginResponse(['MEMBER']));
    expect([sut.isAdmin, sut.isMember, sut.canSwitchApps, sut.homePath]).toEqual([false, true, false, '/m']);
    sut.applyLogin(loginResponse(['MEMBER', 'COMMITTEE_ADMIN']));
    expect([sut.isAdmin, sut.isMember, sut.canSwitchApps, sut.homePath]).toEqual([true, true, true, '/admin']);
  });

  it('answers permissions from the shared role table', () => {
    const sut = useSessionStore();
    sut.applyLogin(loginResponse(['MEMBER']));
    expect(sut.can('member.readSelf')).toBe(true);
    expect(sut.can('member.read')).toBe(false);
    sut.applyLogin(loginResponse(['SYSTEM_ADMIN']));
    expect(sut.can('org.read')).toBe(true);
    // The technical administrator sees no member personal data.
    expect(sut.can('member.read')).toBe(false);
    expect(sut.can('member.revealId')).toBe(false);
  });

  it('follows another tab that rotated the tokens or logged out', () => {
    const sut = useSessionStore();
    sut.applyLogin(loginResponse(['MEMBER'], 'a-1', 'r-1'));
    const other = { ...loginResponse(['MEMBER'], 'a-2', 'r-2') };
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: other.accessToken, refreshToken: other.refreshToken, user: other.user }));
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY, newValue: localStorage.getItem(SESSION_STORAGE_KEY) }));
    expect(sut.accessToken).toBe('a-2');
    localStorage.removeItem(SESSION_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY, newValue: null }));
    expect(sut.isLoggedIn).toBe(false);
  });

  it('never writes an older token pair back over one another tab rotated (refreshing the user after /me)', () => {
    const sut = useSessionStore();
    sut.applyLogin(loginResponse(['MEMBER'], 'a-1', 'r-1'));
    // Another tab refreshed: storage holds the new pair, and no storage event has reached this tab yet.
    const rotated = loginResponse(['MEMBER'], 'a-2', 'r-2');
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: rotated.accessToken, refreshToken: rotated.refreshToken, user: rotated.user }));
    sut.setUser({ ...rotated.user, displayName: 'renamed' });
    const stored = JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY)!);
    expect({ a: stored.accessToken, r: stored.refreshToken, name: stored.user.displayName }).toEqual({ a: 'a-2', r: 'r-2', name: 'renamed' });
    expect(sut.refreshToken).toBe('r-2');
  });

  it('keeps its session when storage cannot be read back', () => {
    const sut = useSessionStore();
    sut.applyLogin(loginResponse(['MEMBER'], 'a-1', 'r-1'));
    localStorage.setItem(SESSION_STORAGE_KEY, 'garbage');
    sut.reloadFromStorage();
    expect(sut.accessToken).toBe('a-1');
  });
});
