import type { MemberDetail, MemberStudyStatus } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import MemberDetailView from './MemberDetailView.vue';

const branch = { id: 5, name: '中共新安街道沂河社区支部委员会', shortName: '沂河社区党支部', level: 'BRANCH' as const };
const earlier = { id: 9, name: '中共北沟街道阳光社区支部委员会', shortName: '阳光社区党支部', level: 'BRANCH' as const };

function member(openTransferId: number | null): MemberDetail {
  return {
    id: 7,
    name: '王小明',
    sex: 'M',
    phone: '13900000007',
    idNumberMasked: '3203**********1234',
    category: 'FULL',
    status: openTransferId ? 'IN_TRANSFER' : 'ACTIVE',
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
    history: [
      { org: branch, from: '2024-03-01', to: null, transferId: 41 },
      { org: earlier, from: '2005-07-01', to: '2024-03-01', transferId: null },
    ],
    openTransferId,
    accountHeldAbove: false,
    version: 1,
  };
}

let lastServer: ReturnType<ReturnType<typeof withLoggedInApi>['serve']>;

/** The record of member 7 as `api` answers it, on its screen with the routes it links to. */
async function openRecord(api: ReturnType<typeof withLoggedInApi>, record: MemberDetail, study: MemberStudyStatus | null = null) {
  lastServer = api.serve((r) =>
    r.url === '/members/7' ? { status: 200, data: record } : r.url === '/study/stats/members/7' && study ? { status: 200, data: study } : { status: 404, data: {} },
  );
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/admin/members/:id', name: 'admin-member', component: MemberDetailView, props: (r) => ({ id: Number(r.params.id) }) },
      ...['admin-transfer', 'admin-orgs', 'admin-members', 'admin-member-edit', 'admin-study'].map((name) => ({ path: `/x/${name}/:id?`, name, component: { render: () => null } })),
    ],
  });
  await router.push('/admin/members/7');
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] } });
  await vi.waitFor(() => expect(wrapper.text()).toContain('王小明'));
  await flushPromises();
  return wrapper;
}

describe('a member’s record', () => {
  const api = withLoggedInApi(['BRANCH_ADMIN']);

  const open = (record: MemberDetail, study: MemberStudyStatus | null = null) => openRecord(api, record, study);

  it('links to the transfer under way, and to the transfer behind each move in its history', async () => {
    const wrapper = await open(member(42));
    expect(wrapper.get('[data-testid=member-open-transfer]').attributes('href')).toBe('/x/admin-transfer/42');
    expect(wrapper.findAll('a').filter((a) => a.text() === '转接记录').map((a) => a.attributes('href'))).toEqual(['/x/admin-transfer/41']);
    wrapper.unmount();
  });

  it('offers a first password for an ordinary member, and none for an account the tier above looks after', async () => {
    const ordinary = await open(member(null));
    expect(ordinary.find('[data-testid=issue-password]').exists()).toBe(true);
    expect(ordinary.find('[data-testid=account-held-above]').exists()).toBe(false);
    ordinary.unmount();
    const administrator = await open({ ...member(null), accountHeldAbove: true });
    expect(administrator.find('[data-testid=issue-password]').exists()).toBe(false);
    expect(administrator.get('[data-testid=account-held-above]').text()).toContain('上级组织');
    administrator.unmount();
  });

  it('has no transfer link when none is under way', async () => {
    const wrapper = await open(member(null));
    expect(wrapper.find('[data-testid=member-open-transfer]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows the member’s study this year: hours against the requirement, what is left, the tracks, and a way to the branch’s follow-up', async () => {
    const study: MemberStudyStatus = {
      member: { id: 7, name: '王小明' },
      org: branch,
      classHours: 14.5,
      requiredClassHours: 32,
      tracks: [{ assignmentId: 3, trackTitle: '全体党员年度学习', dueOn: '2026-12-31', requiredDone: 2, requiredTotal: 3, completedAt: null, overdue: false, blockedQuizzes: [] }],
    };
    const wrapper = await open(member(null), study);
    await vi.waitFor(() => expect(wrapper.find('[data-testid=member-study]').text()).toContain('14.5 / 32'));
    const panel = wrapper.get('[data-testid=member-study]');
    expect(panel.text()).toMatch(/\d{4}年学时/);
    expect(panel.text()).toContain('还差 17.5 学时');
    expect(panel.text()).toContain('全体党员年度学习');
    expect(panel.text()).toContain('必学 2/3，2026-12-31截止');
    expect(panel.get('a').attributes('href')).toBe('/x/admin-study?orgId=5');
    expect(lastServer.requests.map((r) => r.url)).toContain('/study/stats/members/7');
    wrapper.unmount();
  });

  it('offers 编辑, which opens the edit screen of this member', async () => {
    const wrapper = await open(member(null));
    const edit = wrapper.get('[data-testid=member-edit]');
    expect(edit.text()).toBe('编辑');
    await edit.trigger('click');
    await flushPromises();
    expect(wrapper.vm.$router.currentRoute.value.fullPath).toBe('/x/admin-member-edit/7');
    wrapper.unmount();
  });
});

describe('a member’s record, for a role that may not write members', () => {
  const api = withLoggedInApi(['SYSTEM_ADMIN']);

  it('has no 编辑, and no study (the role does not follow study)', async () => {
    const wrapper = await openRecord(api, member(null));
    expect(wrapper.find('[data-testid=member-edit]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('学习情况');
    expect(lastServer.requests.map((r) => r.url)).not.toContain('/study/stats/members/7');
    wrapper.unmount();
  });
});
