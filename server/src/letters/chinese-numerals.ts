import Nzh from 'nzh';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';

/** Years are read digit by digit on letters: 2026 → 贰零贰陆. */
export const capitalYear = (year: number) => String(year).split('').map((d) => DIGITS[Number(d)]).join('');

/** Quantities in capital numerals (大写): 11 → 壹拾壹, 30 → 叁拾, 90 → 玖拾. */
export const capitalNumber = (n: number) => Nzh.cn.encodeB(n);

/** `2026-11` → 贰零贰陆年壹拾壹月 */
export function capitalYearMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return `${capitalYear(y)}年${capitalNumber(m)}月`;
}
