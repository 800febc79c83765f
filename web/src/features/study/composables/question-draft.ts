import { STUDY_LIMITS, type QuestionKind, type QuizQuestionView } from '@zhdj/shared';
import type { QuestionFields } from '../api-admin';

/** A question being written in the bank editor. */
export interface QuestionDraft {
  kind: QuestionKind;
  stem: string;
  options: { key: string; text: string }[];
  answer: string[];
  explanation: string;
}

export type DraftProblem = 'stemRequired' | 'optionsMin' | 'optionText' | 'answerSingle' | 'answerMultiple';

const LETTERS = 'ABCDEFGH'.slice(0, STUDY_LIMITS.optionsMax).split('');
const TRUE_FALSE = [
  { key: 'T', text: '' },
  { key: 'F', text: '' },
];

const choiceOptions = (n: number) => LETTERS.slice(0, n).map((key) => ({ key, text: '' }));

export function newDraft(kind: QuestionKind = 'SINGLE'): QuestionDraft {
  return { kind, stem: '', options: kind === 'TRUE_FALSE' ? TRUE_FALSE.map((o) => ({ ...o })) : choiceOptions(4), answer: [], explanation: '' };
}

export function draftFrom(q: QuizQuestionView): QuestionDraft {
  return { kind: q.kind, stem: q.stem, options: q.options.map((o) => ({ ...o })), answer: [...q.answer], explanation: q.explanation };
}

/** Changing the type keeps what still fits: choice texts between single and multiple, a fresh 正确/错误 pair for true/false. */
export function changeKind(d: QuestionDraft, kind: QuestionKind): QuestionDraft {
  if (kind === d.kind) return d;
  if (kind === 'TRUE_FALSE') return { ...d, kind, options: TRUE_FALSE.map((o) => ({ ...o })), answer: [] };
  const options = d.kind === 'TRUE_FALSE' ? choiceOptions(4) : d.options;
  const answer = d.kind === 'TRUE_FALSE' ? [] : kind === 'SINGLE' ? d.answer.slice(0, 1) : d.answer;
  return { ...d, kind, options, answer };
}

export function addOption(d: QuestionDraft): QuestionDraft {
  if (d.kind === 'TRUE_FALSE' || d.options.length >= LETTERS.length) return d;
  return { ...d, options: [...d.options, { key: LETTERS[d.options.length], text: '' }] };
}

/** Removes an option; the ones after it move up a letter, and the right answers follow them. */
export function removeOption(d: QuestionDraft, key: string): QuestionDraft {
  if (d.kind === 'TRUE_FALSE') return d;
  const kept = d.options.filter((o) => o.key !== key);
  const rename = new Map(kept.map((o, i) => [o.key, LETTERS[i]]));
  return {
    ...d,
    options: kept.map((o, i) => ({ key: LETTERS[i], text: o.text })),
    answer: d.answer.filter((a) => a !== key).map((a) => rename.get(a) ?? a).sort(),
  };
}

/** Ticks or unticks a right answer: one for single choice and true/false, any number for multiple choice. */
export function toggleAnswer(d: QuestionDraft, key: string): QuestionDraft {
  if (d.kind !== 'MULTIPLE') return { ...d, answer: [key] };
  return { ...d, answer: d.answer.includes(key) ? d.answer.filter((a) => a !== key) : [...d.answer, key].sort() };
}

/** What is wrong with a draft, in the order a reader meets it (the server checks the same). */
export function draftProblems(d: QuestionDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!d.stem.trim()) out.push('stemRequired');
  if (d.kind !== 'TRUE_FALSE') {
    if (d.options.length < 2) out.push('optionsMin');
    if (d.options.some((o) => !o.text.trim())) out.push('optionText');
  }
  if (d.kind !== 'MULTIPLE' && d.answer.length !== 1) out.push('answerSingle');
  if (d.kind === 'MULTIPLE' && d.answer.length < 2) out.push('answerMultiple');
  return out;
}

export function draftFields(d: QuestionDraft): QuestionFields {
  return {
    kind: d.kind,
    stem: d.stem.trim(),
    ...(d.kind === 'TRUE_FALSE' ? {} : { options: d.options.map((o) => ({ key: o.key, text: o.text.trim() })) }),
    answer: [...d.answer].sort(),
    explanation: d.explanation.trim(),
  };
}
