import type { IssuedQuestion } from '@zhdj/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { effectScope, nextTick } from 'vue';
import { forgetAnswers, loadAnswers, useQuiz } from './use-quiz';

const questions: IssuedQuestion[] = [
  { id: 11, kind: 'SINGLE', stem: '党的最高理想和最终目标是？', options: [{ key: 'A', text: '实现共产主义' }, { key: 'B', text: '全面小康' }] },
  { id: 12, kind: 'MULTIPLE', stem: '“三会一课”中的“三会”包括？', options: [{ key: 'A', text: '支部党员大会' }, { key: 'B', text: '支部委员会' }, { key: 'C', text: '党小组会' }, { key: 'D', text: '职工大会' }] },
  { id: 13, kind: 'TRUE_FALSE', stem: '预备党员的预备期为一年。', options: [{ key: 'T', text: '正确' }, { key: 'F', text: '错误' }] },
];

function setup(saved = {}) {
  const scope = effectScope();
  const sut = scope.run(() => useQuiz(99, questions, saved))!;
  return { sut, scope };
}

describe('quiz navigation', () => {
  beforeEach(() => localStorage.clear());

  it('one question at a time, forward and back, never past either end', () => {
    const { sut } = setup();
    expect(sut.current.value.id).toBe(11);
    expect([sut.isFirst.value, sut.isLast.value]).toEqual([true, false]);
    sut.prev();
    expect(sut.index.value).toBe(0);
    sut.next();
    sut.next();
    expect(sut.current.value.id).toBe(13);
    expect(sut.isLast.value).toBe(true);
    sut.next();
    expect(sut.index.value).toBe(2);
    sut.goTo(1);
    expect(sut.current.value.kind).toBe('MULTIPLE');
    sut.goTo(7);
    expect(sut.index.value).toBe(1);
  });

  it('single choice and true/false keep one answer; multiple choice toggles several', () => {
    const { sut } = setup();
    sut.choose('A');
    sut.choose('B');
    expect(sut.answers[11]).toEqual(['B']);
    sut.next();
    sut.choose('C');
    sut.choose('A');
    sut.choose('B');
    sut.choose('C');
    expect(sut.answers[12]).toEqual(['A', 'B']);
    expect(sut.isChosen('A')).toBe(true);
    expect(sut.isChosen('C')).toBe(false);
    sut.next();
    sut.choose('Z'); // not an option
    expect(sut.answers[13]).toBeUndefined();
    sut.choose('T');
    expect(sut.answers[13]).toEqual(['T']);
  });

  it('knows what is unanswered and submits only what was answered', () => {
    const { sut } = setup();
    expect(sut.unanswered.value).toEqual([0, 1, 2]);
    sut.goTo(2);
    sut.choose('F');
    sut.goTo(1);
    sut.choose('A');
    sut.choose('A'); // unticked again: unanswered
    expect(sut.answeredCount.value).toBe(1);
    expect(sut.unanswered.value).toEqual([0, 1]);
    expect(sut.submission()).toEqual([{ questionId: 13, selected: ['F'] }]);
  });

  it('keeps the answers on this device for the open attempt, and forgets them after', async () => {
    const { sut, scope } = setup();
    sut.choose('A');
    sut.goTo(1);
    sut.choose('B');
    sut.choose('A');
    await nextTick();
    scope.stop();
    expect(loadAnswers(99, questions)).toEqual({ 11: ['A'], 12: ['A', 'B'] });
    const again = setup(loadAnswers(99, questions)).sut;
    expect(again.answeredCount.value).toBe(2);
    forgetAnswers(99);
    expect(loadAnswers(99, questions)).toEqual({});
  });

  it('ignores saved answers that do not fit the questions', () => {
    localStorage.setItem('zhdj.quiz.99', JSON.stringify({ 11: ['Z'], 12: 'A', 13: ['T'], 500: ['A'] }));
    expect(loadAnswers(99, questions)).toEqual({ 13: ['T'] });
    localStorage.setItem('zhdj.quiz.99', '{not json');
    expect(loadAnswers(99, questions)).toEqual({});
  });
});
