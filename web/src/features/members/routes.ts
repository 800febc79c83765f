import { Permission } from '@zhdj/shared';
import type { RouteRecordRaw } from 'vue-router';
import { useSessionStore } from '@/stores/session';

/** The member app (phone first, Vant). */
export const memberAppRoutes: RouteRecordRaw[] = [
  {
    path: 'profile',
    name: 'member-profile',
    component: () => import('./views/MemberProfileView.vue'),
    meta: {
      titleKey: 'profile.title',
      permission: Permission.MEMBER_READ_SELF,
      // The member's record (as the stored session names it) and their transfer.
      early: () => {
        const memberId = useSessionStore().user?.memberId;
        return [...(memberId != null ? [`/members/${memberId}`] : []), '/transfers/mine'];
      },
    },
    // The transfer card's code too is asked for while the screen's own loads, not once it has arrived.
    beforeEnter: () => {
      void import('@/features/transfers/components/TransferHomeCard.vue').catch(() => undefined);
    },
  },
];

/** The add and edit screens' messages are loaded with them (load-messages.ts), before they first render. */
const withFormMessages = () => import('./load-messages').then((m) => m.loadMemberFormMessages('admin'));

/** Member administration (desktop first, Element Plus). */
export const memberAdminRoutes: RouteRecordRaw[] = [
  {
    path: 'members',
    name: 'admin-members',
    component: () => import('./views/MemberListView.vue'),
    meta: { titleKey: 'members.title', permission: Permission.MEMBER_READ },
  },
  {
    path: 'members/import',
    name: 'admin-member-import',
    component: () => import('./views/MemberImportView.vue'),
    meta: { titleKey: 'import.title', permission: Permission.MEMBER_IMPORT },
  },
  {
    path: 'members/new',
    name: 'admin-member-new',
    component: () => import('./views/MemberCreateView.vue'),
    beforeEnter: withFormMessages,
    meta: { titleKey: 'memberForm.createTitle', permission: Permission.MEMBER_WRITE },
  },
  {
    path: 'members/:id(\\d+)/edit',
    name: 'admin-member-edit',
    component: () => import('./views/MemberEditView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    beforeEnter: withFormMessages,
    meta: { titleKey: 'memberForm.editTitle', permission: Permission.MEMBER_WRITE },
  },
  {
    path: 'members/:id(\\d+)',
    name: 'admin-member',
    component: () => import('./views/MemberDetailView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { titleKey: 'member.title', permission: Permission.MEMBER_READ },
  },
];
