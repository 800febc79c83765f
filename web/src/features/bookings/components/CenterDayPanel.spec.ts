import type { BookingView } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { xinyiDate } from '../composables/schedule';
import { centerView } from '../composables/test-fixtures';
import { loadBookingMessages } from '../load-messages';
import CenterDayPanel from './CenterDayPanel.vue';

const center = centerView();

function visit(id: number, status: BookingView['status']): BookingView {
  const start = new Date(Date.now() - 60_000).toISOString();
  return {
    id,
    center: { id: 3, name: center.name, address: center.address, phone: center.phone },
    member: { id: 10 + id, name: `党员${id}` },
    start,
    end: new Date(Date.now() + 29 * 60_000).toISOString(),
    purpose: 'CONSULTATION',
    status,
    checkInCode: 'ABC123',
    transferId: null,
    note: '',
    proxyName: null,
    cancelReason: null,
    version: 2,
    changeableUntil: start,
  };
}

describe('the centre’s day', () => {
  const api = withLoggedInApi(['COMMITTEE_ADMIN']);

  it('undoes a check-in on the wrong line from the line itself, and shows the visit booked again', async () => {
    await loadBookingMessages('member', 'admin');
    const server = api.serve((r) => {
      if (r.url === '/service-centers/3/bookings') return { status: 200, data: [visit(1, 'ATTENDED'), visit(2, 'BOOKED')] };
      if (r.url === '/bookings/1/undo-mark' && r.method === 'POST') return { status: 200, data: visit(1, 'BOOKED') };
      return { status: 404, data: {} };
    });
    const wrapper = mount(CenterDayPanel, { props: { center, refreshKey: 0, date: xinyiDate(new Date()) }, global: { plugins: [i18n] }, attachTo: document.body });
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=day-row-undo]')).toHaveLength(1));
    await wrapper.get('[data-testid=day-row-undo]').trigger('click');
    await flushPromises();
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/bookings/1/undo-mark']);
    expect(wrapper.findAll('[data-testid=day-row-undo]')).toHaveLength(0);
    expect(wrapper.findAll('[data-testid=day-row-status]').map((s) => s.text())).toEqual(['已预约', '已预约']);
    wrapper.unmount();
  });

  it('says when the centre is closed on the chosen day, not only that it has no visits', async () => {
    await loadBookingMessages('member', 'admin');
    const day = xinyiDate(new Date());
    api.serve((r) => {
      if (r.url === '/service-centers/3/bookings') return { status: 200, data: [] };
      if (r.url === '/service-centers/3/availability') return { status: 200, data: [{ date: day, closed: { reason: 'WEEKEND' }, slots: [] }] };
      return { status: 404, data: {} };
    });
    const wrapper = mount(CenterDayPanel, { props: { center, refreshKey: 0, date: day }, global: { plugins: [i18n] }, attachTo: document.body });
    await vi.waitFor(() => expect(wrapper.find('[data-testid=day-closed]').exists()).toBe(true));
    expect(wrapper.get('[data-testid=day-closed]').text()).toContain('周末休息，服务中心不开放');
    wrapper.unmount();
  });
});
