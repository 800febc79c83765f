import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { Checkbox, Radio, RadioGroup, Switch } from 'vant';
import { installVantKeyboard } from './vant-keyboard';

const press = (el: Element, key: string) => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  el.dispatchEvent(event);
  return event;
};

describe("Vant's choices from the keyboard", () => {
  let uninstall: () => void = () => undefined;
  afterEach(() => uninstall());

  it('Space and Enter choose a radio, tick a check box and turn a switch, as a tap does; arrows move within a radio group; a disabled one stays', async () => {
    uninstall = installVantKeyboard();
    const reason = ref<string | null>(null);
    const agreed = ref(false);
    const large = ref(false);
    const wrapper = mount(
      defineComponent({
        setup: () => () => [
          h(RadioGroup, { modelValue: reason.value, 'onUpdate:modelValue': (v: string) => (reason.value = v) }, () => [
            h(Radio, { name: 'JOB_CHANGE' }, () => '工作变动'),
            h(Radio, { name: 'GRADUATION' }, () => '毕业'),
            h(Radio, { name: 'OTHER', disabled: true }, () => '其他'),
          ]),
          h(Checkbox, { modelValue: agreed.value, 'onUpdate:modelValue': (v: boolean) => (agreed.value = v) }, () => '已核对'),
          h(Switch, { modelValue: large.value, 'onUpdate:modelValue': (v: boolean) => (large.value = v), 'aria-label': '大字模式' }),
        ],
      }),
      { attachTo: document.body },
    );
    const radios = wrapper.findAll('[role=radio]');
    const spaced = press(radios[1].element, ' ');
    await wrapper.vm.$nextTick();
    expect(reason.value).toBe('GRADUATION');
    expect(spaced.defaultPrevented).toBe(true); // the page does not scroll
    press(radios[0].element, 'Enter');
    await wrapper.vm.$nextTick();
    expect(reason.value).toBe('JOB_CHANGE');
    press(radios[2].element, ' ');
    await wrapper.vm.$nextTick();
    expect(reason.value).toBe('JOB_CHANGE');

    press(wrapper.get('[role=checkbox]').element, ' ');
    press(wrapper.get('[role=switch]').element, ' ');
    await wrapper.vm.$nextTick();
    expect([agreed.value, large.value]).toEqual([true, true]);
    // A radio group's arrows move to the next choice and choose it, over a disabled one and round the ends.
    (radios[0].element as HTMLElement).focus();
    press(radios[0].element, 'ArrowDown');
    await wrapper.vm.$nextTick();
    expect(reason.value).toBe('GRADUATION');
    expect(document.activeElement).toBe(radios[1].element);
    press(radios[1].element, 'ArrowRight');
    await wrapper.vm.$nextTick();
    expect(reason.value).toBe('JOB_CHANGE');
    expect(document.activeElement).toBe(radios[0].element);
    press(radios[0].element, 'ArrowUp');
    await wrapper.vm.$nextTick();
    expect(reason.value).toBe('GRADUATION');
    // Other keys are left alone.
    expect(press(wrapper.get('[role=switch]').element, 'a').defaultPrevented).toBe(false);
    wrapper.unmount();
  });
});
