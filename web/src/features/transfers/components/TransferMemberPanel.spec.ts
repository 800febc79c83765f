import type { MemberDetail } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { transferDetail } from '../composables/test-fixtures';
import TransferMemberPanel from './TransferMemberPanel.vue';

const branch = { id: 5, name: '中共新安街道沂河社区支部委员会', shortName: '沂河社区党支部', level: 'BRANCH' as const };

function record(status: MemberDetail['status']): MemberDetail {
  return {
    id: 75,
    name: '王建国',
    sex: 'M',
    phone: '13905161234',
    idNumberMasked: '3203**********1234',
    category: 'FULL',
    status,
    post: null,
    org: branch,
    duesPaidThrough: '2026-11',
    isRetired: false,
    isMobile: false,
    isGraduate: false,
    ethnicity: '汉族',
    birthDate: '1980-01-01',
    education: 'BACHELOR',
    joinedAt: '2005-07-01',
    probationEndsAt: null,
    orgAncestors: [],
    history: [],
    openTransferId: status === 'IN_TRANSFER' ? 12 : null,
    accountHeldAbove: false,
    version: 1,
  };
}

describe('the member beside the review', () => {
  const api = withLoggedInApi(['BRANCH_ADMIN']);

  it('reads the record again after a step (a rejection puts the member back to 正常), showing the old one meanwhile', async () => {
    let current = record('IN_TRANSFER');
    const server = api.serve((r) => (r.url === '/members/75' ? { status: 200, data: current } : { status: 404, data: {} }));
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/x/:id?', name: 'admin-member', component: { render: () => null } }] });
    const wrapper = mount(TransferMemberPanel, { props: { transfer: transferDetail({ state: 'SUBMITTED', version: 3 }) }, global: { plugins: [router, i18n] } });
    await vi.waitFor(() => expect(wrapper.text()).toContain('转接中'));

    current = record('ACTIVE');
    await wrapper.setProps({ transfer: transferDetail({ state: 'REJECTED', version: 4 }) });
    // Not blanked while it is asked again.
    expect(wrapper.find('.tx-panel__loading').exists()).toBe(false);
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.text()).toContain('正常'));
    expect(server.requests.filter((r) => r.url === '/members/75')).toHaveLength(2);
    wrapper.unmount();
  });

  it('does not ask for a record outside the caller’s scope: the receiving side reads what the letter states', async () => {
    const server = api.serve(() => ({ status: 404, data: {} }));
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/x/:id?', name: 'admin-member', component: { render: () => null } }] });
    const wrapper = mount(TransferMemberPanel, {
      props: { transfer: transferDetail({ state: 'LETTER_ISSUED', version: 5, memberRecordReadable: false }) },
      global: { plugins: [router, i18n] },
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=review-member-facts]').exists()).toBe(true);
    expect(wrapper.text()).toContain('该党员的档案目前在转出单位');
    expect(server.requests).toHaveLength(0);
    wrapper.unmount();
  });
});
