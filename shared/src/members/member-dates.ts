import type { FieldError } from '../common/errors';

/**
 * What is impossible in a member's dates, as field errors: joining the Party on or before the day of birth or after
 * today, and dues paid through a month still to come (a payment is recorded for a month that has begun, so the
 * pre-review's "dues owed" count can never be hidden by a month typed ahead). One rule for a member recorded in the
 * county (create, edit) and for one arriving from outside (the letter they bring). `today` is the date in Xinyi.
 */
export function memberDateProblems(m: { birthDate: string; joinedAt: string; duesPaidThrough: string }, today: string): FieldError[] {
  const problems: FieldError[] = [];
  if (m.joinedAt <= m.birthDate) {
    problems.push({ field: 'joinedAt', constraint: 'afterBirth', message: `joinedAt must be after the date of birth (${m.birthDate})` });
  } else if (m.joinedAt > today) {
    problems.push({ field: 'joinedAt', constraint: 'notFuture', message: `joinedAt cannot be after today (${today})` });
  }
  if (m.duesPaidThrough > today.slice(0, 7)) {
    problems.push({ field: 'duesPaidThrough', constraint: 'notFuture', message: `duesPaidThrough cannot be a month after this one (${today.slice(0, 7)})` });
  }
  return problems;
}
