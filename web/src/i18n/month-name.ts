const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A month's short name in a language ("Dec" in English): English dates are written "3 Dec 2026", which no reader
 * takes for 12 March, as "3/12/2026" can be (and "12/03/2026" in American order). Chinese dates spell the month as a
 * number with 月 and do not use this.
 */
export const monthShort = (locale: string, month: number): string => monthName(locale, month, 'short');

/** A month's full name in a language ("December", 十二月): where a month is chosen from a list. */
export const monthLong = (locale: string, month: number): string => monthName(locale, month, 'long');

function monthName(locale: string, month: number, width: 'short' | 'long'): string {
  const key = `${locale} ${width}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(locale, { month: width, timeZone: 'UTC' })));
  return format.format(Date.UTC(2000, month - 1, 1));
}
