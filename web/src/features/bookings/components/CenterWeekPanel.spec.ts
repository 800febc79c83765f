import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { xinyiDate } from '../composables/schedule';
import { centerView } from '../composables/test-fixtures';
import { loadBookingMessages } from '../load-messages';
import CenterWeekPanel from './CenterWeekPanel.vue';

describe('the centre’s week', () => {
  const api = withLoggedInApi(['COMMITTEE_ADMIN']);

  it('says under the grid what its colours and struck-through names mean, in the screen’s language', async () => {
    await loadBookingMessages('member', 'admin');
    api.serve((r) => (r.url === '/service-centers/3/bookings' ? { status: 200, data: [] } : { status: 404, data: {} }));
    const wrapper = mount(CenterWeekPanel, { props: { center: centerView(), refreshKey: 0, date: xinyiDate(new Date()) }, global: { plugins: [i18n] }, attachTo: document.body });
    await vi.waitFor(() => expect(wrapper.find('[data-testid=week-legend]').exists()).toBe(true));
    await flushPromises();
    const legend = () => wrapper.findAll('[data-testid=week-legend] li').map((li) => li.text());
    expect(legend()).toEqual(['今天', '窗口已约满', '姓名已预约', '姓名已签到', '姓名未到', '姓名已取消']);
    // The marks are the grid's own: the cancelled name struck through as in a cell.
    expect(wrapper.find('[data-testid=week-legend] .is-cancelled').exists()).toBe(true);
    await applyLocale('en');
    await loadBookingMessages('member', 'admin');
    await flushPromises();
    expect(legend()[0]).toBe('Today');
    await applyLocale('zh-CN');
    wrapper.unmount();
  });
});
