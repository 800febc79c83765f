import type { DayAvailability, ServiceCenterView } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { addDays, xinyiDate } from '../composables/schedule';
import { loadBookingMessages } from '../load-messages';
import BookingNewView from './BookingNewView.vue';

const center = {
  id: 4,
  org: { id: 3, name: '中共新沂市新安街道工作委员会', shortName: '新安街道党工委' },
  name: '新安街道党群服务中心',
  address: '人民路 1 号',
  phone: '0516-88920001',
  weeklyHours: {},
  slotMinutes: 30,
  capacity: 2,
  horizonDays: 14,
  minNoticeMinutes: 60,
  cancelCutoffMinutes: 120,
  acceptsProxy: false,
  active: true,
  isMine: true,
  canManage: false,
  version: 1,
} as unknown as ServiceCenterView;

const today = xinyiDate(new Date());
const day = (n: number): DayAvailability => {
  const d = addDays(today, n);
  return { date: d, closed: null, slots: [{ start: `${d}T01:00:00.000Z`, end: `${d}T01:30:00.000Z`, capacity: 2, free: 2 }] };
};

describe('booking a visit', () => {
  const api = withLoggedInApi(['MEMBER']);
  afterEach(() => vi.restoreAllMocks());

  /** The booking page for a member who already holds `visits`, the centre open tomorrow and the day after. */
  async function openWithVisits(visits: unknown[]) {
    api.serve((r) =>
      r.url === '/service-centers'
        ? { status: 200, data: [center] }
        : r.url?.startsWith('/service-centers/4/availability')
          ? { status: 200, data: [day(1), day(2)] }
          : r.url === '/bookings/mine'
            ? { status: 200, data: visits }
            : { status: 404, data: {} },
    );
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(() => undefined);
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/m/bookings/new', name: 'member-booking-new', component: BookingNewView },
        ...['member-booking', 'member-bookings', 'member-booking-reschedule'].map((name) => ({ path: `/x/${name}/:id?`, name, component: { render: () => null } })),
      ],
    });
    await router.push('/m/bookings/new');
    const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] }, attachTo: document.body });
    return { router, wrapper };
  }

  it('brings the next step into view once a day, then a time, is tapped (a long form on a small phone)', async () => {
    await loadBookingMessages('member');
    api.serve((r) => (r.url === '/service-centers' ? { status: 200, data: [center] } : r.url?.startsWith('/service-centers/4/availability') ? { status: 200, data: [day(1), day(2)] } : { status: 404, data: {} }));
    const scrolled: string[] = [];
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this.getAttribute('aria-labelledby') ?? this.id);
    });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/m/bookings/new', name: 'member-booking-new', component: BookingNewView },
        ...['member-booking', 'member-bookings'].map((name) => ({ path: `/x/${name}/:id?`, name, component: { render: () => null } })),
      ],
    });
    await router.push('/m/bookings/new');
    const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] }, attachTo: document.body });
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=calendar-day]').length).toBeGreaterThan(1));
    await flushPromises();
    expect(scrolled).toEqual([]); // opening on the first day with room scrolls nothing

    await wrapper.get(`[data-testid=calendar-day][data-date="${addDays(today, 2)}"]`).trigger('click');
    await flushPromises();
    expect(scrolled).toEqual(['step-time']);
    await wrapper.get('[data-testid=slot]').trigger('click');
    await flushPromises();
    expect(scrolled).toEqual(['step-time', 'step-purpose']);
    wrapper.unmount();
  });

  it('with a day chosen and no time, asks for a time and goes to the times, not back up to the calendar', async () => {
    await loadBookingMessages('member');
    const { wrapper } = await openWithVisits([]);
    const scrolled: string[] = [];
    vi.mocked(Element.prototype.scrollIntoView).mockImplementation(function (this: Element) {
      scrolled.push(this.getAttribute('aria-labelledby') ?? this.id);
    });
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=slot]').length).toBeGreaterThan(0));
    await wrapper.get('[data-testid=booking-submit]').trigger('click');
    await flushPromises();
    expect(scrolled.at(-1)).toBe('step-time');
    await vi.waitFor(() => expect(document.body.textContent).toContain('请在所选日期中选择时间'));
    wrapper.unmount();
  });

  it('offers to move the visit the member already has at this centre that day, instead of times the server would refuse', async () => {
    await loadBookingMessages('member');
    const held = addDays(today, 2);
    const visit = { id: 31, center: { id: 4, name: center.name }, start: `${held}T06:00:00.000Z`, end: `${held}T06:30:00.000Z`, status: 'BOOKED', purpose: 'CONSULTATION', version: 1 };
    const elsewhere = { ...visit, id: 32, center: { id: 9, name: '别的中心' }, start: `${addDays(today, 1)}T06:00:00.000Z`, end: `${addDays(today, 1)}T06:30:00.000Z` };
    const { router, wrapper } = await openWithVisits([visit, elsewhere]);
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=calendar-day]').length).toBeGreaterThan(1));
    await flushPromises();
    // The calendar marks the day held here, not the one held elsewhere.
    await vi.waitFor(() => expect(wrapper.get(`[data-testid=calendar-day][data-date="${held}"]`).attributes('data-held')).toBe('true'));
    expect(wrapper.get(`[data-testid=calendar-day][data-date="${held}"]`).text()).toContain('已约');
    expect(wrapper.get(`[data-testid=calendar-day][data-date="${held}"]`).attributes('aria-label')).toContain('您这天已在本中心预约');
    expect(wrapper.get(`[data-testid=calendar-day][data-date="${addDays(today, 1)}"]`).attributes('data-held')).toBeUndefined();
    // Tomorrow: a visit, but at another centre — times are offered.
    await wrapper.get(`[data-testid=calendar-day][data-date="${addDays(today, 1)}"]`).trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid=held-that-day]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid=slot]').length).toBe(1);
    // The day after: a visit here — a move is offered, no times.
    await wrapper.get(`[data-testid=calendar-day][data-date="${held}"]`).trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid=held-that-day]').text()).toContain('每人每天在同一服务中心只能预约一次');
    expect(wrapper.get('[data-testid=day-state]').text()).toContain('您这天已预约');
    expect(wrapper.get('[data-testid=held-that-day]').text()).toContain('14:00');
    expect(wrapper.findAll('[data-testid=slot]')).toHaveLength(0);
    await wrapper.get('[data-testid=held-that-day-move]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('member-booking-reschedule'));
    expect(router.currentRoute.value.params.id).toBe('31');
    wrapper.unmount();
  });

  it('opens on the first day the member is free when they already visit on the first day with room, and says why a held day cannot be booked', async () => {
    await loadBookingMessages('member');
    const held = addDays(today, 1);
    const visit = { id: 31, center: { id: 4, name: center.name }, start: `${held}T06:00:00.000Z`, end: `${held}T06:30:00.000Z`, status: 'BOOKED', purpose: 'CONSULTATION', version: 1 };
    const { wrapper } = await openWithVisits([visit]);
    const dayButton = (date: string) => wrapper.get(`[data-testid=calendar-day][data-date="${date}"]`);
    await vi.waitFor(() => expect(dayButton(held).attributes('data-held')).toBe('true'));
    await flushPromises();
    expect(dayButton(addDays(today, 2)).attributes('aria-pressed')).toBe('true');
    expect(wrapper.findAll('[data-testid=slot]')).toHaveLength(1);
    // Chosen by the member, the held day stays chosen (to move the visit); confirming says why there is no time.
    await dayButton(held).trigger('click');
    await flushPromises();
    expect(dayButton(held).attributes('aria-pressed')).toBe('true');
    await wrapper.get('[data-testid=booking-submit]').trigger('click');
    await vi.waitFor(() => expect(document.body.textContent).toContain('这一天您已有预约，请改选其他日期，或改约原来的预约'));
    wrapper.unmount();
  });
});
