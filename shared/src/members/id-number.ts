/**
 * Citizen ID numbers (居民身份证号码, GB 11643-1999): 17 digits and a check character (0-9 or X).
 * Digits 1-6 are the region, 7-14 the birth date, 15-17 a sequence whose last digit is odd for men.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit';

/** Returns null when the number is valid, or what is wrong with it. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const value = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  const birth = idBirthDate(value);
  if (!birth) return 'birthDate';
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return 'checkDigit';
  return null;
}

export function isValidIdNumber(raw: string): boolean {
  return idNumberProblem(raw) === null;
}

/** The birth date encoded in an ID number (`YYYY-MM-DD`), or null when it is not a real date. */
export function idBirthDate(value: string): string | null {
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (y < 1900 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** 'M' or 'F' from the 17th digit. */
export function idSex(value: string): 'M' | 'F' {
  return Number(value[16]) % 2 === 1 ? 'M' : 'F';
}

/** The only form an ID number takes on screen and in logs: `3203**********1234`. */
export function maskIdNumber(value: string): string {
  const v = normalizeIdNumber(value);
  if (v.length < 8) return '*'.repeat(v.length);
  return v.slice(0, 4) + '*'.repeat(v.length - 8) + v.slice(-4);
}

/**
 * A phone number as the audit log keeps it: the first three and last four digits (`138****8280`), enough to tell which
 * number was changed to which without the log becoming a second list of members' phones (PIPL minimisation).
 */
export function maskPhone(value: string): string {
  const v = value.trim();
  if (v.length < 8) return '*'.repeat(v.length);
  return v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4);
}

/** Names are masked on public pages (letter verification): 王*明, 李*. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
