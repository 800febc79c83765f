import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEarly } from '@/api/early';
import { http } from '@/api/http';
import { i18n } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import { fakeServer, type FakeHandler } from '@/test/fake-server';
import { loginResponse } from '@/test/fixtures';
import { transferDetail } from '../composables/test-fixtures';
import TransferHomeCard from './TransferHomeCard.vue';

const towards = (name: string) =>
  transferDetail({ state: 'SUBMITTED', destination: { org: { id: 9, name, shortName: name, level: 'BRANCH' }, name: '', region: null, addressee: null } });

const originalAdapter = http.defaults.adapter;
const serve = (handler: FakeHandler) => {
  const server = fakeServer(handler);
  http.defaults.adapter = server.adapter;
  return server;
};
const mountCard = () => mount(TransferHomeCard, { global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } } });

describe("the transfer card on the member's home", () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    useSessionStore().applyLogin(loginResponse(['MEMBER']));
  });
  afterEach(() => {
    http.defaults.adapter = originalAdapter;
  });

  it('shows the transfer the route already asked for, without asking again', async () => {
    const server = serve(() => ({ status: 200, data: towards('北沟街道党工委') }));
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

  it('invites to apply when there is none, and keeps out of the way when the request fails', async () => {
    serve(() => ({ status: 200, data: null }));
    const none = mountCard();
    await flushPromises();
    expect(none.find('[data-testid=transfer-home-apply]').exists()).toBe(true);

    serve(() => ({ networkError: true }));
    const failed = mountCard();
    await flushPromises();
    expect(failed.find('[data-testid=transfer-home-card]').exists()).toBe(false);
  });
});
