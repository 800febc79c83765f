import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import TransferTrackView from './TransferTrackView.vue';

describe('the member’s tracker', () => {
  const api = withLoggedInApi(['MEMBER']);

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
