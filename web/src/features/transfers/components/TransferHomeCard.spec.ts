import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { startEarly } from '@/api/early';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { endOfXinyiDay, transferDetail } from '../composables/test-fixtures';
import TransferHomeCard from './TransferHomeCard.vue';

const towards = (name: string) =>
  transferDetail({ state: 'SUBMITTED', destination: { org: { id: 9, name, shortName: name, level: 'BRANCH' }, name: '', region: null, addressee: null } });

const mountCard = () => mount(TransferHomeCard, { global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } } });

describe("the transfer card on the member's home", () => {
  const api = withLoggedInApi(['MEMBER']);

  it('shows the transfer the route already asked for, without asking again', async () => {
    const server = api.serve(() => ({ status: 200, data: towards('北沟街道党工委') }));
    startEarly('/transfers/mine');
    const wrapper = mountCard();
    await flushPromises();
    expect(wrapper.text()).toContain('转往 北沟街道党工委');
    expect(wrapper.get('[data-testid=transfer-home-open]').text()).toBe('查看进度');
    expect(server.requests.filter((r) => r.url === '/transfers/mine')).toHaveLength(1);

    // A new card (pull to refresh) asks anew.
    mountCard();
    await flushPromises();
    expect(server.requests.filter((r) => r.url === '/transfers/mine')).toHaveLength(2);
  });

  it('says when the step that holds the transfer is due, and 今日到期 on the day', async () => {
    api.serve(() => ({ status: 200, data: { ...towards('北沟街道党工委'), dueAt: endOfXinyiDay(0) } }));
    const wrapper = mountCard();
    await flushPromises();
    expect(wrapper.get('[data-testid=due-today]').text()).toBe('今日到期');
    expect(wrapper.text()).toMatch(/应于\s\d{4}-\d{2}-\d{2}\s前办结/);
  });

  it('says by when the member must report with the letter, in place of the step’s deadline, once they have to', async () => {
    const letter = { id: 3, serial: '2026XY02018', status: 'VALID' as const, issuedAt: endOfXinyiDay(-28), validUntil: endOfXinyiDay(3), validityDays: 30, issuer: { id: 2, name: '中共新安街道工作委员会', shortName: '新安街道党工委', level: 'COMMITTEE' as const }, addressee: '', reissueOf: null, verifyUrl: '', printCount: 0 };
    api.serve(() => ({ status: 200, data: { ...towards('北沟街道第一党支部'), state: 'ACCEPTED', dueAt: endOfXinyiDay(-2), overdue: true, letter } }));
    const wrapper = mountCard();
    await flushPromises();
    expect(wrapper.get('[data-testid=report-by]').text()).toMatch(/^请于\s*\d{4}-\d{2}-\d{2}\s*前报到（还剩 3 天）$/);
    expect(wrapper.text()).not.toContain('前办结');
    expect(wrapper.get('[data-testid=transfer-state]').text()).not.toContain('已超期');
  });

  it('invites to apply when there is none, and keeps out of the way when the request fails', async () => {
    api.serve(() => ({ status: 200, data: null }));
    const none = mountCard();
    await flushPromises();
    expect(none.find('[data-testid=transfer-home-apply]').exists()).toBe(true);

    api.serve(() => ({ networkError: true }));
    const failed = mountCard();
    await flushPromises();
    expect(failed.find('[data-testid=transfer-home-card]').exists()).toBe(false);
  });
});
