import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { applyLocale, i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { endOfXinyiDay, transferDetail } from '../composables/test-fixtures';
import TransferTrackView from './TransferTrackView.vue';

describe('the member’s tracker', () => {
  const api = withLoggedInApi(['MEMBER']);

  async function track(data: unknown) {
    api.serve(() => ({ status: 200, data }));
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/m/transfers/:id', name: 'member-transfer', component: TransferTrackView, props: (r) => ({ id: Number(r.params.id) }) },
        { path: '/:rest(.*)*', component: { render: () => null } },
      ],
    });
    await router.push('/m/transfers/12');
    const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] } });
    await vi.waitFor(() => expect(wrapper.find('[data-testid=track-letter]').exists()).toBe(true));
    return wrapper;
  }

  const letter = (status: 'VALID' | 'USED' | 'EXPIRED' | 'REVOKED' | 'VOID') => ({
    id: 3,
    serial: '2026XY02018',
    status,
    issuedAt: '2026-11-02T02:00:00.000Z',
    validUntil: '2026-12-01T15:59:59.999Z',
    validityDays: 30,
    issuer: { id: 2, name: '中共新安街道工作委员会', shortName: '新安街道党工委', level: 'COMMITTEE' as const },
    addressee: '中共新沂市社会组织委员会',
    reissueOf: null,
    verifyUrl: 'http://localhost:3000/verify/abc',
    printCount: 1,
  });

  it.each(['EXPIRED', 'REVOKED', 'VOID'] as const)('says a %s letter can no longer be used, and offers it to look at, not to download', async (status) => {
    const wrapper = await track(transferDetail({ state: status === 'EXPIRED' ? 'EXPIRED' : 'REVOKED', letter: letter(status), letters: [letter(status)], allowedActions: [] }));
    expect(wrapper.get('[data-testid=letter-out-of-force]').text()).toContain('已不能用于办理转接');
    expect(wrapper.find('[data-testid=letter-view]').exists()).toBe(true);
    expect(wrapper.find('[data-testid=letter-download]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('heads an accepted transfer with the branch the member was placed in, which may not be the one asked for', async () => {
    const placed = { id: 41, name: '中共北沟街道阳光社区第二支部委员会', shortName: '阳光社区第二党支部', level: 'BRANCH' as const };
    const wrapper = await track(transferDetail({ state: 'ACCEPTED', channel: 'IN_COUNTY', destinationBranch: placed, letter: letter('VALID'), letters: [letter('VALID')], allowedActions: [] }));
    expect(wrapper.get('.track__label').text()).toBe(`转往 ${placed.name}`);
    // What was asked for stays in the details, beside where the member was placed.
    expect(wrapper.get('[data-testid=track-destination]').text()).not.toContain('第二支部');
    wrapper.unmount();
  });

  it('gives the reason, then its detail under it', async () => {
    const wrapper = await track(transferDetail({ state: 'SUBMITTED', reason: 'OTHER', reasonDetail: '随子女去上海居住', letter: letter('VALID'), allowedActions: [] }));
    const value = wrapper.get('[data-testid=track-reason] .van-cell__value');
    expect(value.findAll('span').map((s) => s.text())).toEqual(['其他', '随子女去上海居住']);
    wrapper.unmount();
  });

  it.each(['WITHDRAWN', 'REJECTED'] as const)('offers a new application from a %s one (no dead end)', async (state) => {
    const wrapper = await track(transferDetail({ state, letter: letter('VALID'), allowedActions: [] }));
    expect(wrapper.get('[data-testid=track-apply-again]').text()).toBe('重新申请转接');
    wrapper.unmount();
  });

  it('offers a valid letter to download, with no warning', async () => {
    const wrapper = await track(transferDetail({ state: 'LETTER_ISSUED', letter: letter('VALID'), letters: [letter('VALID')], allowedActions: [] }));
    expect(wrapper.find('[data-testid=letter-out-of-force]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=letter-download]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('tells a member who must report with the letter by when, and how many days are left, in place of the step’s deadline', async () => {
    const valid = (days: number) => ({ ...letter('VALID'), validUntil: endOfXinyiDay(days) });
    const overdueStep = { dueAt: endOfXinyiDay(-3), overdue: true, allowedActions: [] };
    // Placed in a branch in the county: report there before the letter's last day.
    let wrapper = await track(transferDetail({ state: 'ACCEPTED', channel: 'IN_COUNTY', letter: valid(2), letters: [valid(2)], ...overdueStep }));
    const day = endOfXinyiDay(2);
    expect(wrapper.get('[data-testid=track-hero] [data-testid=report-by]').text()).toMatch(new RegExp(`^请于\\s*\\d{4}-\\d{2}-\\d{2}\\s*前报到（还剩 2 天）$`));
    expect(wrapper.get('[data-testid=report-by] time').attributes('datetime')).toBe(day);
    expect(wrapper.get('[data-testid=track-hero]').text()).not.toContain('前办结');
    // The branch's overdue step is not the member's lateness: the badge says where it is, not 已超期, and is not red.
    expect(wrapper.get('[data-testid=transfer-state]').text()).toBe('已接收待报到');
    expect(wrapper.get('[data-testid=transfer-state]').classes()).toContain('zd-status--blue');
    wrapper.unmount();
    // Outside the county, with the letter in hand, on its last day.
    wrapper = await track(transferDetail({ state: 'LETTER_ISSUED', channel: 'IN_PROVINCE', letter: valid(0), letters: [valid(0)], ...overdueStep }));
    expect(wrapper.get('[data-testid=report-by]').text()).toContain('（今天是最后一天）');
    wrapper.unmount();
    // Waiting for the receiving committee to accept: the member has nowhere to report yet, and the step's deadline shows.
    wrapper = await track(transferDetail({ state: 'LETTER_ISSUED', channel: 'IN_COUNTY', letter: valid(2), letters: [valid(2)], ...overdueStep }));
    expect(wrapper.find('[data-testid=report-by]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=track-hero]').text()).toContain('前办结');
    expect(wrapper.get('[data-testid=transfer-state]').text()).toMatch(/·\s*已超期$/);
    wrapper.unmount();
    // In English.
    await applyLocale('en');
    try {
      wrapper = await track(transferDetail({ state: 'ACCEPTED', channel: 'IN_COUNTY', letter: valid(1), letters: [valid(1)], ...overdueStep }));
      expect(wrapper.get('[data-testid=report-by]').text()).toMatch(/^Report by\s*\d{4}-\d{2}-\d{2}\s*\(1 day left\)$/);
      wrapper.unmount();
    } finally {
      await applyLocale('zh-CN');
    }
  });

  it('tells a member plainly that an application not theirs (or none) is not found, in a member’s words', async () => {
    api.serve(() => ({ status: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: 'Not found' } }));
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/m/transfers/:id', name: 'member-transfer', component: TransferTrackView, props: (r) => ({ id: Number(r.params.id) }) },
        { path: '/m/transfers', name: 'member-transfers', component: { render: () => null } },
      ],
    });
    await router.push('/m/transfers/999');
    const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] } });
    await vi.waitFor(() => expect(wrapper.find('[data-testid=track-not-found]').exists()).toBe(true));
    expect(wrapper.text()).toContain('没有找到这份转接申请。您只能查看本人的申请。');
    expect(wrapper.text()).not.toContain('管理范围');
    wrapper.unmount();
  });
});
