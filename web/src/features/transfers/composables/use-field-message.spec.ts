import { mount } from '@vue/test-utils';
import type { FieldError } from '@zhdj/shared';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { applyLocale, i18n } from '@/i18n';
import '../i18n-screens';
import { useFieldMessage } from './use-field-message';

/** The messages as a screen would say them, in the locale given. */
async function say(problems: FieldError[], locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<string[]> {
  let out: string[] = [];
  await applyLocale(locale);
  const w = mount(defineComponent({ setup: () => ((out = problems.map(useFieldMessage())), () => h('i')) }), { global: { plugins: [i18n] } });
  w.unmount();
  await applyLocale('zh-CN');
  return out;
}

describe('a refused field’s message', () => {
  it('says a refusal’s own reason where it has one, else the field’s hint, else a line naming the field', async () => {
    const own = { field: 'destinationOrgId', constraint: 'different', message: 'The destination is the member’s own branch' };
    expect(await say([own])).toEqual(['这是您现在所在的党支部，请选择要转入的其他党组织']);
    expect(await say([own], 'en')).toEqual(['That is the branch you belong to now: choose the organisation you are moving to']);
    expect(await say([{ field: 'destinationOrgId', constraint: 'required', message: '' }])).toEqual(['请从组织目录中选择转入的党组织']);
    // A nested field is hinted by the top of its path; one the screen has no words for is still named.
    expect((await say([{ field: 'missing.0', constraint: 'hasText', message: '' }]))[0]).toBe((await say([{ field: 'missing', constraint: 'x', message: '' }]))[0]);
    expect((await say([{ field: 'somethingNew', constraint: 'x', message: '' }]))[0]).toContain('somethingNew');
  });
});
