import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { useLocaleStore } from '@/stores/locale';
import { withLoggedInApi } from '@/test/logged-in-api';
import AuthAccountView from './AuthAccountView.vue';

describe('the member’s settings', () => {
  withLoggedInApi(['MEMBER']);

  it('turns large text on from anywhere on its row (older fingers), and off from the switch itself, once per tap', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', name: 'member-security', component: { render: () => null } }] });
    const wrapper = mount(AuthAccountView, { global: { plugins: [router, i18n] }, attachTo: document.body });
    const locale = useLocaleStore();
    try {
      expect(locale.largeText).toBe(false);
      await wrapper.get('[data-testid=large-text-row] .van-cell__title').trigger('click');
      await flushPromises();
      expect(locale.largeText).toBe(true);
      await wrapper.get('[data-testid=large-text-switch]').trigger('click');
      await flushPromises();
      expect(locale.largeText).toBe(false);
    } finally {
      locale.setLargeText(false);
      wrapper.unmount();
    }
  });
});
