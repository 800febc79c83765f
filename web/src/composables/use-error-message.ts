import { ErrorCode } from '@zhdj/shared';
import { useI18n } from 'vue-i18n';
import { ApiError, ClientErrorCode } from '@/api/errors';

const KNOWN = [
  ClientErrorCode.NETWORK_ERROR,
  ErrorCode.NOT_FOUND,
  ErrorCode.FORBIDDEN,
  ErrorCode.TOO_MANY_REQUESTS,
  ErrorCode.DATABASE_UNAVAILABLE,
] as const;

/** A sentence for the user from any failure; branches on the stable `code`, never on the server's wording. */
export function useErrorMessage() {
  const { t } = useI18n();
  return function errorMessage(error: unknown): string {
    if (!(error instanceof ApiError)) return t('errors.UNKNOWN');
    if (error.code === ErrorCode.VALIDATION_FAILED) return t('errors.VALIDATION_FAILED', { message: error.message });
    const known = KNOWN.find((code) => code === error.code);
    return known ? t(`errors.${known}`) : t('errors.UNKNOWN');
  };
}
