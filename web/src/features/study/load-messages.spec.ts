import { describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h, nextTick } from 'vue';
import { useI18n } from 'vue-i18n';
import { applyLocale, i18n } from '@/i18n';
import { deepMerge } from '@/i18n/screen-messages';
import { loadStudyMessages } from './load-messages';

describe('the study screens’ messages', () => {
  it('are not part of the app’s first load, join when a study screen opens, and follow a switch to English', async () => {
    const { t, te } = i18n.global;
    // The tab, the menu and the page titles are there from the start; the screens' own words are not.
    expect(t('study.tab')).toBe('学习');
    expect(t('studyAdmin.nav.dashboard')).toBe('学习情况');
    expect(te('study.hours.unit')).toBe(false);

    await loadStudyMessages();
    expect(t('study.hours.left', { n: 30 })).toBe('还差 30 学时达到全年要求');
    expect(t('study.title')).toBe('我的学习');
    // Members never download the administrators' words; the admin routes bring them.
    expect(te('studyAdmin.dashboard.noRanking')).toBe(false);
    await loadStudyMessages('member', 'admin');
    expect(t('studyAdmin.dashboard.noRanking')).toBe('按组织统计参学情况，不对党员个人排名。');
    expect(t('studyAdmin.nav.dashboard')).toBe('学习情况');

    // A screen already open when the language changes shows the new language's words once they arrive.
    const host = document.createElement('div');
    const app = createApp(defineComponent({ setup: () => () => h('p', useI18n().t('studyAdmin.dashboard.rate')) }));
    app.use(i18n);
    app.mount(host);
    expect(host.textContent).toBe('完成率');
    await applyLocale('en');
    await vi.waitFor(() => expect(t('study.hours.unit')).toBe('hours'));
    await vi.waitFor(() => expect(t('studyAdmin.dashboard.rate')).toBe('Completion rate'));
    await nextTick();
    expect(host.textContent).toBe('Completion rate');
    expect(t('study.tab')).toBe('Study');
    await applyLocale('zh-CN');
    await nextTick();
    expect(host.textContent).toBe('完成率');
    expect(t('study.hours.unit')).toBe('学时');
    app.unmount();
  });

  it('lays new messages over the old as new objects, changing neither', () => {
    const base = { study: { tab: '学习', module: { title: '学习内容' } }, other: { x: 1 } };
    const extra = { study: { module: { hours: '{n} 学时' }, kind: { QUIZ: '测试' } } };
    const out = deepMerge(base, extra);
    expect(out).toEqual({ study: { tab: '学习', module: { title: '学习内容', hours: '{n} 学时' }, kind: { QUIZ: '测试' } }, other: { x: 1 } });
    expect(base.study.module).toEqual({ title: '学习内容' });
    expect(out.other).toBe(base.other);
  });
});
