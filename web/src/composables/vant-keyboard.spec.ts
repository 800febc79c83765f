import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { Cell, Checkbox, Radio, RadioGroup, Switch } from 'vant';
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

  it('makes a radio group one Tab stop: Tab leaves from the focused radio with the others out of the order, and Tab into the group lands on the chosen one', async () => {
    uninstall = installVantKeyboard();
    const reason = ref<string | null>('GRADUATION');
    const wrapper = mount(
      defineComponent({
        setup: () => () => [
          h('button', { id: 'before' }, '上一步'),
          h(RadioGroup, { modelValue: reason.value, 'onUpdate:modelValue': (v: string) => (reason.value = v) }, () => [
            h(Radio, { name: 'JOB_CHANGE' }, () => '工作变动'),
            h(Radio, { name: 'GRADUATION' }, () => '毕业'),
            h(Radio, { name: 'OTHER', disabled: true }, () => '其他'),
            h(Radio, { name: 'RESIDENCE' }, () => '居住地变动'),
          ]),
          h('button', { id: 'after' }, '下一步'),
        ],
      }),
      { attachTo: document.body },
    );
    const radios = wrapper.findAll('[role=radio]').map((r) => r.element as HTMLElement);
    const tabIndexes = () => radios.map((r) => r.getAttribute('tabindex'));
    expect(tabIndexes()).toEqual(['0', '0', null, '0']); // Vant's own: every choice a Tab stop

    // Tab from the button before reaches the group's first radio; it hands the focus to the chosen one.
    const before = wrapper.get('#before').element as HTMLElement;
    before.focus();
    press(before, 'Tab');
    radios[0].focus();
    expect(document.activeElement).toBe(radios[1]);
    expect(tabIndexes()).toEqual(['-1', '0', null, '-1']);

    // The arrows choose another; Tab out of the group leaves that one as its stop (a disabled one keeps no tabindex).
    press(radios[1], 'ArrowDown');
    await wrapper.vm.$nextTick();
    expect(reason.value).toBe('RESIDENCE');
    expect(document.activeElement).toBe(radios[3]);
    press(radios[3], 'Tab');
    expect(tabIndexes()).toEqual(['-1', '-1', null, '0']);
    // A re-render after the choice does not put the others back in the Tab order.
    await wrapper.vm.$nextTick();
    expect(tabIndexes()).toEqual(['-1', '-1', null, '0']);

    // A tap focuses the radio tapped, not the chosen one.
    radios[0].dispatchEvent(new Event('pointerdown', { bubbles: true }));
    radios[0].focus();
    expect(document.activeElement).toBe(radios[0]);
    wrapper.unmount();
  });

  it('Space and Enter press a cell drawn as a button (clickable, or a link), as a tap does; a plain cell is left alone', async () => {
    uninstall = installVantKeyboard();
    const pressed: string[] = [];
    const wrapper = mount(
      defineComponent({
        setup: () => () => [
          h(Cell, { title: '党费交至', clickable: true, onClick: () => pressed.push('dues') }),
          h(Cell, { title: '修改', isLink: true, onClick: () => pressed.push('edit') }),
          h(Cell, { title: '手机号码', onClick: () => pressed.push('plain') }),
        ],
      }),
      { attachTo: document.body },
    );
    const cells = wrapper.findAll('.van-cell');
    expect(press(cells[0].element, 'Enter').defaultPrevented).toBe(true);
    expect(press(cells[1].element, ' ').defaultPrevented).toBe(true); // the page does not scroll
    expect(press(cells[2].element, 'Enter').defaultPrevented).toBe(false);
    expect(pressed).toEqual(['dues', 'edit']);
    wrapper.unmount();
  });
});
