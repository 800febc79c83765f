import type { BookingView, DayAvailability } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { addDays, xinyiDate } from '../composables/schedule';
import { centerView } from '../composables/test-fixtures';
import { loadBookingMessages } from '../load-messages';
import BookingRescheduleView from './BookingRescheduleView.vue';

const today = xinyiDate(new Date());
const day = (n: number): DayAvailability => {
  const d = addDays(today, n);
  return { date: d, closed: null, slots: [{ start: `${d}T01:00:00.000Z`, end: `${d}T01:30:00.000Z`, capacity: 2, free: 2 }] };
};
const visit = (id: number, inDays: number, centerId = 3): BookingView => {
  const d = addDays(today, inDays);
  return {
    id,
    center: { id: centerId, name: centerId === 3 ? '新安街道党群服务中心' : '别的中心', address: '', phone: '' },
    member: { id: 1, name: '王明' },
    start: `${d}T06:00:00.000Z`,
    end: `${d}T06:30:00.000Z`,
    purpose: 'CONSULTATION',
    status: 'BOOKED',
    checkInCode: 'ABC123',
    transferId: null,
    note: '',
    proxyName: null,
    cancelReason: null,
    version: 1,
    changeableUntil: `${d}T05:00:00.000Z`,
  };
};

describe('moving a visit', () => {
  const api = withLoggedInApi(['MEMBER']);

  it('marks the days of the member’s other visits at the centre, and offers to move that visit rather than times the server would refuse', async () => {
    await loadBookingMessages('member');
    const moving = visit(30, 1);
    const other = visit(31, 3);
    const elsewhere = visit(32, 2, 9);
    api.serve((r) =>
      r.url === '/bookings/30'
        ? { status: 200, data: moving }
        : r.url === '/service-centers/3'
          ? { status: 200, data: centerView() }
          : r.url?.startsWith('/service-centers/3/availability')
            ? { status: 200, data: [day(1), day(2), day(3)] }
            : r.url === '/bookings/mine'
              ? { status: 200, data: [moving, other, elsewhere] }
              : { status: 404, data: {} },
    );
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/m/bookings/:id/reschedule', name: 'member-booking-reschedule', component: BookingRescheduleView, props: (r) => ({ id: Number(r.params.id) }) },
        ...['member-booking', 'member-bookings'].map((name) => ({ path: `/x/${name}/:id?`, name, component: { render: () => null } })),
      ],
    });
    await router.push('/m/bookings/30/reschedule');
    const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] }, attachTo: document.body });
    const cell = (n: number) => wrapper.get(`[data-testid=calendar-day][data-date="${addDays(today, n)}"]`);
    await vi.waitFor(() => expect(cell(3).attributes('data-held')).toBe('true'));
    // The visit's own day stays open to it (a move within the day), and a visit at another centre marks nothing.
    expect(cell(1).attributes('data-held')).toBeUndefined();
    expect(cell(2).attributes('data-held')).toBeUndefined();
    expect(wrapper.findAll('[data-testid=slot]')).toHaveLength(1);

    await cell(3).trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid=held-that-day]').text()).toContain('每人每天在同一服务中心只能预约一次');
    expect(wrapper.findAll('[data-testid=slot]')).toHaveLength(0);
    await wrapper.get('[data-testid=held-that-day-move]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.params.id).toBe('31'));
    wrapper.unmount();
  });
});
