import { PAGE_LIMIT_DEFAULT, Permission } from '@zhdj/shared';
import type { RouteRecordRaw } from 'vue-router';
import { dueFilters, queueFrom, queueUrl } from './queue-url';

const id = (route: { params: Record<string, unknown> }) => ({ id: Number(route.params.id) });

/** The member app (under /m; phone first, Vant): apply, follow, the letter. */
export const transferMemberRoutes: RouteRecordRaw[] = [
  {
    path: 'transfers',
    name: 'member-transfers',
    component: () => import('./views/TransferMemberHomeView.vue'),
    meta: { titleKey: 'transfers.title', permission: Permission.TRANSFER_APPLY },
  },
  {
    path: 'transfers/new',
    name: 'member-transfer-new',
    component: () => import('./views/TransferApplyView.vue'),
    meta: { titleKey: 'transfers.apply.title', permission: Permission.TRANSFER_APPLY },
  },
  {
    path: 'transfers/:id(\\d+)/edit',
    name: 'member-transfer-edit',
    component: () => import('./views/TransferApplyView.vue'),
    props: id,
    meta: { titleKey: 'transfers.apply.editTitle', permission: Permission.TRANSFER_APPLY },
  },
  {
    path: 'transfers/:id(\\d+)',
    name: 'member-transfer',
    component: () => import('./views/TransferTrackView.vue'),
    props: id,
    meta: { titleKey: 'transfers.track.title', permission: Permission.TRANSFER_APPLY, early: (to) => [`/transfers/${id(to).id}`] },
  },
];

/** The admin app (under /admin; desktop first, Element Plus, ECharts on the overview only). */
export const transferAdminRoutes: RouteRecordRaw[] = [
  {
    path: 'transfers',
    name: 'admin-transfers',
    component: () => import('./views/TransferQueueView.vue'),
    meta: {
      titleKey: 'transfersAdmin.queue.title',
      permission: Permission.TRANSFER_READ,
      // The first page of the queue in the address (else the to-do list), filtered only by a link's `due`, as the
      // screen first asks for it.
      early: (to) => [queueUrl(queueFrom(to.query.queue), dueFilters(to.query.due), null, PAGE_LIMIT_DEFAULT)],
    },
  },
  {
    path: 'transfers/inbound',
    name: 'admin-transfer-inbound',
    component: () => import('./views/TransferInboundView.vue'),
    meta: { titleKey: 'transfersAdmin.inbound.title', permission: Permission.TRANSFER_REGISTER_INBOUND, activeNav: 'admin-transfers' },
  },
  {
    path: 'transfers/overview',
    name: 'admin-transfer-overview',
    component: () => import('./views/TransferOverviewView.vue'),
    meta: { titleKey: 'transfersAdmin.overview.title', permission: Permission.TRANSFER_OVERVIEW },
  },
  {
    path: 'transfers/:id(\\d+)',
    name: 'admin-transfer',
    component: () => import('./views/TransferReviewView.vue'),
    props: id,
    meta: { titleKey: 'transfersAdmin.review.title', permission: Permission.TRANSFER_READ, activeNav: 'admin-transfers' },
  },
];

/** Public, no login: the page behind the letter's QR code. */
export const transferPublicRoutes: RouteRecordRaw[] = [
  {
    path: '/verify/:token',
    name: 'verify-letter',
    component: () => import('./views/LetterVerifyView.vue'),
    props: (route) => ({ token: String(route.params.token) }),
    meta: { public: true, titleKey: 'verify.title' },
  },
];
