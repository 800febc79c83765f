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
});
