import { mount } from '@vue/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { loadStudyMessages } from '@/features/study/load-messages';
import '@/features/transfers/i18n-screens';
import AppDatedPhrase from './AppDatedPhrase.vue';

const render = (keypath: string, lead?: string) =>
  mount(AppDatedPhrase, { props: { keypath, date: '2026-11-24', iso: '2026-11-24T15:59:59.999Z', lead }, global: { plugins: [i18n] } });
const words = (phrase: ReturnType<typeof render>) => phrase.findAll('.dated__words').map((w) => w.text());

describe('a phrase around a date', () => {
  afterAll(() => applyLocale('zh-CN'));

  it('reads as the message, with the date in a <time> and the words on either side each kept whole', () => {
    const phrase = render('transfers.timeline.dueBy');
    expect(phrase.text()).toBe('应于 2026-11-24 前办结');
    expect(phrase.get('time').attributes('datetime')).toBe('2026-11-24T15:59:59.999Z');
    expect(words(phrase)).toEqual(['应于', '前办结']);
  });

  it('holds a leading separator to the first words with a no-break space, so that no line ends on it', () => {
    const phrase = render('transfers.timeline.dueBy', '·');
    expect(words(phrase)).toEqual(['·\u00a0应于', '前办结']);
    expect(phrase.text()).toBe('·\u00a0应于 2026-11-24 前办结');
  });

  it('adds no space where the message has none, and no empty part where the date starts or ends it', async () => {
    await loadStudyMessages();
    const after = render('study.tracks.due');
    expect(after.text()).toBe('2026-11-24前完成');
    expect(words(after)).toEqual(['前完成']);
    await applyLocale('en');
    await loadStudyMessages();
    const before = render('transfers.timeline.dueBy');
    expect(before.text()).toBe('Due by 2026-11-24');
    expect(words(before)).toEqual(['Due by']);
  });
});
