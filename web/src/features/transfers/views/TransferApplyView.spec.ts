import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n } from '@/i18n';
import { installVantKeyboard } from '@/composables/vant-keyboard';
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

  // Enter and Space on Vant's cells come from the app's one keyboard listener (main.ts), installed here as there.
  let uninstall: () => void = () => undefined;
  afterEach(() => uninstall());

  /** A complete draft, opened at a step; the wizard is attached to the page, where focus can move. */
  async function openDraft(step: number) {
    const org = { id: 9, name: '中共新安街道人民社区支部委员会', shortName: '人民社区党支部', level: 'BRANCH' as const };
    const draft = transferDetail({ destination: { org, name: org.name, region: null, addressee: null } });
    api.serve((r) => (r.url === '/transfers/12' ? { status: 200, data: draft } : { status: 404, data: {} }));
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/m/transfers/:id/edit', name: 'member-transfer-edit', component: TransferApplyView, props: (r) => ({ id: Number(r.params.id) }) },
        { path: '/:rest(.*)*', component: { render: () => null } },
      ],
    });
    uninstall = installVantKeyboard();
    await router.push(`/m/transfers/12/edit?step=${step}`);
    const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n, createPinia()] }, attachTo: document.body });
    await vi.waitFor(() => expect(wrapper.find(`#apply-step-${step - 1}`).isVisible()).toBe(true));
    await flushPromises();
    return { wrapper, router };
  }

  it('the dues month opens with Enter, is chosen in two selects, and focus goes in and comes back', async () => {
    const { wrapper } = await openDraft(3);
    const field = wrapper.get('[data-testid=field-duesPaidThrough]');
    expect(field.attributes('role')).toBe('button');
    await field.trigger('keydown', { key: 'Enter' });
    const year = () => document.querySelector<HTMLSelectElement>('[data-testid=dues-year]');
    await vi.waitFor(() => expect(document.activeElement).toBe(year()));
    const month = document.querySelector<HTMLSelectElement>('[data-testid=dues-month]')!;
    expect(year()!.value).toBe('2026');
    expect(month.value).toBe('11');
    year()!.value = '2025';
    year()!.dispatchEvent(new Event('change'));
    month.value = '03';
    month.dispatchEvent(new Event('change'));
    // Tab from the last select comes round to the popup's first button, not out to the page behind it.
    month.focus();
    month.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(document.querySelector('[data-testid=dues-cancel]'));
    document.querySelector<HTMLButtonElement>('[data-testid=dues-confirm]')!.click();
    await vi.waitFor(() => expect(document.activeElement).toBe(field.element));
    expect(field.text()).toContain('2025年3月');

    // Space opens it as well; Escape closes it without a change.
    await field.trigger('keydown', { key: ' ' });
    await vi.waitFor(() => expect(document.activeElement).toBe(year()));
    year()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect(document.activeElement).toBe(field.element));
    expect(field.text()).toContain('2025年3月');
    wrapper.unmount();
  });

  it('a new step is announced by focus on its heading, and each 修改 is named for its part and works from the keyboard', async () => {
    const { wrapper, router } = await openDraft(3);
    await wrapper.get('[data-testid=apply-next]').trigger('click');
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('apply-step-3'));

    const edits = wrapper.findAll('.apply__step[data-step="3"] .van-cell--clickable');
    expect(edits.map((e) => e.attributes('aria-label'))).toEqual(['修改转往哪里', '修改转接原因', '修改党费和电话']);
    await wrapper.get('[data-testid=review-edit-reason]').trigger('keydown', { key: 'Enter' });
    await vi.waitFor(() => expect(router.currentRoute.value.query.step).toBe('2'));
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('apply-step-1'));
    wrapper.unmount();
  });
});
