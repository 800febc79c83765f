import { flushPromises, mount } from '@vue/test-utils';
import { ElForm, ElFormItem, ElInput, ElRadio, ElRadioGroup } from 'element-plus';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref, withDirectives } from 'vue';
import { fieldErrors } from './field-errors';

/** A form of three fields (two inputs and a group of options) whose errors the test sets, as a refused save does. */
function formWith() {
  const errors = ref<Record<string, string | undefined>>({});
  const [name, phone, sex] = [ref(''), ref(''), ref('')];
  const Form = defineComponent(() => () =>
    withDirectives(
      h(ElForm, { labelPosition: 'top' }, () => [
        h(ElFormItem, { label: '姓名', error: errors.value.name }, () => h(ElInput, { modelValue: name.value, 'onUpdate:modelValue': (v: string) => (name.value = v), 'data-field': 'name' })),
        h(ElFormItem, { label: '联系电话', error: errors.value.phone }, () => h(ElInput, { modelValue: phone.value, 'onUpdate:modelValue': (v: string) => (phone.value = v), 'data-field': 'phone' })),
        h(ElFormItem, { label: '性别', error: errors.value.sex }, () =>
          h(ElRadioGroup, { modelValue: sex.value, 'onUpdate:modelValue': (v: string | number | boolean | undefined) => (sex.value = String(v ?? '')) }, () => [h(ElRadio, { value: 'M' }, () => '男'), h(ElRadio, { value: 'F' }, () => '女')]),
        ),
      ]),
      [[fieldErrors]],
    ),
  );
  const wrapper = mount(Form, { attachTo: document.body, global: { stubs: { transition: false, 'transition-group': false } } });
  const input = (field: string) => wrapper.find(`input[data-field="${field}"], [data-field="${field}"] input`).element as HTMLInputElement;
  const group = () => wrapper.find('[role="radiogroup"]').element;
  const describedText = (el: Element) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim())
      .join(' | ');
  /** The kit shows a refused field's message a tenth of a second after the refusal (its debounced state). */
  const settle = async () => {
    await nextTick();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await flushPromises();
  };
  return { wrapper, errors, input, group, describedText, settle };
}

describe('v-field-errors', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('describes each refused control by its message and marks it invalid, and takes both off when the message goes', async () => {
    const f = formWith();
    await f.settle();
    expect(f.input('name').getAttribute('aria-invalid')).toBeNull();

    f.errors.value = { name: '请填写姓名', sex: '请选择性别' };
    await f.settle();
    expect(f.input('name').getAttribute('aria-invalid')).toBe('true');
    expect(f.describedText(f.input('name'))).toBe('请填写姓名');
    expect(f.describedText(f.group())).toBe('请选择性别');
    expect(f.input('phone').getAttribute('aria-invalid')).toBeNull();
    expect(f.input('phone').getAttribute('aria-describedby')).toBeNull();

    f.errors.value = { sex: '请选择性别' };
    await f.settle();
    expect(f.input('name').getAttribute('aria-invalid')).toBeNull();
    expect(f.input('name').getAttribute('aria-describedby')).toBeNull();
    expect(f.describedText(f.group())).toBe('请选择性别');
    f.wrapper.unmount();
  });

  it('keeps a description the control had of its own beside the message', async () => {
    const f = formWith();
    await f.settle();
    f.input('phone').setAttribute('aria-describedby', 'phone-hint');
    f.errors.value = { phone: '手机号码格式不正确' };
    await f.settle();
    expect(f.input('phone').getAttribute('aria-describedby')).toMatch(/^phone-hint fe-\d+$/);
    f.errors.value = {};
    await f.settle();
    expect(f.input('phone').getAttribute('aria-describedby')).toBe('phone-hint');
    f.wrapper.unmount();
  });

  it('puts the focus in the first refused field when a save is refused, but not away from a refused field being typed in', async () => {
    const f = formWith();
    await f.settle();
    f.errors.value = { phone: '手机号码格式不正确', sex: '请选择性别' };
    await f.settle();
    expect(document.activeElement).toBe(f.input('phone'));

    // Typing in the refused phone field, a message appears on the name (another save refused): the typing is left alone.
    f.errors.value = { name: '请填写姓名', phone: '手机号码格式不正确', sex: '请选择性别' };
    await f.settle();
    expect(document.activeElement).toBe(f.input('phone'));

    // Focus elsewhere and the same messages shown again: nothing new appeared, so focus stays where it is.
    (document.activeElement as HTMLElement).blur();
    f.errors.value = { ...f.errors.value };
    await f.settle();
    expect(document.activeElement).toBe(document.body);

    // A new refusal with the focus outside: the first refused field, in the form's order.
    f.errors.value = {};
    await f.settle();
    f.errors.value = { sex: '请选择性别', name: '请填写姓名' };
    await f.settle();
    expect(document.activeElement).toBe(f.input('name'));
    f.wrapper.unmount();
  });
});
