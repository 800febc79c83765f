import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { event, transferDetail } from '../composables/test-fixtures';
import '../i18n-screens';
import TransferTimeline from './TransferTimeline.vue';

describe('the timeline’s actors', () => {
  afterEach(() => applyLocale('zh-CN'));

  const transfer = transferDetail({
    state: 'EXPIRED',
    events: [
      event('submit', 'DRAFT', 'SUBMITTED'),
      event('preApprove', 'SUBMITTED', 'PRE_APPROVED', { actorName: '新安街道沂河社区党支部管理员', actorRole: 'BRANCH_ADMIN' }),
      event('approve', 'PRE_APPROVED', 'APPROVED', { actorName: '李红', actorRole: 'COMMITTEE_ADMIN' }),
      event('expire', 'LETTER_ISSUED', 'EXPIRED', { actorName: '系统', actorRole: 'SYSTEM' }),
    ],
  });
  const actors = () => mount(TransferTimeline, { props: { transfer, viewer: 'member' as const }, global: { plugins: [i18n] } }).findAll('.tl__actor').map((a) => a.text());

  it('names the system once, an account named for its office without its role again, and a person with their role', () => {
    const texts = actors();
    expect(texts).toContain('系统');
    expect(texts).toContain('新安街道沂河社区党支部管理员');
    expect(texts.some((a) => a.startsWith('李红（'))).toBe(true);
    expect(texts.filter((a) => a.includes('（系统）') || a.includes('管理员（'))).toEqual([]);
  });

  it('in English still translates an account’s role, and calls the system System', async () => {
    await applyLocale('en');
    const texts = actors();
    expect(texts).toContain('System');
    expect(texts.find((a) => a.startsWith('新安街道沂河社区党支部管理员'))).toMatch(/\(.*[Bb]ranch.*\)/);
  });
});
