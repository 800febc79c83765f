import { describe, expect, it } from 'vitest';
import { AppException } from '../errors/app.exception';
import { decodeCursor, encodeCursor, likeEscape } from './cursor';

describe('keyset cursors', () => {
  it('round-trip the sort key of the last row', () => {
    const sut = encodeCursor(['/1/23/', 456]);
    expect(sut).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(sut, ['string', 'number'])).toEqual(['/1/23/', 456]);
    expect(decodeCursor(undefined, ['string', 'number'])).toBeNull();
  });

  it('refuse anything else with a 400 naming the cursor field', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of ['%%%', b64('not json'), b64('{"a":1}'), b64('[1,2]'), b64('["/1/"]'), b64('["/1/",1e400]'), b64('["/1/",1.5]'), b64('["/1/","7"]')]) {
      let error: unknown;
      try {
        decodeCursor(bad, ['string', 'number']);
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(AppException);
      expect((error as AppException).getStatus()).toBe(400);
      expect((error as AppException).details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });
});

describe('likeEscape', () => {
  it('makes LIKE wildcards and the escape character match themselves', () => {
    expect(likeEscape('100%_sure!')).toBe('100!%!_sure!!');
    expect(likeEscape('王小明')).toBe('王小明');
  });
});
