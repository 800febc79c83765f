import { chinaDate } from '@zhdj/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pickerDay } from './picker-day';

describe('pickerDay', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('names the day the picker shows, also in a browser east of the county (where the county date is the day before)', () => {
    vi.stubEnv('TZ', 'Asia/Tokyo'); // Node applies a changed TZ to dates made after it
    const shown = new Date(2026, 11, 3); // the picker's cell for 3 December: Tokyo's midnight, 23:00 on the 2nd in Xinyi
    expect(pickerDay(shown)).toBe('2026-12-03');
    expect(chinaDate(shown)).toBe('2026-12-02');

    vi.stubEnv('TZ', 'America/New_York');
    expect(pickerDay(new Date(2026, 0, 1))).toBe('2026-01-01');
  });
});
