import { describe, expect, it } from 'vitest';
import { applyLocale, englishPlural, i18n } from '.';
import { loadBookingMessages } from '@/features/bookings/load-messages';
import { loadStudyMessages } from '@/features/study/load-messages';
import '@/features/transfers/i18n-admin';

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
    // No "(s)": months owed, a letter's prints, an import's problems.
    expect(t('dues.owing', { n: 1 }, 1)).toBe('1 month due');
    expect(t('dues.owing', { n: 3 }, 3)).toBe('3 months due');
    expect(t('import.invalidText', { n: 1 }, 1)).toBe('1 problem found. Fix it in Excel and upload again.');
    expect([0, 1, 4].map((n) => t('transfersAdmin.review.letter.printCount', { n }, n))).toEqual(['Not printed yet', 'Printed once', 'Printed 4 times']);
    expect(t('transfersAdmin.review.flags.duesOwed', { n: 1, month: 'Oct 2026' }, 1)).toBe('Dues owed for 1 month (paid through Oct 2026)');
    await applyLocale('zh-CN');
    expect(t('transfersAdmin.review.letter.printCount', { n: 0 }, 0)).toBe('已打印 0 次');
    expect(t('dues.owing', { n: 3 }, 3)).toBe('待交 3 个月');
    expect(t('members.total', { total: '48,142' }, 48142)).toBe('共 48,142 人');
  });
});
