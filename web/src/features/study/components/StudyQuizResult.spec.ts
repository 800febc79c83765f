import type { IssuedQuestion, ModuleProgressView, QuizResultView } from '@zhdj/shared';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
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
});
