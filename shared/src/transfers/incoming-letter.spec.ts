import { describe, expect, it } from 'vitest';
import { memberDateProblems } from '../members/member-dates';
import { incomingLetterKey, incomingValidityProblem } from './incoming-letter';

describe('an incoming letter', () => {
  it('is valid through its last day, and for 180 days from today at most', () => {
    expect(incomingValidityProblem('2026-12-06', '2026-12-07')?.constraint).toBe('notPast');
    expect(incomingValidityProblem('2026-12-07', '2026-12-07')).toBeNull();
    expect(incomingValidityProblem('2027-06-05', '2026-12-07')).toBeNull();
    expect(incomingValidityProblem('2027-06-06', '2026-12-07')?.constraint).toBe('max180');
  });

  it('is one letter however its number is typed: full-width, spaces, case', () => {
    expect(incomingLetterKey(' ２０２６ｘｗ 00123 ')).toBe('2026XW00123');
  });
});

describe('a member’s dates', () => {
  const ok = { birthDate: '1990-05-17', joinedAt: '2015-07-01', duesPaidThrough: '2026-12' };
  it('joined after birth and not after today; dues paid ahead for a year at most', () => {
    expect(memberDateProblems(ok, '2026-12-07')).toEqual([]);
    expect(memberDateProblems({ ...ok, joinedAt: '1990-05-17' }, '2026-12-07').map((p) => p.constraint)).toEqual(['afterBirth']);
    // Paid ahead (预交) through next December: allowed; a month beyond, a slip.
    expect(memberDateProblems({ ...ok, duesPaidThrough: '2027-12' }, '2026-12-07')).toEqual([]);
    expect(memberDateProblems({ ...ok, joinedAt: '2026-12-08', duesPaidThrough: '2028-01' }, '2026-12-07').map((p) => [p.field, p.constraint])).toEqual([
      ['joinedAt', 'notFuture'],
      ['duesPaidThrough', 'tooFarAhead'],
    ]);
  });

  it('applies each rule to the dates it needs as a form is filled in, before the others are given', () => {
    expect(memberDateProblems({ birthDate: '1990-05-17', joinedAt: '1989-01-01' }, '2026-12-07').map((p) => p.constraint)).toEqual(['afterBirth']);
    expect(memberDateProblems({ joinedAt: '2026-12-08', duesPaidThrough: null }, '2026-12-07').map((p) => p.constraint)).toEqual(['notFuture']);
    expect(memberDateProblems({ duesPaidThrough: '2028-01' }, '2026-12-07').map((p) => p.constraint)).toEqual(['tooFarAhead']);
    expect(memberDateProblems({ birthDate: '1990-05-17' }, '2026-12-07')).toEqual([]);
  });
});
