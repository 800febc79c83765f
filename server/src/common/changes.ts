import { maskPhone } from '@zhdj/shared';

/** What an edit changed: each changed field's value before and after it (a type, not an interface, so it is an audit detail). */
export type Changes<T> = {
  before: Partial<T>;
  after: Partial<T>;
};

/**
 * Two recorded values are the same when their JSON is: an array or an object (a question's options, a centre's weekly
 * hours) is compared by content, not by identity, and a Date by its instant.
 */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields `next` gives a value (undefined: left as it is) that differ from `current`, with their value before and
 * after. One helper for every edit that is audited or acted on (member, organisation, transfer, service centre, study
 * module and question), so "what changed" means the same thing in each record; nothing changed gives two empty objects.
 */
export function changesOf<T extends object>(current: T, next: Partial<T>): Changes<T> {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    const value = next[key];
    if (value === undefined || same(current[key], value)) continue;
    before[key] = current[key];
    after[key] = value;
  }
  return { before, after };
}

/** Whether an edit changed anything. */
export const changedAny = (changes: Changes<object>): boolean => Object.keys(changes.after).length > 0;

/** The same changes with any phone number masked (maskPhone), for the audit log. */
export function phonesMasked<T>(changes: Changes<T>): Changes<T> {
  const mask = (side: Partial<T>): Partial<T> => {
    const out = { ...side } as Record<string, unknown>;
    if (typeof out.phone === 'string') out.phone = maskPhone(out.phone);
    return out as Partial<T>;
  };
  return { before: mask(changes.before), after: mask(changes.after) };
}
