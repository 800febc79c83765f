import type { IssuedQuestion, QuestionOption } from '@zhdj/shared';
import { useI18n } from 'vue-i18n';

/**
 * An option's words as the member reads them: an author's options as written, a true/false question's two — which the
 * server words in Chinese — in the language in use (True / False in English).
 */
export function useOptionText() {
  const { t } = useI18n();
  return (question: Pick<IssuedQuestion, 'kind'>, option: QuestionOption): string =>
    question.kind === 'TRUE_FALSE' ? t(option.key === 'T' ? 'study.quiz.optionTrue' : 'study.quiz.optionFalse') : option.text;
}
