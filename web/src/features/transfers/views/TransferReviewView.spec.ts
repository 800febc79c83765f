import { chinaYearMonth } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { endOfXinyiDay, event, transferDetail } from '../composables/test-fixtures';
import TransferReviewView from './TransferReviewView.vue';

describe('the review screen', () => {
  const api = withLoggedInApi(['COMMITTEE_ADMIN']);

  async function open(dueAt: string, overdue = false, more: Parameters<typeof transferDetail>[0] = {}) {
    const branch = { id: 5, name: '中共新安街道沂河社区支部委员会', shortName: '沂河社区党支部', level: 'BRANCH' as const };
    const detail = transferDetail({ state: 'SUBMITTED', holder: { kind: 'BRANCH', org: branch }, dueAt, overdue, allowedActions: [], ...more });
    api.serve((r) => (r.url === '/transfers/12' ? { status: 200, data: detail } : { status: 404, data: {} }));
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/admin/transfers/:id', name: 'admin-transfer', component: TransferReviewView, props: (r) => ({ id: Number(r.params.id) }) },
        ...['admin-transfers', 'admin-member', 'admin-member-edit', 'admin-orgs'].map((name) => ({ path: `/x/${name}/:id?`, name, component: { render: () => null } })),
      ],
    });
    await router.push('/admin/transfers/12');
    const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] } });
    await vi.waitFor(() => expect(wrapper.find('[data-testid=review-member-name]').exists()).toBe(true));
    await flushPromises();
    return wrapper;
  }

  it('marks a step due today beside its deadline, and not one due later or already overdue', async () => {
    const today = await open(endOfXinyiDay(0));
    expect(today.get('[data-testid=review-due-today]').text()).toBe('今日到期');
    expect(today.get('.review__holder').text()).toMatch(/等待 沂河社区党支部 办理\s*今日到期\s*·\s*应于/);
    today.unmount();

    const later = await open(endOfXinyiDay(3));
    expect(later.find('[data-testid=review-due-today]').exists()).toBe(false);
    later.unmount();

    const late = await open(endOfXinyiDay(0), true);
    expect(late.find('[data-testid=review-due-today]').exists()).toBe(false);
    expect(late.get('.review__holder').text()).toContain('超期');
    late.unmount();
  });

  it('a step the caller’s organisation works on a branch’s behalf says so, and leads to appointing the branch’s administrator', async () => {
    const mine = { id: 1, name: '中共新沂市委员会', shortName: '新沂市委', level: 'COUNTY_COMMITTEE' as const };
    const served = await open(endOfXinyiDay(3), false, { servedBy: mine });
    expect(served.get('[data-testid=review-served]').text()).toContain('沂河社区党支部暂无管理员，由新沂市委代为办理');
    expect(served.get('[data-testid=review-appoint]').text()).toBe('为沂河社区党支部任命管理员');
    expect(served.get('[data-testid=review-appoint]').attributes('href')).toBe('/x/admin-orgs/5');
    served.unmount();
    // A committee below the caller's: its administrators are the county's to name (the caller's tier cannot), and a
    // link would end at its page without the button; the screen says who does instead.
    const committee = { id: 6, name: '中共新安街道人民社区委员会', shortName: '人民社区党委', level: 'COMMITTEE' as const };
    const below = await open(endOfXinyiDay(3), false, { servedBy: mine, holder: { kind: 'COMMITTEE', org: committee } });
    expect(below.get('[data-testid=review-served]').text()).toContain('人民社区党委暂无管理员，由新沂市委代为办理');
    expect(below.find('[data-testid=review-appoint]').exists()).toBe(false);
    expect(below.get('[data-testid=review-appoint-county]').text()).toBe('其管理员由县委组织部任命。');
    below.unmount();
    // Worked by another organisation (one the caller does not administer), or by the branch itself: nothing to appoint here.
    const elsewhere = await open(endOfXinyiDay(3), false, { servedBy: { ...mine, id: 9 } });
    expect(elsewhere.find('[data-testid=review-served]').exists()).toBe(false);
    elsewhere.unmount();
    const own = await open(endOfXinyiDay(3));
    expect(own.find('[data-testid=review-served]').exists()).toBe(false);
    own.unmount();
  });

  it('a returned application waits on the member, not on the branch they belong to', async () => {
    const branch = { id: 5, name: '中共新安街道沂河社区支部委员会', shortName: '沂河社区党支部', level: 'BRANCH' as const };
    const returned = await open(endOfXinyiDay(3), false, { state: 'RETURNED', holder: { kind: 'MEMBER', org: branch } });
    expect(returned.get('.review__holder').text()).toMatch(/^等待党员 王建国 本人办理/);
    returned.unmount();
  });

  it('shows what the pre-review confirmed once it is done, to the next reviewer and an auditor', async () => {
    const checklist = { identityVerified: true, duesPaid: true, goodStanding: true, destinationExact: true, probationHandled: true, materialsComplete: true };
    const after = await open(endOfXinyiDay(3), false, { state: 'PRE_APPROVED', checklist });
    const items = after.findAll('[data-testid=review-checked] li');
    expect(items).toHaveLength(6);
    expect(items[0]!.text()).toContain('已核对：');
    expect(items[0]!.text()).toContain('身份核实');
    expect(after.find('[data-testid=review-checklist]').exists()).toBe(false);
    after.unmount();

    const before = await open(endOfXinyiDay(3), false, { state: 'SUBMITTED', checklist: null });
    expect(before.find('[data-testid=review-checked]').exists()).toBe(false);
    before.unmount();
  });

  it('keeps the checklist ticked so far across a reload, until the application changes', async () => {
    sessionStorage.clear();
    const first = await open(endOfXinyiDay(3), false, { allowedActions: ['preApprove', 'return', 'reject'], version: 4 });
    await first.get('[data-testid=check-identityVerified] input').setValue(true);
    await first.get('[data-testid=check-materialsComplete] input').setValue(true);
    first.unmount();

    const reloaded = await open(endOfXinyiDay(3), false, { allowedActions: ['preApprove', 'return', 'reject'], version: 4 });
    const ticked = (w: typeof reloaded) => w.findAll('[data-testid=review-checklist] li.is-checked').length;
    expect(ticked(reloaded)).toBe(2);
    expect((reloaded.get('[data-testid=check-identityVerified] input').element as HTMLInputElement).checked).toBe(true);
    reloaded.unmount();

    // Edited by the member since (a new version): checked again from the start.
    const edited = await open(endOfXinyiDay(3), false, { allowedActions: ['preApprove', 'return', 'reject'], version: 6 });
    expect(ticked(edited)).toBe(0);
    edited.unmount();
  });

  it('keeps the probation warning in view until the letter, and offers no letter while it stands', async () => {
    const flags = { duesOwedMonths: 0, probationOverdue: true };
    const approved = await open(endOfXinyiDay(3), false, { state: 'APPROVED', flags, allowedActions: ['issueLetter'] as never });
    expect(approved.find('[data-testid=flag-probation]').exists()).toBe(true);
    expect(approved.get('[data-testid=action-issueLetter]').attributes('disabled')).toBeDefined();
    approved.unmount();

    const decided = await open(endOfXinyiDay(3), false, { state: 'APPROVED', flags: { duesOwedMonths: 0, probationOverdue: false }, allowedActions: ['issueLetter'] as never });
    expect(decided.get('[data-testid=action-issueLetter]').attributes('disabled')).toBeUndefined();
    decided.unmount();
  });

  it('offers no letter while dues stop short of this month, and says where the payment is recorded', async () => {
    const owed = await open(endOfXinyiDay(3), false, { state: 'APPROVED', flags: { duesOwedMonths: 1, probationOverdue: false }, allowedActions: ['issueLetter'] as never });
    const flag = owed.get('[data-testid=flag-dues]');
    expect(flag.text()).toContain('更新“党费交至”');
    expect(flag.text()).not.toContain('退回');
    expect(flag.get('[data-testid=flag-dues-update]').attributes('href')).toBe('/x/admin-member-edit/75');
    expect(owed.get('[data-testid=action-issueLetter]').attributes('disabled')).toBeDefined();
    owed.unmount();
  });

  it('names where an arrival from outside comes from, and until when its letter is valid', async () => {
    const incomingMember = { name: '赵新来', sex: 'F' as const, category: 'FULL' as const, idNumberMasked: '3203**********1234', sourceOrgName: '中共上海市浦东新区陆家嘴街道工作委员会', sourceRegion: '上海市' };
    const w = await open(endOfXinyiDay(3), false, { channel: 'INBOUND', state: 'LETTER_ISSUED', source: null, incomingMember, incomingLetterNo: '2026310115001', incomingValidUntil: '2026-12-31' } as never);
    expect(w.get('[data-testid=review-source]').text()).toBe('中共上海市浦东新区陆家嘴街道工作委员会（上海市）');
    expect(w.get('.review__route').text()).toContain('陆家嘴街道工作委员会');
    expect(w.get('[data-testid=review-incoming-valid]').text()).toBe('2026-12-31');
    w.unmount();
  });

  it('warns the receiving committee of an arrival whose letter shows dues owed or probation ended, and still offers acceptance', async () => {
    const incomingMember = { name: '赵新来', sex: 'F' as const, category: 'PROBATIONARY' as const, idNumberMasked: '3203**********1234', sourceOrgName: '中共南京市玄武区委组织部', sourceRegion: '江苏省南京市' };
    const arrival = { channel: 'INBOUND', state: 'LETTER_ISSUED', source: null, incomingMember, incomingLetterNo: '2026320102015', incomingValidUntil: '2026-12-31', allowedActions: ['accept', 'bounce'] };
    const w = await open(endOfXinyiDay(3), false, { ...arrival, flags: { duesOwedMonths: 3, probationOverdue: true } } as never);
    expect(w.get('[data-testid=flag-dues]').text()).toContain('党费欠缴 3 个月');
    expect(w.get('[data-testid=flag-dues]').text()).toContain('可以接收');
    expect(w.get('[data-testid=flag-probation]').text()).toContain('向开具介绍信的党组织核实');
    expect(w.get('[data-testid=action-accept]').attributes('disabled')).toBeUndefined();
    w.unmount();

    const clear = await open(endOfXinyiDay(3), false, { ...arrival, flags: { duesOwedMonths: 0, probationOverdue: false } } as never);
    expect(clear.find('[data-testid=flag-dues]').exists()).toBe(false);
    expect(clear.get('[data-testid=review-flags]').text()).toContain('党费已交至本月');
    clear.unmount();
  });

  it('says beside a locked checklist why it cannot be ticked, and shows the usual hint when it can', async () => {
    const owed = await open(endOfXinyiDay(3), false, { state: 'SUBMITTED', flags: { duesOwedMonths: 1, probationOverdue: false }, allowedActions: ['preApprove', 'return'] as never });
    expect(owed.get('[data-testid=checklist-locked]').text()).toContain('暂不能初审通过');
    expect(owed.get('[data-testid=check-duesPaid] input').attributes('disabled')).toBeDefined();
    owed.unmount();

    const clear = await open(endOfXinyiDay(3), false, { state: 'SUBMITTED', allowedActions: ['preApprove', 'return'] as never });
    expect(clear.find('[data-testid=checklist-locked]').exists()).toBe(false);
    expect(clear.get('[data-testid=review-checklist]').text()).toContain('全部确认后方可初审通过');
    clear.unmount();
  });

  it('shows the resubmission after a return beside the first submission', async () => {
    const events = [
      event('submit', 'DRAFT', 'SUBMITTED', { at: '2026-10-26T08:30:00.000Z' }),
      event('return', 'SUBMITTED', 'RETURNED', { at: '2026-11-03T02:00:00.000Z', actorRole: 'BRANCH_ADMIN' }),
      event('submit', 'RETURNED', 'SUBMITTED', { at: '2026-11-04T04:26:00.000Z' }),
    ];
    const resubmitted = await open(endOfXinyiDay(3), false, { submittedAt: '2026-10-26T08:30:00.000Z', events });
    expect(resubmitted.get('[data-testid=review-resubmitted]').text()).toBe('（2026-11-04 12:26 退回后重新提交）');
    // The date and time in one unbreakable box.
    expect(resubmitted.get('[data-testid=review-resubmitted] .review__when').text()).toBe('2026-11-04 12:26');
    resubmitted.unmount();

    const once = await open(endOfXinyiDay(3), false, { submittedAt: '2026-10-26T08:30:00.000Z', events: events.slice(0, 1) });
    expect(once.find('[data-testid=review-resubmitted]').exists()).toBe(false);
    once.unmount();
  });

  it('shows the receiving side what the letter states of a member whose record it cannot open', async () => {
    const wrapper = await open(endOfXinyiDay(3), false, { state: 'LETTER_ISSUED', memberRecordReadable: false });
    await vi.waitFor(() => expect(wrapper.find('[data-testid=review-member-facts]').exists()).toBe(true));
    const text = wrapper.get('[data-testid=review-member-facts]').text();
    for (const fact of ['王建国', '男', '汉族', '1968-03-12', '正式党员', '1992-07-01']) expect(text).toContain(fact);
    wrapper.unmount();
  });

  it('records a receipt only with who handled it, also after the letter lapsed', async () => {
    const w = await open(endOfXinyiDay(3), false, { channel: 'IN_PROVINCE', state: 'EXPIRED', allowedActions: ['reissue', 'recordReceipt'] as never });
    const posted: unknown[] = [];
    const server = api.serve((r) => {
      if (r.method === 'POST' && r.url === '/transfers/12/actions') posted.push(r.body);
      return r.url === '/transfers/12' || r.url === '/transfers/12/actions' ? { status: 200, data: transferDetail({ state: 'COMPLETED' }) } : { status: 404, data: {} };
    });
    await w.get('[data-testid=action-recordReceipt]').trigger('click');
    await flushPromises();
    const confirm = () => document.querySelector<HTMLButtonElement>('[data-testid=action-confirm]')!.click();
    confirm();
    await vi.waitFor(() => expect(document.querySelector('[data-testid=action-dialog]')?.textContent).toContain('请填写回执上的经办人'));
    expect(posted).toEqual([]);
    const handler = document.querySelector<HTMLInputElement>('[data-testid=receipt-handler] input, input[data-testid=receipt-handler]')!;
    handler.value = '李四';
    handler.dispatchEvent(new Event('input'));
    confirm();
    await vi.waitFor(() => expect(posted).toEqual([expect.objectContaining({ action: 'recordReceipt', receiptHandler: '李四' })]));
    expect(server.requests.length).toBeGreaterThan(0);
    w.unmount();
  });

  it('returns an application for owed dues with the months and the month to pay up to already written', async () => {
    const owed = await open(endOfXinyiDay(3), false, { state: 'SUBMITTED', flags: { duesOwedMonths: 2, probationOverdue: false }, allowedActions: ['preApprove', 'return'] as never });
    await owed.get('[data-testid=action-return]').trigger('click');
    await flushPromises();
    const [y, m] = chinaYearMonth().split('-').map(Number);
    const values = () => [...document.querySelectorAll<HTMLInputElement>('[data-testid=missing-item] input, input[data-testid=missing-item]')].map((i) => i.value);
    await vi.waitFor(() => expect(values()).toEqual([`补交党费 2 个月，交至${y}年${m}月`]));
    owed.unmount();
  });

  it('names its icon-only refresh button by what it does, not by the toast it leads to', async () => {
    const shown = await open(endOfXinyiDay(3));
    const names = shown.findAll('.review__bar button').map((b) => b.attributes('aria-label'));
    expect(names).toContain('刷新');
    expect(names).not.toContain('已刷新');
    shown.unmount();
  });
});
