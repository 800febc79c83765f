import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { loadBookingMessages } from '../load-messages';
import { en } from '../messages.en';
import { zhCN } from '../messages.zh-CN';
import DayCalendar from './DayCalendar.vue';

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

  it('name today 今天 in Chinese, and by its number in English, where "Today" did not fit', async () => {
    await loadBookingMessages('member');
    const days = ['2026-12-07', '2026-12-08', '2026-12-09'].map((date) => ({ date, closed: null, slots: [{ start: `${date}T01:00:00.000Z`, end: `${date}T01:30:00.000Z`, capacity: 2, free: 2 }] }));
    const todayText = () => {
      const w = mount(DayCalendar, { props: { days, today: '2026-12-08', modelValue: null }, global: { plugins: [i18n] } });
      const text = w.get('[data-date="2026-12-08"] .day-cal__num').text();
      w.unmount();
      return text;
    };
    expect(todayText()).toBe('今天');
    await applyLocale('en');
    await loadBookingMessages('member');
    try {
      expect(todayText()).toBe('8');
    } finally {
      await applyLocale('zh-CN');
    }
  });
});
