import { Permission } from '@zhdj/shared';
import type { RouteRecordRaw } from 'vue-router';

export const orgAdminRoutes: RouteRecordRaw[] = [
  {
    path: 'orgs/:id(\\d+)?',
    name: 'admin-orgs',
    component: () => import('./views/OrgBrowserView.vue'),
    props: (route) => ({ id: route.params.id ? Number(route.params.id) : null }),
    meta: { titleKey: 'orgs.title', permission: Permission.ORG_READ },
  },
];
