import { useI18n } from 'vue-i18n';

/** A moment as the county reads it (Asia/Shanghai), in the app's language. */
export function useDateTime() {
  const { locale } = useI18n();
  return function dateTime(iso: string): string {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return '';
    // English as "3 Dec 2026, 11:00" (British order, the month by name): "12/03/2026" reads as 12 March to most of
    // the world, and the visits' and study screens write their days the same way.
    const english = locale.value.startsWith('en');
    return new Intl.DateTimeFormat(english ? 'en-GB' : locale.value, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: english ? 'short' : '2-digit',
      day: english ? 'numeric' : '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(at);
  };
}
