import { describe, expect, it, vi } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { en as screenEn } from './admin-messages.en';
import { zhCN as screenZhCN } from './admin-messages.zh-CN';
import { en as menuEn, zhCN as menuZhCN } from './i18n';
import { loadAuditMessages } from './load-messages';

/** Every key path of a message tree, sorted. */
const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree)
    .flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]))
    .sort();

describe('the audit-log screen’s messages', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(screenEn)).toEqual(keys(screenZhCN));
    expect(keys(menuEn)).toEqual(keys(menuZhCN));
  });

  it('are not part of the app’s first load, join when the screen opens, and follow a switch to English', async () => {
    const { t, te } = i18n.global;
    // The menu label and the page title are there from the start; the screen's own words are not.
    expect(t('audit.nav')).toBe('审计日志');
    expect(te('audit.filter.search')).toBe(false);

    await loadAuditMessages();
    expect(t('audit.filter.search')).toBe('查询');
    expect(t('audit.chain.ok', { sealed: 1 }, 1)).toBe('审计链完整：已封存 1 条记录');
    expect(t('audit.title')).toBe('审计日志');

    await applyLocale('en');
    await vi.waitFor(() => expect(t('audit.filter.search')).toBe('Search'));
    expect(t('audit.nav')).toBe('Audit log');
    // English counts: "singular | plural".
    expect(t('audit.chain.ok', { sealed: '1' }, 1)).toBe('The audit chain is intact: 1 record sealed');
    expect(t('audit.list.shown', { n: '2' }, 2)).toBe('2 records shown');
    await applyLocale('zh-CN');
    expect(t('audit.list.shown', { n: '2' }, 2)).toBe('已显示 2 条');
  });
});
