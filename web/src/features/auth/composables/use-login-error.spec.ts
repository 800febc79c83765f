import { describe, expect, it } from 'vitest';
import { formatUnlockTime } from './use-login-error';

describe('formatUnlockTime', () => {
  const now = new Date('2026-11-28T02:00:00Z'); // 10:00 in Xinyi

  it('gives the time in the county, whatever the machine zone', () => {
    expect(formatUnlockTime('2026-11-28T02:15:00Z', 'zh-CN', now)).toBe('10:15');
    expect(formatUnlockTime('2026-11-28T02:15:00Z', 'en', now)).toBe('10:15');
  });

  it('adds the date when the lock ends on another day', () => {
    expect(formatUnlockTime('2026-11-28T16:05:00Z', 'zh-CN', now)).toBe('11月29日 00:05');
  });

  it('gives up on a malformed value', () => {
    expect(formatUnlockTime('tomorrow', 'zh-CN', now)).toBeNull();
  });
});
