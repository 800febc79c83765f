import { ErrorCode } from '@zhdj/shared';
import { useI18n } from 'vue-i18n';
import { ApiError, ClientErrorCode } from '@/api/errors';

/** The lock's end as the user reads it: a time today, or a date and time, in the county's zone. */
export function formatUnlockTime(iso: string, locale: string, now: Date = new Date()): string | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const zone = 'Asia/Shanghai';
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(d);
  const sameDay = day(at) === day(now);
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    ...(sameDay ? {} : { month: 'long', day: 'numeric' }),
  }).format(at);
}

/** Login failures explained by code: wrong password, locked (until when), throttled, incomplete form. */
export function useLoginError() {
  const { t, locale } = useI18n();
  return function loginErrorMessage(error: unknown): string {
    if (!(error instanceof ApiError)) return t('auth.errors.UNKNOWN');
    switch (error.code) {
      case ErrorCode.INVALID_CREDENTIALS:
      case ErrorCode.ACCOUNT_DISABLED:
      case ErrorCode.TOO_MANY_REQUESTS:
      case ErrorCode.VALIDATION_FAILED:
      case ClientErrorCode.NETWORK_ERROR:
        return t(`auth.errors.${error.code}`);
      case ErrorCode.ACCOUNT_LOCKED: {
        const until = (error.details as { lockedUntil?: string } | undefined)?.lockedUntil;
        const time = until ? formatUnlockTime(until, locale.value) : null;
        return time ? t('auth.errors.ACCOUNT_LOCKED', { time }) : t('auth.errors.ACCOUNT_LOCKED_UNKNOWN');
      }
      default:
        return t('auth.errors.UNKNOWN');
    }
  };
}
