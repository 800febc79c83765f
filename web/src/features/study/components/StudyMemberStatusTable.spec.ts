import { flushPromises, mount } from '@vue/test-utils';
import type { MemberStudyStatus } from '@zhdj/shared';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { messageBoxButton as boxButton } from '@/test/message-box';
import { loadStudyMessages } from '../load-messages';
import StudyMemberStatusTable from './StudyMemberStatusTable.vue';

const row: MemberStudyStatus = {
  member: { id: 75, name: '朱国华' },
  org: { id: 5, name: '沂河社区党支部', shortName: '沂河社区党支部', level: 'BRANCH' },
  classHours: 4,
  requiredClassHours: 32,
  tracks: [
    { assignmentId: 3, trackTitle: '全体党员年度学习', dueOn: '2026-12-31', requiredDone: 2, requiredTotal: 3, completedAt: null, overdue: false, blockedQuizzes: [{ moduleId: 40, title: '全体党员年度学习测试' }] },
  ],
};


describe('the members’ study status', () => {
  const api = withLoggedInApi(['BRANCH_ADMIN']);
  beforeAll(async () => {
    await loadStudyMessages('member', 'admin');
  });

  it('shows a required quiz failed with every attempt used, and grants one more attempt only after confirming', async () => {
    const server = api.serve(() => ({ status: 200, data: { attemptsLeft: 1 } }));
    const router = createRouter({ history: createMemoryHistory(), routes: [
        { path: '/admin/members/:id', name: 'admin-member', component: { render: () => null } },
        { path: '/:rest(.*)*', component: { render: () => null } },
      ] });
    const wrapper = mount(StudyMemberStatusTable, {
      props: { items: [row], period: 2026, loading: false, hasMore: false, errorText: null, status: undefined },
      global: { plugins: [i18n, router] },
      attachTo: document.body,
    });
    await flushPromises();
    expect(wrapper.get('[data-testid=study-blocked-quiz]').text()).toContain('测验“全体党员年度学习测试”未通过，今年的答题次数已用完');

    await wrapper.get('[data-testid=study-grant-attempt]').trigger('click');
    await vi.waitFor(() => expect(document.body.textContent).toContain('为 朱国华 增加一次“全体党员年度学习测试”的答题机会'));
    boxButton('取消')!.click();
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).toBeNull());
    await flushPromises();
    expect(server.requests).toHaveLength(0);

    await wrapper.get('[data-testid=study-grant-attempt]').trigger('click');
    await vi.waitFor(() => expect(boxButton('增加一次机会')).toBeDefined());
    boxButton('增加一次机会')!.click();
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/study/stats/members/75/extra-attempt', body: { moduleId: 40 } });
    await vi.waitFor(() => expect(wrapper.get('[data-testid=study-blocked-quiz]').text()).toBe('已增加一次答题机会'));
    expect(wrapper.find('[data-testid=study-grant-attempt]').exists()).toBe(false);
    wrapper.unmount();
    document.body.innerHTML = '';
  });

  it('offers the members short of the year’s hours, says who they are, and shows a member without a track as such', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', name: 'admin-member', component: { render: () => null } }] });
    const noTrack: MemberStudyStatus = { ...row, member: { id: 76, name: '李秀英' }, classHours: 0, requiredClassHours: 56, tracks: [] };
    const wrapper = mount(StudyMemberStatusTable, {
      props: { items: [], period: 2026, loading: false, hasMore: false, errorText: null, status: undefined },
      global: { plugins: [i18n, router] },
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=study-hours-short-hint]').exists()).toBe(false);
    const button = wrapper.findAll('.member-status__filters button').find((b) => b.text() === '学时未达标')!;
    await button.trigger('click');
    expect(wrapper.emitted('filter')).toEqual([['HOURS_SHORT']]);

    await wrapper.setProps({ status: 'HOURS_SHORT', items: [noTrack] });
    expect(button.attributes('aria-pressed')).toBe('true');
    expect(wrapper.get('[data-testid=study-hours-short-hint]').text()).toContain('普通党员 32 学时，支部书记和委员 56 学时');
    expect(wrapper.text()).toContain('0 / 56');
    expect(wrapper.text()).toContain('本年度没有学习清单');
    wrapper.unmount();
  });

  it('on a phone shows each member as a card: name, hours against the requirement, branch and tracks, no wide table', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: true, media: query, addEventListener: () => undefined, removeEventListener: () => undefined }));
    try {
      const router = createRouter({ history: createMemoryHistory(), routes: [
          { path: '/admin/members/:id', name: 'admin-member', component: { render: () => null } },
          { path: '/:rest(.*)*', component: { render: () => null } },
        ] });
      const wrapper = mount(StudyMemberStatusTable, {
        props: { items: [row], period: 2026, loading: false, hasMore: false, errorText: null, status: undefined },
        global: { plugins: [i18n, router] },
      });
      await flushPromises();
      expect(wrapper.find('.el-table').exists()).toBe(false);
      const card = wrapper.get('[data-testid=study-member-cards] li');
      expect(card.get('a').text()).toBe('朱国华');
      expect(card.get('a').attributes('href')).toBe('/admin/members/75');
      expect(card.text()).toContain('2026年学时：4 / 32');
      expect(card.text()).toContain('沂河社区党支部');
      expect(card.text()).toContain('全体党员年度学习');
      wrapper.unmount();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
