import { mount } from '@vue/test-utils';
import { ElDatePicker, ElDialog, ElForm, ElFormItem } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { fieldName, watchKitPopups } from './kit-popups';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  document.body.innerHTML = '';
});

const panelOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-controls') ?? '');

describe('the kit’s pop-ups, mended', () => {
  it('names a date picker’s panel after its field’s label, and follows the label’s words', async () => {
    stop = watchKitPopups();
    const label = ref('开始日期');
    const Form = defineComponent(() => () =>
      h(ElForm, null, () => h(ElFormItem, { label: label.value }, () => h(ElDatePicker, { id: 'from', type: 'date', modelValue: '' }))),
    );
    const wrapper = mount(Form, { attachTo: document.body });
    await vi.waitFor(() => expect(wrapper.find('#from').exists()).toBe(true)); // the kit gives the input its id once mounted
    const input = wrapper.get<HTMLInputElement>('#from').element;
    await wrapper.get('#from').trigger('mousedown');
    await wrapper.get('#from').trigger('click');
    await vi.waitFor(() => expect(panelOf(input)).not.toBeNull());
    const panel = panelOf(input)!;
    expect(panel.getAttribute('role')).toBe('dialog');
    await vi.waitFor(() => expect(panel.getAttribute('aria-label')).toBe('开始日期'));

    label.value = 'From';
    await nextTick();
    await vi.waitFor(() => expect(panel.getAttribute('aria-label')).toBe('From'));
    // The kit removing the name (as it does when it mounts a panel or re-applies its role) does not leave it nameless.
    panel.removeAttribute('aria-label');
    await vi.waitFor(() => expect(panel.getAttribute('aria-label')).toBe('From'));
    wrapper.unmount();
  });

  it('takes the banner role off a dialog’s header, which still names the dialog', async () => {
    stop = watchKitPopups();
    const wrapper = mount(defineComponent(() => () => h(ElDialog, { modelValue: true, title: '分配学习套餐' }, () => 'body')), { attachTo: document.body });
    await vi.waitFor(() => expect(document.querySelector('header.el-dialog__header')).not.toBeNull());
    const header = document.querySelector('header.el-dialog__header')!;
    await vi.waitFor(() => expect(header.getAttribute('role')).toBe('none'));
    const dialog = document.querySelector('[role="dialog"]')!;
    const named = dialog.getAttribute('aria-label') ?? document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent;
    expect(named).toBe('分配学习套餐');
    wrapper.unmount();
  });

  it('stops mending once the layout is gone', async () => {
    watchKitPopups()();
    document.body.insertAdjacentHTML('beforeend', '<header class="el-drawer__header">菜单</header>');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.querySelector('header.el-drawer__header')!.hasAttribute('role')).toBe(false);
  });

  it('knows a field by its own label, the elements naming it, its <label>, else its placeholder', () => {
    document.body.innerHTML = `
      <input id="a" aria-label="出生日期" placeholder="选择日期">
      <span id="n1">有效期</span><span id="n2">截止</span><input id="b" aria-labelledby="n1 n2">
      <label for="c">结束日期</label><input id="c" placeholder="选择日期">
      <input id="d" placeholder="选择日期">`;
    const name = (id: string) => fieldName(document.getElementById(id)!);
    expect([name('a'), name('b'), name('c'), name('d')]).toEqual(['出生日期', '有效期 截止', '结束日期', '选择日期']);
  });
});
