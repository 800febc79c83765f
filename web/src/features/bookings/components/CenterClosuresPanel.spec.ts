import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { messageBoxButton } from '@/test/message-box';
import type { CenterClosure } from '../api';
import { addDays, xinyiDate } from '../composables/schedule';
import { centerView } from '../composables/test-fixtures';
import { loadBookingMessages } from '../load-messages';
import CenterClosuresPanel from './CenterClosuresPanel.vue';

const center = centerView();
const today = xinyiDate(new Date());
const closure = (id: number, from: number, to: number, reason: string): CenterClosure => ({
  id,
  centerId: center.id,
  fromDate: addDays(today, from),
  toDate: addDays(today, to),
  reason,
  createdAt: new Date().toISOString(),
});

describe('the centre’s closures', () => {
  const api = withLoggedInApi(['COMMITTEE_ADMIN']);
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('withdraws a closure still to come after asking, keeps an ended one as history, and shows the list as it now is', async () => {
    await loadBookingMessages('member', 'admin');
    let list = [closure(7, 5, 6, '场地维修'), closure(3, -10, -8, '上月停电')];
    const server = api.serve((r) => {
      if (r.url === `/service-centers/${center.id}/closures` && r.method === 'GET') return { status: 200, data: list };
      if (r.url === `/service-centers/${center.id}/closures/7` && r.method === 'DELETE') {
        list = list.filter((c) => c.id !== 7);
        return { status: 200, data: { reopenedFrom: addDays(today, 5) } };
      }
      return { status: 404, data: {} };
    });
    const wrapper = mount(CenterClosuresPanel, { props: { center }, global: { plugins: [i18n] }, attachTo: document.body });
    await vi.waitFor(() => expect(wrapper.find('[data-testid=closure-withdraw-7]').exists()).toBe(true));
    // The ended one offers no withdrawal.
    expect(wrapper.find('[data-testid=closure-withdraw-3]').exists()).toBe(false);
    expect(wrapper.text()).toContain('已结束');

    // Stepping back sends nothing.
    await wrapper.get('[data-testid=closure-withdraw-7]').trigger('click');
    await vi.waitFor(() => expect(document.body.textContent).toContain('闭馆时已取消的预约不会恢复'));
    messageBoxButton('再想想')!.click();
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).toBeNull());
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);

    await wrapper.get('[data-testid=closure-withdraw-7]').trigger('click');
    await vi.waitFor(() => expect(messageBoxButton('撤销闭馆')).toBeDefined());
    messageBoxButton('撤销闭馆')!.click();
    await vi.waitFor(() => expect(wrapper.find('[data-testid=closure-withdraw-7]').exists()).toBe(false));
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.url)).toEqual([`/service-centers/${center.id}/closures/7`]);
    expect(document.body.textContent).toContain('已撤销闭馆');
    expect(wrapper.emitted('changed')).toHaveLength(1);
    wrapper.unmount();
  });

  it('says how many visits a new closure cancels — none said as none — before it is sent, and after', async () => {
    await loadBookingMessages('member', 'admin');
    const at = (days: number, hour: number) => new Date(Date.parse(`${addDays(today, days)}T${String(hour).padStart(2, '0')}:00:00+08:00`)).toISOString();
    let booked: { status: string; start: string }[] | null = [];
    const server = api.serve((r) => {
      if (r.url === `/service-centers/${center.id}/closures` && r.method === 'GET') return { status: 200, data: [] };
      if (r.url === `/service-centers/${center.id}/bookings`) return booked ? { status: 200, data: booked } : { status: 503, data: { code: 'SERVICE_UNAVAILABLE', message: 'down' } };
      if (r.url === `/service-centers/${center.id}/closures` && r.method === 'POST') return { status: 201, data: { closureId: 9, cancelled: booked?.length ?? 1 } };
      return { status: 404, data: {} };
    });
    const wrapper = mount(CenterClosuresPanel, { props: { center }, global: { plugins: [i18n] }, attachTo: document.body });
    const close = async (expected: string, after: string) => {
      wrapper.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', [addDays(today, 3), addDays(today, 4)]);
      await wrapper.get('.closures__reason input').setValue('场地维修');
      await wrapper.get('form').trigger('submit');
      await vi.waitFor(() => expect(messageBoxButton('确认闭馆')).toBeDefined());
      expect(document.querySelector('.el-message-box')!.textContent).toContain(expected);
      messageBoxButton('确认闭馆')!.click();
      await vi.waitFor(() => expect(document.body.textContent).toContain(after));
      await vi.waitFor(() => expect(document.querySelector('.el-message-box')).toBeNull());
    };

    await close('这期间没有待办理的预约，不会取消任何预约', '这几天没有预约需要取消');
    expect(document.body.textContent).not.toContain('已有的预约会被取消');

    booked = [{ status: 'BOOKED', start: at(3, 9) }, { status: 'BOOKED', start: at(4, 10) }];
    await close('这期间已有的 2 个预约会被取消', '取消了 2 个预约并已通知党员');
    // Where the bookings could not be counted, the general warning.
    booked = null;
    await close('这期间已有的预约会被取消', '取消了 1 个预约并已通知党员');
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
    wrapper.unmount();
  });

  it('says beside the dates that a closure must end today or later: before sending, and when the API refuses', async () => {
    await loadBookingMessages('member', 'admin');
    const server = api.serve((r) => {
      if (r.url === `/service-centers/${center.id}/closures` && r.method === 'GET') return { status: 200, data: [] };
      if (r.url === `/service-centers/${center.id}/bookings`) return { status: 200, data: [] };
      if (r.url === `/service-centers/${center.id}/closures` && r.method === 'POST') {
        return { status: 400, data: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'A closure must end today or later', details: [{ field: 'toDate', constraint: 'notPast', message: 'A closure must end today or later' }] } };
      }
      return { status: 404, data: {} };
    });
    const wrapper = mount(CenterClosuresPanel, { props: { center }, global: { plugins: [i18n] }, attachTo: document.body });
    const send = async (from: number, to: number) => {
      wrapper.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', [addDays(today, from), addDays(today, to)]);
      await wrapper.get('.closures__reason input').setValue('补登');
      await wrapper.get('form').trigger('submit');
    };

    await send(-3, -2);
    await vi.waitFor(() => expect(wrapper.find('[data-testid=closure-range-error]').exists()).toBe(true));
    expect(wrapper.get('.closures__field [data-testid=closure-range-error]').text()).toBe('闭馆的结束日期不能早于今天。已经过去的日期无需闭馆。');
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    // Filled in before midnight, sent after: the API's refusal goes beside the dates too.
    await send(0, 1);
    await vi.waitFor(() => expect(messageBoxButton('确认闭馆')).toBeDefined());
    messageBoxButton('确认闭馆')!.click();
    await vi.waitFor(() => expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    await vi.waitFor(() => expect(wrapper.find('[data-testid=closure-range-error]').exists()).toBe(true));
    expect(wrapper.get('[data-testid=closure-range-error]').text()).toBe('闭馆的结束日期不能早于今天。已经过去的日期无需闭馆。');
    wrapper.unmount();
  });
});
