const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A month's short name in a language ("Dec" in English): English dates are written "3 Dec 2026", which no reader
 * takes for 12 March, as "3/12/2026" can be (and "12/03/2026" in American order). Chinese dates spell the month as a
 * number with 月 and do not use this.
 */
export function monthShort(locale: string, month: number): string {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' })));
  return format.format(Date.UTC(2000, month - 1, 1));
}
