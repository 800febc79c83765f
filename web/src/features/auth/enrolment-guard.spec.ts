import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { decideNavigation } from '@/router/guards';
import { router } from '@/router';
import { useSessionStore } from '@/stores/session';
import { loginResponse, sessionUser } from '@/test/fixtures';

const decide = (path: string) => decideNavigation(router.resolve(path), useSessionStore());

describe('the enrolment-only path (MFA_REQUIRED_FOR_ADMINS)', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('an administrator who must enrol TOTP is kept on the enrolment page', () => {
    useSessionStore().applyLogin({ ...loginResponse(['COUNTY_ADMIN']), user: sessionUser(['COUNTY_ADMIN'], { mfaEnrolmentRequired: true }) });
    expect(decide('/admin/orgs')).toEqual({ name: 'mfa-enrol' });
    expect(decide('/admin/security')).toEqual({ name: 'mfa-enrol' });
    expect(decide('/security/mfa-setup')).toBe(true);
    expect(decide('/login')).toBe('/admin');
  });

  it('once enrolled (or never required), the enrolment page sends the user home', () => {
    useSessionStore().applyLogin(loginResponse(['COUNTY_ADMIN']));
    expect(decide('/security/mfa-setup')).toBe('/admin');
    expect(decide('/admin/security')).toBe(true);
  });

  it('everyone has an account-security page in their app', () => {
    useSessionStore().applyLogin(loginResponse(['MEMBER']));
    expect(decide('/m/security')).toBe(true);
    expect(decide('/admin/security')).toMatchObject({ name: 'no-access' });
  });
});
