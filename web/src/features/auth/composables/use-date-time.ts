import { useI18n } from 'vue-i18n';

/** A moment as the county reads it (Asia/Shanghai), in the app's language. */
export function useDateTime() {
  const { locale } = useI18n();
  return function dateTime(iso: string): string {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return '';
    return new Intl.DateTimeFormat(locale.value, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
  };
}
