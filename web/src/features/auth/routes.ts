import type { RouteRecordRaw } from 'vue-router';

export const authRoutes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./views/AuthLoginView.vue'),
    meta: { public: true, titleKey: 'auth.title' },
  },
];

/** Account settings inside the member app (language, large text, app switch, logout). */
export const authMemberRoutes: RouteRecordRaw[] = [
  {
    path: 'settings',
    name: 'member-settings',
    component: () => import('./views/AuthAccountView.vue'),
    meta: { titleKey: 'settings.title' },
  },
];
