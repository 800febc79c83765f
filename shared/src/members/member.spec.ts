import { describe, expect, it } from 'vitest';
import { IMPORT_PROBLEM_WORDING_ZH, importProblemZh, probationOverdue } from './member';

describe('an overdue probation', () => {
  it('is a probationary member whose last day of probation is before today (Xinyi), not on it', () => {
    const p = (probationEndsAt: string | null, category = 'PROBATIONARY') => probationOverdue({ category, probationEndsAt }, '2026-12-04');
    expect(p('2026-12-03')).toBe(true);
    expect(p('2026-12-04')).toBe(false);
    expect(p('2027-01-01')).toBe(false);
    expect(p(null)).toBe(false);
    expect(p('2026-01-01', 'FULL')).toBe(false);
  });
});

describe('import problems', () => {
  it('words a problem in Chinese with its parameters put in, and leaves a missing one visible', () => {
    expect(importProblemZh('idRepeated', { row: 2 })).toBe('身份证号与第 2 行重复');
    expect(importProblemZh('required', { header: '姓名' })).toBe('姓名不能为空');
    expect(importProblemZh('orgNotBranch', {})).toBe('组织编码 {code} 不是党支部，党员只能编入党支部');
  });

  it('has wording vue-i18n can read: no syntax characters but the named parameters', () => {
    for (const [code, text] of Object.entries(IMPORT_PROBLEM_WORDING_ZH)) expect(text.replace(/\{\w+\}/g, ''), code).not.toMatch(/[{}@$|]/);
  });
});
