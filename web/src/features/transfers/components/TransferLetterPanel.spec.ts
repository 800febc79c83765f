import { flushPromises, mount } from '@vue/test-utils';
import type { LetterView, TransferState } from '@zhdj/shared';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { endOfXinyiDay, transferDetail } from '../composables/test-fixtures';
import '../i18n-admin';
import TransferLetterPanel from './TransferLetterPanel.vue';

const letter = (status: LetterView['status'], days: number): LetterView => ({
  id: 3,
  serial: '2026XY02018',
  status,
  issuedAt: endOfXinyiDay(days - 29),
  validUntil: endOfXinyiDay(days),
  validityDays: 30,
  issuer: { id: 2, name: '中共新安街道工作委员会', shortName: '新安街道党工委', level: 'COMMITTEE' },
  addressee: '中共新沂市北沟街道工作委员会',
  reissueOf: null,
  verifyUrl: 'http://localhost:3000/verify/abc',
  printCount: 1,
});

const panel = async (state: TransferState, l: LetterView) => {
  const wrapper = mount(TransferLetterPanel, { props: { transfer: transferDetail({ state, letter: l, letters: [l] }) }, global: { plugins: [i18n] } });
  await flushPromises();
  return wrapper;
};

describe('the letter on the review screen', () => {
  it('says how many days a letter still in use has left, in red from five days before its last day', async () => {
    const soon = (await panel('ACCEPTED', letter('VALID', 2))).get('[data-testid=letter-days-left]');
    expect(soon.text()).toBe('还剩 2 天');
    expect(soon.classes()).toContain('is-soon');
    const later = (await panel('LETTER_ISSUED', letter('VALID', 20))).get('[data-testid=letter-days-left]');
    expect(later.text()).toBe('还剩 20 天');
    expect(later.classes()).not.toContain('is-soon');
    expect((await panel('LETTER_ISSUED', letter('VALID', 0))).get('[data-testid=letter-days-left]').text()).toBe('今天是最后一天');
  });

  it('says nothing of days left once the letter is used or out of force', async () => {
    expect((await panel('COMPLETED', letter('USED', 2))).find('[data-testid=letter-days-left]').exists()).toBe(false);
    expect((await panel('EXPIRED', letter('EXPIRED', -1))).find('[data-testid=letter-days-left]').exists()).toBe(false);
  });
});
