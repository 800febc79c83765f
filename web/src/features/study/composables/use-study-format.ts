import { useI18n } from 'vue-i18n';
import { ApiError } from '@/api/errors';
import { useErrorMessage } from '@/composables/use-error-message';
import { monthShort } from '@/i18n/month-name';
import type { zhCN } from '../messages.zh-CN';

type StudyErrorCode = keyof (typeof zhCN)['study']['errors'];

/** Where a member stands against the yearly class-hours requirement (one decimal, as the server counts). */
export function hoursStanding(earned: number, required: number): { percent: number; left: number; reached: boolean } {
  const left = Math.max(0, Math.round((required - earned) * 10) / 10);
  return { percent: required > 0 ? Math.min(100, Math.round((earned * 100) / required)) : 100, left, reached: left === 0 };
}

/** Formatting for the study screens: dates, durations in words, and the study error codes in plain language. */
export function useStudyFormat() {
  const { t, te, locale } = useI18n();
  const baseError = useErrorMessage();

  /** 2026-06-30 (or an ISO instant, taken in the county's time zone) → 2026年6月30日. */
  function date(value: string): string {
    const ymd = value.length > 10 ? new Date(value).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) : value;
    const [y, m, d] = ymd.split('-');
    return y && m && d ? t('study.date', { y, m: String(Number(m)), d: String(Number(d)), mon: monthShort(locale.value, Number(m)) }) : value;
  }

  /** 30 → "30 秒", 90 → "1 分 30 秒", 1200 → "20 分钟", 3900 → "1 小时 5 分钟". */
  function duration(seconds: number): string {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return t('study.time.seconds', { n: s });
    if (s >= 3600) return t('study.time.hoursMinutes', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
    return s % 60 ? t('study.time.minutesSeconds', { m: Math.floor(s / 60), s: s % 60 }) : t('study.time.minutes', { n: s / 60 });
  }

  function hours(n: number): string {
    return String(Math.round(n * 10) / 10);
  }

  /** An average in a column of figures: always one decimal, so 8.0 lines up under 7.9 instead of reading "8". */
  function averageHours(n: number): string {
    return (Math.round(n * 10) / 10).toFixed(1);
  }

  /** A completion rate in a column of rates: one decimal always (50.0% above 52.2%), a dash where nobody is enrolled. */
  function rate(n: number | null): string {
    return n === null ? '—' : `${n.toFixed(1)}%`;
  }

  function error(e: unknown): string {
    if (e instanceof ApiError && te(`study.errors.${e.code}`)) return t(`study.errors.${e.code as StudyErrorCode}`);
    return baseError(e);
  }

  return { date, duration, hours, averageHours, rate, error };
}
