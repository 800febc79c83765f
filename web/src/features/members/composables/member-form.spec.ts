import { describe, expect, it } from 'vitest';
import { checkMemberForm, emptyMemberForm } from './member-form';

describe('the member form’s own check', () => {
  it('says a joining date on or before birth before the dues month is chosen, beside the dues still missing', () => {
    const form = { ...emptyMemberForm(5), name: '王小明', sex: 'M' as const, birthDate: '1990-05-17', phone: '13900000007', education: 'BACHELOR' as const, joinedAt: '1989-07-01' };
    const problems = checkMemberForm(form, 'edit');
    expect(problems).toEqual({ joinedAt: 'afterBirth', duesPaidThrough: 'required' });
  });

  it('leaves the joining date alone while the date of birth it is compared with is not a date', () => {
    const form = { ...emptyMemberForm(5), name: '王小明', sex: 'M' as const, birthDate: '1990-13-40', phone: '13900000007', education: 'BACHELOR' as const, joinedAt: '1989-07-01', duesPaidThrough: '2026-11' };
    expect(checkMemberForm(form, 'edit')).toEqual({ birthDate: 'invalid' });
  });
});
