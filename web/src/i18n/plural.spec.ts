import { describe, expect, it } from 'vitest';
import { applyLocale, englishPlural, i18n } from '.';
import { loadBookingMessages } from '@/features/bookings/load-messages';
import { loadStudyMessages } from '@/features/study/load-messages';

describe('counts in the two languages', () => {
  it('picks the English singular for exactly one, the plural otherwise (0.5 class hours, not hour)', () => {
    expect([0, 0.5, 1, 2, 25].map((n) => englishPlural(n, 2))).toEqual([1, 1, 0, 1, 1]);
    expect([0, 1, 2].map((n) => englishPlural(n, 3))).toEqual([0, 1, 2]);
  });

  it('reads right in English and leaves the Chinese as it is', async () => {
    const { t } = i18n.global;
    await applyLocale('zh-CN');
    await loadStudyMessages();
    await loadBookingMessages();
    expect(t('study.module.hours', { n: 1 }, 1)).toBe('1 学时');
    expect(t('study.module.hours', { n: 2 }, 2)).toBe('2 学时');
    await applyLocale('en');
    await loadStudyMessages();
    await loadBookingMessages();
    expect(t('study.module.hours', { n: 1 }, 1)).toBe('1 class hour');
    expect(t('study.module.hours', { n: 0.5 }, 0.5)).toBe('0.5 class hours');
    expect(t('study.module.hours', { n: 2 }, 2)).toBe('2 class hours');
    expect(t('bookings.dayState.free', { n: 1 }, 1)).toBe('Open, 1 place left');
    expect(t('bookings.dayState.free', { n: 25 }, 25)).toBe('Open, 25 places left');
    expect(t('orgs.memberCount', { n: '1,234' }, 1234)).toBe('1,234 members');
    expect(t('members.total', { total: '48,142' }, 48142)).toBe('48,142 members');
    expect(t('members.total', { total: '1' }, 1)).toBe('1 member');
    await applyLocale('zh-CN');
    expect(t('members.total', { total: '48,142' }, 48142)).toBe('共 48,142 人');
  });
});
