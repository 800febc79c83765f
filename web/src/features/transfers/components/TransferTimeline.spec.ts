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

describe('the timeline’s head, while a step waits', () => {
  afterEach(() => applyLocale('zh-CN'));

  const committee = { id: 2, name: '中共新沂市新安街道工作委员会', shortName: '新安街道党工委', level: 'COMMITTEE' as const };
  const branch = { id: 5, name: '中共新安街道沂河社区支部委员会', shortName: '新安街道沂河社区党支部', level: 'BRANCH' as const };
  const head = (servedBy: typeof committee | null) =>
    mount(TransferTimeline, {
      props: { transfer: transferDetail({ state: 'SUBMITTED', holder: { kind: 'BRANCH', org: branch }, servedBy, events: [event('submit', 'DRAFT', 'SUBMITTED')] }), viewer: 'member' as const },
      global: { plugins: [i18n] },
    }).get('[data-testid=timeline-pending]');

  it('says whom the step is with, and who works it when that branch has no administrator of its own', async () => {
    expect(head(null).text()).toContain('等待 新安街道沂河社区党支部 办理');
    expect(head(null).find('[data-testid=timeline-served]').exists()).toBe(false);
    expect(head(committee).get('[data-testid=timeline-served]').text()).toBe('新安街道沂河社区党支部暂无管理员，由新安街道党工委代为办理');
    await applyLocale('en');
    expect(head(committee).get('[data-testid=timeline-served]').text()).toBe('新安街道沂河社区党支部 has no administrator: 新安街道党工委 is handling it');
  });
});
