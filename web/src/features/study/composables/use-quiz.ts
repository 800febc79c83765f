import type { IssuedQuestion } from '@zhdj/shared';
import { computed, reactive, ref, watch } from 'vue';

export type AnswerSheet = Record<number, string[]>;

const storageKey = (attemptId: number) => `zhdj.quiz.${attemptId}`;

/** Answers kept on this device while an attempt is open, so a reload or a lost signal does not lose them. */
export function loadAnswers(attemptId: number, questions: readonly IssuedQuestion[]): AnswerSheet {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(storageKey(attemptId)) ?? '{}');
    if (!raw || typeof raw !== 'object') return {};
    const out: AnswerSheet = {};
    for (const q of questions) {
      const value = (raw as Record<string, unknown>)[q.id];
      const keys = new Set(q.options.map((o) => o.key));
      if (Array.isArray(value) && value.every((v) => typeof v === 'string' && keys.has(v))) out[q.id] = value as string[];
    }
    return out;
  } catch {
    return {};
  }
}

export function forgetAnswers(attemptId: number): void {
  try {
    localStorage.removeItem(storageKey(attemptId));
  } catch {
    // Storage disabled: nothing was kept.
  }
}

/**
 * One question per screen: where the member is, what they chose (one option for single choice and true/false,
 * several for multiple choice), which questions are still unanswered, and the answers to submit.
 */
export function useQuiz(attemptId: number, questions: readonly IssuedQuestion[], saved: AnswerSheet = {}) {
  const index = ref(0);
  const answers = reactive<AnswerSheet>({ ...saved });

  const current = computed(() => questions[index.value]);
  const isFirst = computed(() => index.value === 0);
  const isLast = computed(() => index.value === questions.length - 1);
  const isAnswered = (q: IssuedQuestion) => (answers[q.id]?.length ?? 0) > 0;
  const answeredCount = computed(() => questions.filter(isAnswered).length);
  /** Positions (0-based) of the questions not answered yet. */
  const unanswered = computed(() => questions.map((q, i) => (isAnswered(q) ? -1 : i)).filter((i) => i >= 0));

  function isChosen(key: string): boolean {
    return answers[current.value.id]?.includes(key) ?? false;
  }

  function choose(key: string): void {
    const q = current.value;
    if (!q.options.some((o) => o.key === key)) return;
    if (q.kind === 'MULTIPLE') {
      const now = answers[q.id] ?? [];
      answers[q.id] = now.includes(key) ? now.filter((k) => k !== key) : [...now, key].sort();
    } else {
      answers[q.id] = [key];
    }
  }

  function goTo(i: number): void {
    if (i >= 0 && i < questions.length) index.value = i;
  }

  const next = () => goTo(index.value + 1);
  const prev = () => goTo(index.value - 1);

  /** The answered questions, as the server takes them (an unanswered question simply counts as wrong). */
  function submission(): { questionId: number; selected: string[] }[] {
    return questions.filter(isAnswered).map((q) => ({ questionId: q.id, selected: [...answers[q.id]] }));
  }

  watch(
    answers,
    (value) => {
      try {
        localStorage.setItem(storageKey(attemptId), JSON.stringify(value));
      } catch {
        // Storage full or disabled: the answers live on this screen only.
      }
    },
    { deep: true },
  );

  return { index, current, answers, isFirst, isLast, answeredCount, unanswered, total: questions.length, isAnswered, isChosen, choose, goTo, next, prev, submission };
}
