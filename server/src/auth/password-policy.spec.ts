import { describe, expect, it } from 'vitest';
import { isCommonPassword } from './password-policy.service';

describe('the bundled common-password list', () => {
  it('finds listed passwords whatever their case', () => {
    for (const p of ['password', 'PASSWORD1234', 'qwertyuiop123', '1qaz2wsx3edc', 'iloveyou']) expect(isCommonPassword(p), p).toBe(true);
  });

  it('finds a listed word dressed with digits and symbols', () => {
    for (const p of ['Password2026!', '!!Iloveyou!!', '2026dragon', 'monkey_1234']) expect(isCommonPassword(p), p).toBe(true);
  });

  it('lets uncommon passphrases through', () => {
    for (const p of ['correct horse battery staple', 'Fixture-pass-2026', '党建引领基层治理2026', 'Kq7#vbnz']) expect(isCommonPassword(p), p).toBe(false);
  });
});
