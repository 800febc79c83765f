import { describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h, nextTick } from 'vue';
import { useI18n } from 'vue-i18n';
import { applyLocale, i18n } from '@/i18n';
import { loadBookingMessages } from './load-messages';

describe('the booking screens’ messages', () => {
  it('are not part of the app’s first load, join when a booking screen opens, and follow a switch to English', async () => {
    const { t, te } = i18n.global;
    // The layouts' labels and page titles are there from the start; the screens' own words are not.
    expect(t('bookings.nav.tab')).toBe('预约');
    expect(te('bookings.picker.full')).toBe(false);

    await loadBookingMessages();
    expect(t('bookings.picker.full')).toBe('已约满');
    expect(t('bookings.picker.free', { n: 2 })).toBe('余 2 个');
    // Members never download the centre administrators' words; the desk's routes bring them.
    expect(te('centers.checkIn.title')).toBe(false);
    await loadBookingMessages('member', 'admin');
    expect(t('centers.checkIn.title')).toBe('签到');

    // Switching language while a booking screen is open brings its English without another navigation, and what is
    // already on screen follows (a merge in place left it in Chinese: the browser journey caught it).
    const host = document.createElement('div');
    const app = createApp(defineComponent({ setup: () => () => h('p', useI18n().t('bookings.purpose.HAND_IN_MATERIALS')) }));
    app.use(i18n);
    app.mount(host);
    expect(host.textContent).toBe('递交材料');
    await applyLocale('en');
    await vi.waitFor(() => expect(t('bookings.picker.full')).toBe('Full'));
    await nextTick();
    expect(host.textContent).toBe('Hand in materials');
    app.unmount();
    await vi.waitFor(() => expect(t('centers.checkIn.title')).toBe('Check-in'));
    expect(t('bookings.nav.tab')).toBe('Visits');
    await applyLocale('zh-CN');
    expect(t('bookings.picker.full')).toBe('已约满');
  });
});
