import type { ModuleProgressView, StudyModuleDetail } from '@zhdj/shared';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { loadStudyMessages } from '../load-messages';
import StudyArticleReader from './StudyArticleReader.vue';

const progress = { moduleId: 13, kind: 'ARTICLE', status: 'COMPLETED', article: { minReadSeconds: 120, secondsLeft: 0 } } as ModuleProgressView;
const reading = { ...progress, status: 'IN_PROGRESS', article: { minReadSeconds: 120, secondsLeft: 60 } } as ModuleProgressView;
// About a minute's reading (a few hundred characters) with a two-minute minimum: the case that read as two times.
const article = (minReadSeconds: number) =>
  ({ id: 13, kind: 'ARTICLE', title: '学习', body: `<p>${'学习党的二十大精神。'.repeat(30)}</p>`, minReadSeconds, progress }) as unknown as StudyModuleDetail;

describe('the article reader’s time', () => {
  it('states the minimum alone when there is one (not also a shorter estimate)', async () => {
    await loadStudyMessages('member');
    const wrapper = mount(StudyArticleReader, { props: { module: article(120), progress: reading }, global: { plugins: [i18n] } });
    expect(wrapper.findAll('[data-testid=study-article-time]').map((s) => s.text())).toEqual(['页面打开满 2 分钟后即可完成本课']);
    wrapper.unmount();
  });

  it('drops the minimum once the lesson is completed: it no longer binds, and the estimate is what is left to say', async () => {
    await loadStudyMessages('member');
    const wrapper = mount(StudyArticleReader, { props: { module: article(120), progress }, global: { plugins: [i18n] } });
    expect(wrapper.findAll('[data-testid=study-article-time]').map((s) => s.text())).toEqual([expect.stringMatching(/^约 \d+ 分钟读完$/)]);
    wrapper.unmount();
  });

  it('gives the reading estimate when no minimum is set', async () => {
    await loadStudyMessages('member');
    const wrapper = mount(StudyArticleReader, { props: { module: article(0), progress }, global: { plugins: [i18n] } });
    expect(wrapper.findAll('[data-testid=study-article-time]').map((s) => s.text())).toEqual([expect.stringMatching(/^约 \d+ 分钟读完$/)]);
    wrapper.unmount();
  });
});
