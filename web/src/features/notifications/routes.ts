import type { RouteRecordRaw } from 'vue-router';

/** The notification list in the member app (under /m) — kit-free, so it loads no Element Plus. */
export const notificationMemberRoutes: RouteRecordRaw[] = [
  {
    path: 'notifications',
    name: 'member-notifications',
    component: () => import('./views/NotificationListView.vue'),
    meta: { titleKey: 'notifications.title' },
  },
];

/** The same list in the admin app (under /admin). */
export const notificationAdminRoutes: RouteRecordRaw[] = [
  {
    path: 'notifications',
    name: 'admin-notifications',
    component: () => import('./views/NotificationListView.vue'),
    meta: { titleKey: 'notifications.title' },
  },
];
