import { mount } from '@vue/test-utils';
import { defineComponent } from 'vue';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { useDateTime } from './use-date-time';

function dateTime() {
  let format!: ReturnType<typeof useDateTime>;
  mount(defineComponent({ setup: () => ((format = useDateTime()), () => null) }), { global: { plugins: [i18n] } });
  return format;
}

describe('a moment as the county reads it', () => {
  afterEach(() => applyLocale('zh-CN'));

  it('in Chinese, by the numbers, in Xinyi time', () => {
    expect(dateTime()('2026-12-03T03:00:00.000Z')).toBe('2026/12/03 11:00');
  });

  it('in English, with the month by name (not "12/03/2026", which is 12 March to most readers)', async () => {
    await applyLocale('en');
    expect(dateTime()('2026-12-03T17:05:00.000Z')).toBe('4 Dec 2026, 01:05');
  });

  it('nothing for a value that is not a moment', () => {
    expect(dateTime()('not a date')).toBe('');
  });
});
