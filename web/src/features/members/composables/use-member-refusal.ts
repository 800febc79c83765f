import { ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useErrorMessage } from '@/composables/use-error-message';
import { serverProblems, type FormProblems } from './member-form';

/**
 * A save refused on the add- or edit-member page: the fields the server named, beside their fields (in the user's
 * language, never the server's English), and anything else in the alert above the form.
 */
export function useMemberRefusal() {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const problems = shallowRef<FormProblems>({});
  const failure = ref('');

  function show(error: unknown): void {
    const found = serverProblems(error);
    if (!found) {
      failure.value = errorMessage(error);
      return;
    }
    problems.value = found.fields;
    if (found.other) failure.value = t('memberForm.invalid');
  }

  return { problems, failure, show };
}
