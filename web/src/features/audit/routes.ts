import { Permission } from '@zhdj/shared';
import type { RouteRecordRaw } from 'vue-router';

/** The screen's messages are loaded with it (load-messages.ts), before it first renders. */
const withMessages = () => import('./load-messages').then((m) => m.loadAuditMessages());

/** The audit log (county and system administrators; desktop first, Element Plus): children of /admin. */
export const auditAdminRoutes: RouteRecordRaw[] = [
  {
    path: 'audit',
    name: 'admin-audit',
    component: () => import('./views/AuditLogView.vue'),
    beforeEnter: withMessages,
    meta: { titleKey: 'audit.title', permission: Permission.AUDIT_READ },
  },
];
