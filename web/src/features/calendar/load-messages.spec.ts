import { describe, expect, it, vi } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { loadCalendarMessages } from './load-messages';

describe('the working-calendar screen’s messages', () => {
  it('are not part of the app’s first load, join when the screen opens, and follow a switch to English', async () => {
    const { t, te } = i18n.global;
    // The menu label and the page title are there from the start; the screen's own words are not.
    expect(t('calendar.nav')).toBe('工作日历');
    expect(te('calendar.form.save')).toBe(false);

    await loadCalendarMessages();
    expect(t('calendar.form.save')).toBe('保存');
    expect(t('calendar.unknownTitle', { year: 2027 })).toBe('系统尚未内置 2027 年的官方放假安排');
    expect(t('calendar.title')).toBe('工作日历');

    await applyLocale('en');
    await vi.waitFor(() => expect(t('calendar.form.save')).toBe('Save'));
    expect(t('calendar.nav')).toBe('Working calendar');
    expect(t('calendar.form.kind')).toBe('Type');
    await applyLocale('zh-CN');
    expect(t('calendar.form.kind')).toBe('类型');
  });
});
