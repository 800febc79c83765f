import { describe, expect, it } from 'vitest';
import { characterClasses, checkPasswordRules, isMfaChallenge, PASSWORD_POLICIES, passwordLength } from './security';

describe('password rules', () => {
  const asvs = PASSWORD_POLICIES.asvs;
  const mlps3 = PASSWORD_POLICIES.mlps3;

  it('asvs: length only, 12 to 128 characters counted as people count them', () => {
    expect(checkPasswordRules('a'.repeat(11), asvs)).toEqual(['TOO_SHORT']);
    expect(checkPasswordRules('a'.repeat(12), asvs)).toEqual([]);
    expect(checkPasswordRules('a'.repeat(129), asvs)).toEqual(['TOO_LONG']);
    expect(passwordLength('党建党建党建党建党建党建')).toBe(12);
    expect(checkPasswordRules('党建党建党建党建党建党建', asvs)).toEqual([]);
    expect(checkPasswordRules('all lower case words', asvs)).toEqual([]);
  });

  it('mlps3: 8 characters of at least three classes', () => {
    expect(characterClasses('Aa1!')).toBe(4);
    expect(characterClasses('aaaa 1')).toBe(3);
    expect(checkPasswordRules('Aa1aaaa', mlps3)).toEqual(['TOO_SHORT']);
    expect(checkPasswordRules('aaaaaaa1', mlps3)).toEqual(['TOO_FEW_CLASSES']);
    expect(checkPasswordRules('Aaaaaaa1', mlps3)).toEqual([]);
  });

  it('refuses the username (3+ characters, any case) and the demo password pattern', () => {
    expect(checkPasswordRules('xx-ADMIN-long-enough', asvs, 'admin')).toEqual(['CONTAINS_USERNAME']);
    expect(checkPasswordRules('ab-long-enough-pass', asvs, 'ab')).toEqual([]);
    for (const demo of ['Demo-2026-zhdj', 'demo2027zhdj', 'DEMO_26_ZHDJ!x', 'zhdj-2026-demo']) {
      expect(checkPasswordRules(demo, asvs)).toContain('DEMO_PASSWORD');
    }
  });

  it('tells a challenge from a completed login', () => {
    expect(isMfaChallenge({ mfaRequired: true, mfaToken: 'x', expiresIn: 300 })).toBe(true);
    expect(isMfaChallenge({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, user: { id: 1, username: 'u', displayName: 'U', memberId: null, roles: [], permissions: [] } })).toBe(false);
  });
});
