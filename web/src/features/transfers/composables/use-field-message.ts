import type { FieldError } from '@zhdj/shared';
import { useI18n } from 'vue-i18n';

/**
 * The sentence shown beside a transfer's field the server refused. A refusal with a reason of its own says that reason
 * (the member's own branch chosen as the destination: `transfers.fieldRefusal.<field>_<constraint>`); otherwise the
 * field's usual hint, by the top of its path (`checklist.duesPaid` → `checklist`); otherwise a generic line naming it.
 */
export function useFieldMessage(): (e: FieldError | undefined) => string {
  const { t, te } = useI18n();
  return (e) => {
    if (!e) return '';
    const top = e.field.split('.')[0];
    const refusal = `transfers.fieldRefusal.${top}_${e.constraint}`;
    if (te(refusal)) return t(refusal);
    const key = `transfers.fieldError.${top}`;
    return te(key) ? t(key) : t('transfers.fieldError.generic', { field: e.field });
  };
}
