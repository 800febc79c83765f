import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import AppSwitch from './AppSwitch.vue';

describe('the member screens’ switch', () => {
  it('toggles from the keyboard (Space and Enter) as well as by tapping, with its name on the switch', async () => {
    const on = ref(false);
    const wrapper = mount(defineComponent({ render: () => h(AppSwitch, { modelValue: on.value, 'onUpdate:modelValue': (v: boolean) => (on.value = v), 'aria-label': '只看今年未完成的' }) }), {
      attachTo: document.body,
    });
    const sw = wrapper.get('[role=switch]');
    expect(sw.attributes('aria-label')).toBe('只看今年未完成的');
    expect(sw.attributes('tabindex')).toBe('0');
    await sw.trigger('keydown', { key: ' ', code: 'Space' });
    expect(on.value).toBe(true);
    expect(sw.attributes('aria-checked')).toBe('true');
    await sw.trigger('keydown', { key: 'Enter', code: 'Enter' });
    expect(on.value).toBe(false);
    await sw.trigger('click');
    expect(on.value).toBe(true);
    wrapper.unmount();
  });
});
