import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { transferDetail } from '../composables/test-fixtures';
import TransferApplyView from './TransferApplyView.vue';

describe('the application wizard', () => {
  const api = withLoggedInApi(['MEMBER']);

  it('opened on an application already submitted (the back button after submitting), gives way to its tracker', async () => {
    api.serve((r) => (r.url === '/transfers/12' ? { status: 200, data: transferDetail({ state: 'SUBMITTED', allowedActions: ['withdraw'] }) } : { status: 404, data: {} }));
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/m/transfers/:id/edit', name: 'member-transfer-edit', component: TransferApplyView, props: (r) => ({ id: Number(r.params.id) }) },
        { path: '/m/transfers/:id', name: 'member-transfer', component: { render: () => null } },
        { path: '/:rest(.*)*', component: { render: () => null } },
      ],
    });
    await router.push('/m/transfers/12/edit?step=2');
    const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n, createPinia()] } });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/m/transfers/12'));
    await flushPromises();
    expect(wrapper.text()).not.toContain('不能再修改');
    wrapper.unmount();
  });
});
