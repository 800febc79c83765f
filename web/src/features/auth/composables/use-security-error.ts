import { ErrorCode, type PasswordWeakness } from '@zhdj/shared';
import { useI18n } from 'vue-i18n';
import { ApiError } from '@/api/errors';
import { useErrorMessage } from '@/composables/use-error-message';
import { useLoginError } from './use-login-error';

const OWN = [
  ErrorCode.MFA_CODE_INVALID,
  ErrorCode.MFA_TOKEN_INVALID,
  ErrorCode.PASSWORD_INCORRECT,
  ErrorCode.PASSWORD_CHANGE_TOKEN_INVALID,
  ErrorCode.MFA_ALREADY_ENABLED,
  ErrorCode.MFA_NOT_ENABLED,
  ErrorCode.MFA_SETUP_MISSING,
] as const;

/**
 * Sentences for the account-security failures: weak or reused passwords (with every reason), wrong codes, timed-out
 * steps; the login's own failures (locked, throttled…) keep their wording from the login page.
 */
export function useSecurityError() {
  const { t, locale } = useI18n();
  const loginErrorMessage = useLoginError();
  const errorMessage = useErrorMessage();

  function weaknesses(reasons: readonly PasswordWeakness[]): string {
    return reasons.map((r) => t(`security.weakness.${r}`)).join(locale.value === 'en' ? ', ' : '、');
  }

  return function securityErrorMessage(error: unknown, context: { recovery?: boolean; login?: boolean } = {}): string {
    if (!(error instanceof ApiError)) return t('security.errors.UNKNOWN');
    if (error.code === ErrorCode.PASSWORD_TOO_WEAK) {
      const reasons = (error.details as { reasons?: PasswordWeakness[] } | undefined)?.reasons ?? [];
      return t('security.errors.PASSWORD_TOO_WEAK', { reasons: weaknesses(reasons) });
    }
    if (error.code === ErrorCode.PASSWORD_REUSED) {
      return t('security.errors.PASSWORD_REUSED', { n: (error.details as { historySize?: number } | undefined)?.historySize ?? 5 });
    }
    if (error.code === ErrorCode.MFA_CODE_INVALID && context.recovery) return t('security.errors.RECOVERY_CODE_INVALID');
    const own = OWN.find((code) => code === error.code);
    if (own) return t(`security.errors.${own}`);
    return context.login ? loginErrorMessage(error) : errorMessage(error);
  };
}
