import { Permission } from '@zhdj/shared';
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { auditAdminRoutes } from '@/features/audit/routes';
import { authAdminRoutes, authMemberRoutes, authRoutes } from '@/features/auth/routes';
import { bookingAdminRoutes, bookingMemberRoutes } from '@/features/bookings/routes';
import { calendarAdminRoutes } from '@/features/calendar/routes';
import { memberAdminRoutes, memberAppRoutes } from '@/features/members/routes';
import { notificationAdminRoutes, notificationMemberRoutes } from '@/features/notifications/routes';
import { orgAdminRoutes } from '@/features/organizations/routes';
import { studyAdminRoutes, studyMemberRoutes } from '@/features/study/routes';
import { transferAdminRoutes, transferMemberRoutes, transferPublicRoutes } from '@/features/transfers/routes';
import { useSessionStore } from '@/stores/session';
import { followFocus } from './focus';
import { decideNavigation, fetchScreenCode, startScreenRequests } from './guards';
import { followPageTitle } from './page-title';
import { scrollBehavior } from './scroll';

export const routes: RouteRecordRaw[] = [
  ...authRoutes,
  ...transferPublicRoutes,
  {
    path: '/',
    name: 'home',
    redirect: () => useSessionStore().homePath,
  },
  {
    // The member app: phone first, Vant only.
    path: '/m',
    component: () => import('@/layouts/MobileLayout.vue'),
    meta: { permission: Permission.MEMBER_READ_SELF },
    children: [{ path: '', redirect: { name: 'member-profile' } }, ...memberAppRoutes, ...authMemberRoutes, ...bookingMemberRoutes, ...studyMemberRoutes, ...transferMemberRoutes, ...notificationMemberRoutes],
  },
  {
    // The admin app: desktop first, Element Plus loaded with this chunk only.
    path: '/admin',
    component: () => import('@/layouts/DesktopLayout.vue'),
    meta: { permission: Permission.ORG_READ },
    children: [{ path: '', redirect: { name: 'admin-orgs' } }, ...orgAdminRoutes, ...memberAdminRoutes, ...authAdminRoutes, ...bookingAdminRoutes, ...studyAdminRoutes, ...transferAdminRoutes, ...notificationAdminRoutes, ...calendarAdminRoutes, ...auditAdminRoutes],
  },
  {
    path: '/no-access',
    name: 'no-access',
    component: () => import('@/views/NoAccessView.vue'),
    meta: { titleKey: 'errors.forbiddenTitle' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { public: true, titleKey: 'errors.notFoundTitle' },
  },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior,
});

router.beforeEach((to) => decideNavigation(to, useSessionStore()));
// Only once the navigation is allowed (the guards after a redirect do not run): a member who follows an
// administrator's link is sent away without downloading the desktop kit.
router.beforeEach(fetchScreenCode);
router.beforeEach(startScreenRequests);

// After a new release the old lazy chunks are gone from the server: load the new build at the target address once.
const RELOAD_MARK = 'zhdj.chunkReload';
router.onError((error: unknown, to) => {
  const message = error instanceof Error ? error.message : String(error);
  if (!/dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(message)) return;
  if (sessionStorage.getItem(RELOAD_MARK) === to.fullPath) return;
  sessionStorage.setItem(RELOAD_MARK, to.fullPath);
  window.location.assign(to.fullPath);
});
router.afterEach(() => sessionStorage.removeItem(RELOAD_MARK));

followPageTitle(router);
// The new screen is announced by focus on its heading, which shows the same title as the tab.
followFocus(router);
