/**
 * A date picker's day as YYYY-MM-DD, to compare with a bound written that way (chinaDate(), a filter's from/to).
 * Element Plus hands `disabled-date` the browser's local midnight of the day shown; converting that instant to the
 * county's date instead (chinaDate(d)) names the day before for a browser east of UTC+8, so read the local fields.
 */
export function pickerDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
