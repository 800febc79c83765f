import type { BookingConflictView } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { centerView } from '../composables/test-fixtures';
import { loadBookingMessages } from '../load-messages';
import CenterSettingsPanel from './CenterSettingsPanel.vue';

const center = centerView({ acceptsProxy: false });

function conflict(id: number, reasons: BookingConflictView['reasons']): BookingConflictView {
  const start = new Date(Date.now() + 3 * 86400_000).toISOString();
  return {
    id,
    center: { id: 3, name: center.name, address: center.address, phone: center.phone },
    member: { id: 10 + id, name: `党员${id}` },
    start,
    end: new Date(Date.now() + 3 * 86400_000 + 30 * 60_000).toISOString(),
    purpose: 'COLLECT_LETTER',
    status: 'BOOKED',
    checkInCode: 'ABC123',
    transferId: null,
    note: '',
    proxyName: '张家属',
    cancelReason: null,
    version: 1,
    changeableUntil: start,
    reasons,
  };
}

describe('the centre’s settings', () => {
  const api = withLoggedInApi(['COMMITTEE_ADMIN']);

  it('says why each visit no longer fits, a proxy visit where proxies are no longer accepted among them', async () => {
    await loadBookingMessages('member', 'admin');
    api.serve((r) => (r.url === '/service-centers/3/conflicts' ? { status: 200, data: [conflict(1, ['PROXY_NOT_ACCEPTED']), conflict(2, ['OUTSIDE_HOURS', 'OVER_CAPACITY'])] } : { status: 404, data: {} }));
    // The weekly hours' time pickers are not under test: rendered with all their times, they took jsdom ~25 s.
    const wrapper = mount(CenterSettingsPanel, { props: { center }, global: { plugins: [i18n], stubs: { ElTimeSelect: true } }, attachTo: document.body });
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=conflict-reason]')).toHaveLength(3));
    expect(wrapper.findAll('[data-testid=conflict-reason]').map((r) => r.text())).toEqual(['他人代办，中心已不接受代办', '不在办公时间内', '超出该时段名额']);
    expect(wrapper.get('[data-testid=settings-conflicts]').text()).toContain('有 2 个已有预约不符合现在的设置');
    wrapper.unmount();
  });
});
