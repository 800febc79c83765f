import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import TransferOrgPicker from './TransferOrgPicker.vue';

describe('the destination picker', () => {
  const api = withLoggedInApi(['MEMBER']);

  it('brings the search box to the top of the screen when matches arrive, so the first is in view under it', async () => {
    const found = [{ id: 37, name: '中共北沟街道阳光社区第一支部委员会', shortName: '阳光社区第一党支部', code: 'BG-01', level: 'BRANCH', parentName: '北沟街道党工委' }];
    api.serve((r) => (r.url?.startsWith('/organizations/directory') ? { status: 200, data: r.params?.q === '无' ? [] : found } : { status: 404, data: {} }));
    const scrolled = vi.fn();
    const original = HTMLElement.prototype.scrollIntoView;
    HTMLElement.prototype.scrollIntoView = scrolled;
    try {
      const wrapper = mount(TransferOrgPicker, { props: { modelValue: null }, global: { plugins: [i18n] }, attachTo: document.body });
      const input = wrapper.get('[data-testid=org-search] input');
      await input.setValue('无');
      await wrapper.get('.picker__go').trigger('click');
      await flushPromises();
      expect(scrolled).not.toHaveBeenCalled(); // nothing found: nothing to bring into view

      await input.setValue('北沟');
      await wrapper.get('.picker__go').trigger('click');
      await vi.waitFor(() => expect(wrapper.findAll('[data-testid=org-option]')).toHaveLength(1));
      await flushPromises();
      expect(scrolled).toHaveBeenCalledTimes(1);
      expect(scrolled.mock.contexts[0]).toBe(wrapper.get('.picker__box').element);
      wrapper.unmount();
    } finally {
      HTMLElement.prototype.scrollIntoView = original;
    }
  });

  it('keeps a keyboard’s place: Enter searches and lands on the first match, choosing lands on the choice, choosing again on the search box', async () => {
    const found = [{ id: 37, name: '中共北沟街道阳光社区第一支部委员会', shortName: '阳光社区第一党支部', code: 'BG-01', level: 'BRANCH', parentName: '北沟街道党工委' }];
    api.serve((r) => (r.url?.startsWith('/organizations/directory') ? { status: 200, data: found } : { status: 404, data: {} }));
    const wrapper = mount(TransferOrgPicker, {
      props: { modelValue: null, 'onUpdate:modelValue': (v: unknown) => void wrapper.setProps({ modelValue: v as never }) },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    const input = wrapper.get('[data-testid=org-search] input');
    await input.setValue('北沟');
    (input.element as HTMLInputElement).focus();
    await input.trigger('keypress', { key: 'Enter', keyCode: 13 });
    await vi.waitFor(() => expect(document.activeElement).toBe(wrapper.find('[data-testid=org-option]').element));
    // The search box's own button is the only control beside it (Vant's action wrapper was a second, empty tab stop).
    expect(wrapper.findAll('.van-search__action')).toHaveLength(0);

    await wrapper.get('[data-testid=org-option]').trigger('click');
    await flushPromises();
    expect(document.activeElement).toBe(wrapper.get('[data-testid=org-picked]').element);
    await wrapper.get('.picker__change').trigger('click');
    await flushPromises();
    expect(document.activeElement).toBe(wrapper.get('[data-testid=org-search] input').element);
    wrapper.unmount();
  });

  it('says when the list may hold more than it shows, so the member types more of the name', async () => {
    const org = (i: number) => ({ id: i, name: `中共新安街道第${i}支部委员会`, shortName: `新安第${i}党支部`, code: `XA-${i}`, level: 'BRANCH', parentName: '新安街道党工委' });
    api.serve((r) => (r.url?.startsWith('/organizations/directory') ? { status: 200, data: Array.from({ length: r.params?.q === '新安' ? 20 : 3 }, (_, i) => org(i + 1)) } : { status: 404, data: {} }));
    const wrapper = mount(TransferOrgPicker, { props: { modelValue: null }, global: { plugins: [i18n] }, attachTo: document.body });
    const input = wrapper.get('[data-testid=org-search] input');
    await input.setValue('新安');
    await wrapper.get('.picker__go').trigger('click');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=org-option]')).toHaveLength(20));
    expect(wrapper.get('[data-testid=picker-more]').text()).toContain('仅显示前 20 个结果');
    await input.setValue('新安第1');
    await wrapper.get('.picker__go').trigger('click');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=org-option]')).toHaveLength(3));
    expect(wrapper.find('[data-testid=picker-more]').exists()).toBe(false);
    wrapper.unmount();
  });
});
