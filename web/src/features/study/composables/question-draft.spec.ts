import { describe, expect, it } from 'vitest';
import { addOption, changeKind, draftFields, draftProblems, newDraft, removeOption, toggleAnswer, type QuestionDraft } from './question-draft';

const filled = (d: QuestionDraft): QuestionDraft => ({ ...d, stem: '题干', options: d.options.map((o) => ({ ...o, text: `选项${o.key}` })) });

describe('question drafts', () => {
  it('a single-choice question needs a stem, filled options and exactly one answer', () => {
    let d = newDraft();
    expect(d.options.map((o) => o.key)).toEqual(['A', 'B', 'C', 'D']);
    expect(draftProblems(d)).toEqual(['stemRequired', 'optionText', 'answerSingle']);
    d = toggleAnswer(toggleAnswer(filled(d), 'B'), 'C');
    expect(d.answer).toEqual(['C']);
    expect(draftProblems(d)).toEqual([]);
  });

  it('a multiple-choice question needs at least two right answers', () => {
    let d = filled(newDraft('MULTIPLE'));
    d = toggleAnswer(d, 'D');
    expect(draftProblems(d)).toEqual(['answerMultiple']);
    d = toggleAnswer(toggleAnswer(d, 'A'), 'D');
    d = toggleAnswer(d, 'B');
    expect(d.answer).toEqual(['A', 'B']);
    expect(draftProblems(d)).toEqual([]);
  });

  it('removing an option moves the later ones up a letter, answers included', () => {
    let d = toggleAnswer(toggleAnswer(filled(newDraft('MULTIPLE')), 'A'), 'D');
    d = removeOption(d, 'B');
    expect(d.options).toEqual([
      { key: 'A', text: '选项A' },
      { key: 'B', text: '选项C' },
      { key: 'C', text: '选项D' },
    ]);
    expect(d.answer).toEqual(['A', 'C']);
    d = removeOption(removeOption(d, 'A'), 'A');
    expect(draftProblems({ ...d, answer: ['A', 'B'] })).toContain('optionsMin');
  });

  it('adds options up to H', () => {
    let d = newDraft();
    for (let i = 0; i < 10; i++) d = addOption(d);
    expect(d.options.map((o) => o.key).join('')).toBe('ABCDEFGH');
  });

  it('true/false has fixed options and is sent without them', () => {
    let d = changeKind(filled(toggleAnswer(newDraft(), 'A')), 'TRUE_FALSE');
    expect(d.options.map((o) => o.key)).toEqual(['T', 'F']);
    expect(d.answer).toEqual([]);
    expect(addOption(d)).toBe(d);
    d = toggleAnswer({ ...d, explanation: ' 见党章 ' }, 'F');
    expect(draftProblems(d)).toEqual([]);
    expect(draftFields(d)).toEqual({ kind: 'TRUE_FALSE', stem: '题干', answer: ['F'], explanation: '见党章' });
  });

  it('switching between single and multiple keeps the texts; single keeps one answer', () => {
    let d = toggleAnswer(toggleAnswer(filled(newDraft('MULTIPLE')), 'B'), 'C');
    d = changeKind(d, 'SINGLE');
    expect(d.answer).toEqual(['B']);
    expect(d.options[2].text).toBe('选项C');
    expect(draftFields(d).options?.length).toBe(4);
  });
});
