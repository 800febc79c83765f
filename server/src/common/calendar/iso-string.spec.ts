import { describe, expect, it } from 'vitest';
import { isoString } from './iso-string';

describe('isoString', () => {
  it('writes every instant exactly as toISOString does', () => {
    const edges = [0, 1, 999, 1000, 59_999, 60_000, 86_399_999, 86_400_000, Date.UTC(2026, 10, 29, 15, 59, 59, 999), Date.UTC(2028, 1, 29, 23, 0), 253_402_300_799_999];
    for (const ms of edges) expect(isoString(ms), String(ms)).toBe(new Date(ms).toISOString());
    // Random instants, and the same ones as Dates; the day cache is filled past its bound on the way.
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(Math.random() * 253_402_300_800_000);
      const d = new Date(ms);
      expect(isoString(d)).toBe(d.toISOString());
    }
  });

  it('leaves instants outside 1970–9999 to toISOString, and refuses an invalid date as it does', () => {
    for (const ms of [-1, -86_400_001, -62_198_755_200_000, 253_402_300_800_000, 8.64e15]) expect(isoString(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoString(new Date('nope'))).toThrow(RangeError);
  });
});
