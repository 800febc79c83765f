import type { BookingView } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { loadBookingMessages } from '../load-messages';
import BookingDetailView from './BookingDetailView.vue';

function booking(status: BookingView['status']): BookingView {
  return {
    id: 31,
    center: { id: 4, name: '新安街道党群服务中心', address: '新安街道人民路 1 号', phone: '0516-88920001' },
    member: { id: 75, name: '王建国' },
    start: '2026-12-08T01:00:00.000Z',
    end: '2026-12-08T01:30:00.000Z',
    purpose: 'HAND_IN_MATERIALS',
    status,
    checkInCode: '483920',
    transferId: 12,
    note: '',
    proxyName: null,
    cancelReason: null,
    version: 2,
    changeableUntil: '2026-12-07T16:00:00.000Z',
  };
}

describe('a booking’s page', () => {
  const api = withLoggedInApi(['MEMBER']);

  async function open(record: BookingView) {
    await loadBookingMessages('member');
    api.serve((r) => (r.url === '/bookings/31' ? { status: 200, data: record } : { status: 404, data: {} }));
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/m/bookings/:id', name: 'member-booking', component: BookingDetailView, props: (r) => ({ id: Number(r.params.id) }) },
        { path: '/m/bookings/new', name: 'member-booking-new', component: { render: () => null } },
        ...['member-bookings', 'member-booking-reschedule'].map((name) => ({ path: `/x/${name}/:id?`, name, component: { render: () => null } })),
      ],
    });
    await router.push('/m/bookings/31');
    const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] } });
    await vi.waitFor(() => expect(wrapper.find('[data-testid=booking-status]').exists()).toBe(true));
    return Object.assign(wrapper, { router });
  }

  it('offers to book again after a cancellation or a missed visit: the same centre, purpose and transfer', async () => {
    for (const status of ['CANCELLED', 'NO_SHOW'] as const) {
      const wrapper = await open(booking(status));
      const link = wrapper.get('[data-testid=booking-rebook]');
      expect(link.text()).toBe('重新预约');
      await link.trigger('click');
      await flushPromises();
      expect(wrapper.router.currentRoute.value.fullPath).toBe('/m/bookings/new?centerId=4&purpose=HAND_IN_MATERIALS&transferId=12');
      wrapper.unmount();
    }
  });

  it('does not offer it for a visit that is booked or was made', async () => {
    for (const status of ['ATTENDED'] as const) {
      const wrapper = await open(booking(status));
      expect(wrapper.find('[data-testid=booking-rebook]').exists()).toBe(false);
      wrapper.unmount();
    }
  });
});
