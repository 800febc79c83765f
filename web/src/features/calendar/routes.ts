import { Permission } from '@zhdj/shared';
import type { RouteRecordRaw } from 'vue-router';

/** The screen's messages are loaded with it (load-messages.ts), before it first renders. */
const withAdminMessages = () => import('./load-messages').then((m) => m.loadCalendarMessages('admin'));

/** The county's working-day calendar (desktop first, Element Plus): children of /admin. */
export const calendarAdminRoutes: RouteRecordRaw[] = [
  {
    path: 'calendar',
    name: 'admin-calendar',
    component: () => import('./views/CalendarDaysView.vue'),
    beforeEnter: withAdminMessages,
    meta: { titleKey: 'calendar.title', permission: Permission.CALENDAR_MANAGE },
  },
];
