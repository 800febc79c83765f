import { Permission } from '@zhdj/shared';
import type { RouteRecordRaw } from 'vue-router';

/** The screens' messages are loaded with them (load-messages.ts), before the first one renders. */
const withMessages = () => import('./load-messages').then((m) => m.loadBookingMessages('member'));
const withAdminMessages = () => import('./load-messages').then((m) => m.loadBookingMessages('member', 'admin'));

const id = (route: { params: Record<string, unknown> }) => ({ id: Number(route.params.id) });

/** The member app (phone first, Vant): book, see, move and cancel visits to a service centre. */
export const bookingMemberRoutes: RouteRecordRaw[] = [
  {
    path: 'bookings',
    name: 'member-bookings',
    component: () => import('./views/BookingListView.vue'),
    beforeEnter: withMessages,
    meta: { titleKey: 'bookings.title.list', permission: Permission.BOOKING_CREATE },
  },
  {
    // The transfer tracker links here as /m/bookings/new?transferId=<id>&purpose=COLLECT_LETTER|HAND_IN_MATERIALS.
    path: 'bookings/new',
    name: 'member-booking-new',
    component: () => import('./views/BookingNewView.vue'),
    beforeEnter: withMessages,
    // The centres (the member's own first) are asked for while the picker's code and words load.
    meta: { titleKey: 'bookings.title.new', permission: Permission.BOOKING_CREATE, early: () => ['/service-centers'] },
  },
  {
    // Notifications link to /m/bookings/<id>.
    path: 'bookings/:id(\\d+)',
    name: 'member-booking',
    component: () => import('./views/BookingDetailView.vue'),
    props: id,
    beforeEnter: withMessages,
    meta: { titleKey: 'bookings.title.detail', permission: Permission.BOOKING_CREATE },
  },
  {
    path: 'bookings/:id(\\d+)/reschedule',
    name: 'member-booking-reschedule',
    component: () => import('./views/BookingRescheduleView.vue'),
    props: id,
    beforeEnter: withMessages,
    meta: { titleKey: 'bookings.title.reschedule', permission: Permission.BOOKING_CREATE },
  },
];

/** Centre administrators (desktop and phone, Element Plus): the day, the week, check-in, settings, closures. */
export const bookingAdminRoutes: RouteRecordRaw[] = [
  {
    path: 'centers',
    name: 'admin-centers',
    component: () => import('./views/CenterDeskView.vue'),
    beforeEnter: withAdminMessages,
    meta: { titleKey: 'bookings.title.desk', permission: Permission.CENTER_MANAGE },
  },
  {
    path: 'centers/overview',
    name: 'admin-center-overview',
    component: () => import('./views/CenterOverviewView.vue'),
    beforeEnter: withAdminMessages,
    meta: { titleKey: 'bookings.title.overview', permission: Permission.CENTER_MANAGE },
  },
];

