import { describe, expect, it } from 'vitest';
import { idBirthDate, idCheckChar, idNumberProblem, idSex, maskIdNumber, maskName } from './id-number';

describe('citizen ID numbers (GB 11643)', () => {
  // The standard's own worked example.
  const example = '11010519491231002X';

  it('computes the check character of the standard example', () => {
    expect(idCheckChar(example.slice(0, 17))).toBe('X');
    expect(idNumberProblem(example)).toBeNull();
    expect(idNumberProblem(example.toLowerCase())).toBeNull();
  });

  it('names what is wrong', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checkDigit');
    expect(idNumberProblem('11010519491331002X')).toBe('birthDate');
    expect(idNumberProblem('11010519490229002X')).toBe('birthDate'); // 1949 was not a leap year
    expect(idNumberProblem('1101051949123100')).toBe('format');
    expect(idNumberProblem('11010519491231002Y')).toBe('format');
  });

  it('reads birth date and sex', () => {
    expect(idBirthDate(example)).toBe('1949-12-31');
    expect(idSex(example)).toBe('F'); // 17th digit 2 is even
    expect(idSex('320381198803150011')).toBe('M');
  });

  it('masks numbers and names', () => {
    expect(maskIdNumber('320381198803150011')).toBe('3203**********0011');
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('李雷')).toBe('李*');
    expect(maskName('欧阳建国')).toBe('欧**国');
  });
});
