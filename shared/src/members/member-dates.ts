import type { FieldError } from '../common/errors';
import { shiftYearMonth } from '../common/dates';

/** Dues may be paid ahead (预交), by branches' practice for up to a year: a month further ahead is a typing error. */
export const DUES_AHEAD_MONTHS_MAX = 12;

/**
 * What is impossible in a member's dates, as field errors: joining the Party on or before the day of birth or after
 * today, and dues paid through a month more than a year ahead (members going away, or retired, pay ahead; further
 * ahead is a slip that would hide owed months from the pre-review). One rule for a member recorded in the county
 * (create, edit) and for one arriving from outside (the letter they bring). `today` is the date in Xinyi.
 *
 * A form asks while it is being filled in: each rule is applied to the dates it needs that are given, so a joining date
 * before birth is said before the dues month is chosen.
 */
export function memberDateProblems(m: { birthDate?: string | null; joinedAt?: string | null; duesPaidThrough?: string | null }, today: string): FieldError[] {
  const problems: FieldError[] = [];
  if (m.joinedAt && m.birthDate && m.joinedAt <= m.birthDate) {
    problems.push({ field: 'joinedAt', constraint: 'afterBirth', message: `joinedAt must be after the date of birth (${m.birthDate})` });
  } else if (m.joinedAt && m.joinedAt > today) {
    problems.push({ field: 'joinedAt', constraint: 'notFuture', message: `joinedAt cannot be after today (${today})` });
  }
  const latest = shiftYearMonth(today.slice(0, 7), DUES_AHEAD_MONTHS_MAX);
  if (m.duesPaidThrough && m.duesPaidThrough > latest) {
    problems.push({ field: 'duesPaidThrough', constraint: 'tooFarAhead', message: `duesPaidThrough can be at most ${DUES_AHEAD_MONTHS_MAX} months ahead (${latest})` });
  }
  return problems;
}
