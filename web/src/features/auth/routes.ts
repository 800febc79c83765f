import type { RouteRecordRaw } from 'vue-router';

export const authRoutes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./views/AuthLoginView.vue'),
    meta: { public: true, titleKey: 'auth.title' },
  },
  {
    // The enrolment-only path of an administrator who must use TOTP (MFA_REQUIRED_FOR_ADMINS).
    path: '/security/mfa-setup',
    name: 'mfa-enrol',
    component: () => import('./views/AuthMfaEnrolView.vue'),
    meta: { titleKey: 'security.enrol.title', mfaEnrolment: true },
  },
];

/** Account settings inside the member app (language, large text, app switch, logout) and account security. */
export const authMemberRoutes: RouteRecordRaw[] = [
  {
    path: 'settings',
    name: 'member-settings',
    component: () => import('./views/AuthAccountView.vue'),
    meta: { titleKey: 'settings.title' },
  },
  {
    path: 'security',
    name: 'member-security',
    component: () => import('./views/AuthSecurityView.vue'),
    meta: { titleKey: 'security.title' },
  },
];

/** Account security inside the admin app (the same screen). */
export const authAdminRoutes: RouteRecordRaw[] = [
  {
    path: 'security',
    name: 'admin-security',
    component: () => import('./views/AuthSecurityView.vue'),
    meta: { titleKey: 'security.title' },
  },
];
