import { describe, expect, it } from 'vitest';
import { en } from '../messages.en';
import { zhCN } from '../messages.zh-CN';

/**
 * A calendar cell on a 320-pixel phone is about 33 pixels wide inside: with large text on, two Chinese characters or
 * four or five Latin letters fit at a readable size; a longer word was shrunk to fit (已截止 at 9.6 px, "Closed" at 8).
 */
describe('the words inside the booking calendar’s cells', () => {
  it('are at most two characters in Chinese', () => {
    expect(Object.entries(zhCN.bookings.mark).filter(([, w]) => [...w].length > 2)).toEqual([]);
  });

  it('are at most five letters in English', () => {
    expect(Object.entries(en.bookings.mark).filter(([, w]) => w.length > 5)).toEqual([]);
  });
});
