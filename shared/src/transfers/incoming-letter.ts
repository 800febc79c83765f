import { shiftDate } from '../common/dates';
import type { FieldError } from '../common/errors';

/** No introduction letter is valid for longer than this (domain.md §4). */
export const LETTER_MAX_VALIDITY_DAYS = 180;

/**
 * What is wrong with the last valid day of a letter a member brings from outside (registered, or brought anew for a
 * re-issue): the member must report within validity, so a day already past is refused; and no letter is valid for
 * more than 180 days. The letter's issue date is not recorded, so the bound is counted from today — a letter issued
 * before today and valid 180 days at most ends no later than that. `today` is the date in Xinyi.
 */
export function incomingValidityProblem(validUntil: string, today: string): FieldError | null {
  if (validUntil < today) return { field: 'validUntil', constraint: 'notPast', message: `The letter's last valid day (${validUntil}) has passed: the member must report within validity` };
  const latest = shiftDate(today, LETTER_MAX_VALIDITY_DAYS);
  if (validUntil > latest) {
    return { field: 'validUntil', constraint: 'max180', message: `No letter is valid for more than ${LETTER_MAX_VALIDITY_DAYS} days: its last valid day is ${latest} at the latest` };
  }
  return null;
}

/** The stored key's length: NFKC may lengthen a 50-character number (a ligature such as ㍻ becomes 平成). */
export const INCOMING_LETTER_KEY_MAX = 150;

/**
 * An incoming letter's number as compared for uniqueness: full-width characters as half-width (NFKC), without spaces,
 * upper case — `２０２６ｘｗ 001` and `2026XW001` are one letter typed twice.
 */
export function incomingLetterKey(no: string): string {
  return no.normalize('NFKC').replace(/\s+/g, '').toUpperCase().slice(0, INCOMING_LETTER_KEY_MAX);
}
