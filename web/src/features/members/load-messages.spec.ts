import { describe, expect, it, vi } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { loadMemberFormMessages } from './load-messages';

describe('the add and edit screens’ messages', () => {
  it('are not part of the app’s first load, join when a screen opens, and follow a switch to English', async () => {
    const { t, te } = i18n.global;
    // The buttons and titles are there from the start; the form's own words are not.
    expect(t('memberForm.add')).toBe('新增党员');
    expect(te('memberForm.field.orgId')).toBe(false);

    await loadMemberFormMessages('admin');
    expect(t('memberForm.error.requiredChoice', { field: t('memberForm.field.orgId') })).toBe('请选择所在党支部');
    expect(t('memberForm.edit')).toBe('编辑');

    await applyLocale('en');
    await vi.waitFor(() => expect(t('memberForm.field.orgId')).toBe('Branch'));
    expect(t('memberForm.error.mismatchId', { field: t('memberForm.field.sex') })).toBe('Sex does not match the ID number');
    expect(t('memberForm.add')).toBe('Add member');
    await applyLocale('zh-CN');
    expect(t('memberForm.field.orgId')).toBe('所在党支部');
  });
});
