import type { IssuedQuestion, ModuleProgressView, QuizResultView } from '@zhdj/shared';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { loadStudyMessages } from '../load-messages';
import StudyQuizResult from './StudyQuizResult.vue';

const question = (id: number, stem: string): IssuedQuestion => ({ id, kind: 'SINGLE', stem, options: [{ key: 'A', text: '对的' }, { key: 'B', text: '错的' }] });
const item = (questionId: number, correct: boolean) => ({ questionId, correct, selected: [correct ? 'A' : 'B'], answer: ['A'], explanation: '' });

describe('the quiz result', () => {
  it('reviews the questions under the numbers and in the order they were answered', async () => {
    await loadStudyMessages('member');
    // Issued 3, 1, 2 (shuffled for this attempt); the grading lists them by id.
    const questions = [question(3, '第三题题干'), question(1, '第一题题干'), question(2, '第二题题干')];
    const result: QuizResultView = { attemptId: 9, correct: 2, total: 3, scorePercent: 67, passed: false, review: [item(1, true), item(2, false), item(3, true)] };
    const progress = { quiz: { attemptsAllowed: 3, attemptsUsed: 1, attemptsLeft: 2, bestScore: 67, passPercent: 80, openAttempt: null } } as ModuleProgressView;
    const wrapper = mount(StudyQuizResult, { props: { result, questions, progress, busy: false }, global: { plugins: [i18n] } });
    const lines = wrapper.findAll('.result__q').map((q) => q.text().replace(/\s+/g, ' '));
    expect(lines).toHaveLength(3);
    ['1. 第三题题干', '2. 第一题题干', '3. 第二题题干'].forEach((line, i) => expect(lines[i]).toMatch(new RegExp(`(^|\\D)${line.replace('.', '\\.')}$`)));
    wrapper.unmount();
  });

  it('words a true/false answer in the language in use, though the server sends it in Chinese', async () => {
    await loadStudyMessages('member');
    const tf: IssuedQuestion = { id: 5, kind: 'TRUE_FALSE', stem: '判断题题干', options: [{ key: 'T', text: '正确' }, { key: 'F', text: '错误' }] };
    const result: QuizResultView = { attemptId: 9, correct: 0, total: 1, scorePercent: 0, passed: false, review: [{ questionId: 5, correct: false, selected: ['T'], answer: ['F'], explanation: '' }] };
    const progress = { quiz: { attemptsAllowed: 3, attemptsUsed: 1, attemptsLeft: 2, bestScore: 0, passPercent: 80, openAttempt: null } } as ModuleProgressView;
    const mountIt = () => mount(StudyQuizResult, { props: { result, questions: [tf], progress, busy: false }, global: { plugins: [i18n] } });
    const zh = mountIt();
    expect(zh.get('.result__a').text()).toContain('正确');
    zh.unmount();
    await applyLocale('en');
    await loadStudyMessages('member');
    try {
      const en = mountIt();
      expect(en.findAll('.result__a').map((a) => a.text())).toEqual(['Your answer: True', 'Right answer: False']);
      expect(en.text()).not.toMatch(/正确|错误/);
      en.unmount();
    } finally {
      await applyLocale('zh-CN');
    }
  });
});
