import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { h } from 'vue';
import AdminLoadingMask from './AdminLoadingMask.vue';

describe('the loading mask over a phone list', () => {
  it('covers the list with the spinner while it loads, and leaves the list alone otherwise', async () => {
    const mask = mount(AdminLoadingMask, { props: { loading: true }, slots: { default: () => h('ul', { 'data-testid': 'list' }) } });
    expect(mask.find('[data-testid=list]').exists()).toBe(true);
    // Element Plus's own mask markup, styled by its stylesheet; the spinner says nothing to a screen reader (the list
    // carries aria-busy).
    expect(mask.get('[data-testid=loading-mask]').classes()).toContain('el-loading-mask');
    expect(mask.get('.el-loading-spinner svg').attributes('aria-hidden')).toBe('true');
    // The host is where the absolutely placed mask is laid out.
    expect(mask.classes()).toContain('loading-host');

    await mask.setProps({ loading: false });
    expect(mask.find('[data-testid=loading-mask]').exists()).toBe(false);
    expect(mask.find('[data-testid=list]').exists()).toBe(true);
  });
});
