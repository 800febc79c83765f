import { flushPromises, mount } from '@vue/test-utils';
import type { MemberSummary, OrgAdministrator, OrgAdministrators as OrgAdministratorsList, Page } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import { i18n } from '@/i18n';
import { messageBoxButton } from '@/test/message-box';
import { fetchMembers } from '@/features/members/api';
import { appointAdministrator, dismissAdministrator, fetchOrgAdministrators } from '../api';
import { loadOrgAdminMessages } from '../load-messages';
import OrgAdministrators from './OrgAdministrators.vue';

vi.mock('../api', () => ({ fetchOrgAdministrators: vi.fn(), appointAdministrator: vi.fn(), dismissAdministrator: vi.fn() }));
vi.mock('@/features/members/api', () => ({ fetchMembers: vi.fn() }));

const admin = (over: Partial<OrgAdministrator>): OrgAdministrator => ({
  assignmentId: 11,
  userId: 3,
  role: 'BRANCH_ADMIN',
  displayName: '李红梅',
  memberId: 301,
  branchName: '沂河社区党支部',
  since: '2026-03-01T02:00:00.000Z',
  lastLoginAt: '2026-12-01T01:30:00.000Z',
  disabled: false,
  self: false,
  ...over,
});

const listOf = (administrators: OrgAdministrator[], canAppoint = true): OrgAdministratorsList => ({ role: 'BRANCH_ADMIN', canAppoint, administrators });

const member = (id: number, name: string): MemberSummary =>
  ({ id, name, org: { id: 40, name: '中共新沂市新安街道沂河社区支部委员会', shortName: '沂河社区党支部' } }) as MemberSummary;

describe('an organisation’s administrators', () => {
  // Its words come with it (the organisation screen loads both together), not with the app's own messages.
  beforeAll(async () => {
    expect(i18n.global.te('orgs.admins.title')).toBe(false);
    await loadOrgAdminMessages();
  });
  beforeEach(() => {
    setActivePinia(createPinia());
    // The module mocks live across tests: each test starts with no calls and no answers queued.
    vi.resetAllMocks();
    vi.mocked(fetchMembers).mockResolvedValue({ items: [member(301, '李红梅'), member(302, '张卫东')], nextCursor: null } as Page<MemberSummary>);
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  const mountList = () => mount(OrgAdministrators, { props: { orgId: 40 }, global: { plugins: [i18n] }, attachTo: document.body });

  it('lists each administrator with their role, branch, dates, a disabled account marked and the caller as themself', async () => {
    vi.mocked(fetchOrgAdministrators).mockResolvedValue(
      listOf([admin({}), admin({ assignmentId: 12, displayName: '王建国', self: true, lastLoginAt: null, disabled: true, branchName: null })]),
    );
    const wrapper = mountList();
    await flushPromises();
    expect(fetchOrgAdministrators).toHaveBeenCalledWith(40, expect.any(AbortSignal));
    const rows = wrapper.findAll('[data-testid=org-admin-row]');
    expect(rows).toHaveLength(2);
    const text = wrapper.get('[data-testid=org-admins-list]').text();
    expect(text).toContain('李红梅');
    expect(text).toContain('党支部管理员');
    expect(text).toContain('沂河社区党支部');
    // Dates in the county's time: 10:00 and 09:30 in Xinyi.
    expect(text).toContain('2026-03-01');
    expect(text).toContain('2026-12-01 09:30');
    expect(text).toContain('从未登录');
    expect(rows[1].text()).toContain('（本人）');
    expect(rows[1].text()).toContain('已停用');
    expect(rows[0].text()).not.toContain('本人');
    wrapper.unmount();
  });

  it('says that an organisation without administrators has its steps taken above it', async () => {
    vi.mocked(fetchOrgAdministrators).mockResolvedValue(listOf([]));
    const wrapper = mountList();
    await flushPromises();
    expect(wrapper.get('[data-testid=org-admins-empty]').text()).toContain('上级最近的管理员');
    expect(wrapper.find('[data-testid=org-admins-appointed-by]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('offers neither appointment nor dismissal to someone who may not appoint here', async () => {
    vi.mocked(fetchOrgAdministrators).mockResolvedValue({ ...listOf([admin({ role: 'COMMITTEE_ADMIN' })], false), role: 'COMMITTEE_ADMIN' });
    const wrapper = mountList();
    await flushPromises();
    expect(wrapper.findAll('[data-testid=org-admin-row]')).toHaveLength(1);
    expect(wrapper.find('[data-testid=org-admins-appoint]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=org-admin-dismiss]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('appoints the member chosen in the dialog and shows the list as it now is', async () => {
    vi.mocked(fetchOrgAdministrators).mockResolvedValueOnce(listOf([admin({})])).mockResolvedValueOnce(listOf([admin({}), admin({ assignmentId: 13, memberId: 302, displayName: '张卫东' })]));
    vi.mocked(appointAdministrator).mockResolvedValue(admin({ assignmentId: 13, memberId: 302, displayName: '张卫东' }));
    const wrapper = mountList();
    await flushPromises();
    await wrapper.get('[data-testid=org-admins-appoint]').trigger('click');
    await flushPromises();
    expect(fetchMembers).toHaveBeenCalledWith({ orgId: 40, q: '' }, null, 20, expect.any(AbortSignal));
    const dialog = document.querySelector('[data-testid=org-admins-dialog]')!;
    expect(dialog.textContent).toContain('任命管理员');
    const confirm = dialog.querySelector<HTMLButtonElement>('[data-testid=org-admins-confirm]')!;
    // Nothing chosen yet: nothing to confirm.
    expect(confirm.disabled).toBe(true);

    // The serving administrator is offered greyed out; the other member is chosen.
    const select = wrapper.findComponent({ name: 'ElSelect' });
    const options = wrapper.findAllComponents({ name: 'ElOption' });
    expect(options.map((o) => o.props('disabled'))).toEqual([true, false]);
    select.vm.$emit('update:modelValue', 302);
    await flushPromises();
    confirm.click();
    await flushPromises();

    expect(appointAdministrator).toHaveBeenCalledWith(40, 302);
    expect(fetchOrgAdministrators).toHaveBeenCalledTimes(2);
    expect(wrapper.findAll('[data-testid=org-admin-row]').map((r) => r.text())).toEqual([expect.stringContaining('李红梅'), expect.stringContaining('张卫东')]);
    wrapper.unmount();
  });

  it('says why an appointment was refused, by its code, and keeps the dialog open', async () => {
    vi.mocked(fetchOrgAdministrators).mockResolvedValue(listOf([]));
    vi.mocked(appointAdministrator).mockRejectedValue(new ApiError({ statusCode: 422, code: 'ADMINISTRATOR_NOT_ELIGIBLE', message: 'Not in the subtree' }));
    const wrapper = mountList();
    await flushPromises();
    await wrapper.get('[data-testid=org-admins-appoint]').trigger('click');
    await flushPromises();
    wrapper.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', 302);
    await flushPromises();
    document.querySelector<HTMLButtonElement>('[data-testid=org-admins-confirm]')!.click();
    await flushPromises();
    const dialog = document.querySelector('[data-testid=org-admins-dialog]')!;
    expect(dialog.textContent).toContain('已转出本县，不能任命');
    expect(fetchOrgAdministrators).toHaveBeenCalledTimes(1);
    wrapper.unmount();
  });

  it('dismisses an administrator only once asked, and never offers to dismiss the caller', async () => {
    vi.mocked(fetchOrgAdministrators)
      .mockResolvedValueOnce(listOf([admin({}), admin({ assignmentId: 12, displayName: '王建国', self: true })]))
      .mockResolvedValueOnce(listOf([admin({ assignmentId: 12, displayName: '王建国', self: true })]));
    vi.mocked(dismissAdministrator).mockResolvedValue();
    const wrapper = mountList();
    await flushPromises();
    const buttons = wrapper.findAll('[data-testid=org-admin-dismiss]');
    // One button: for 李红梅, not for the caller.
    expect(buttons).toHaveLength(1);
    expect(buttons[0].attributes('aria-label')).toBe('免去 李红梅 的管理员职务');

    // Stepping back sends nothing.
    await buttons[0].trigger('click');
    await vi.waitFor(() => expect(messageBoxButton('取消')).toBeDefined());
    expect(document.querySelector('.el-message-box')!.textContent).toContain('确定免去 李红梅 的党支部管理员职务吗');
    messageBoxButton('取消')!.click();
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).toBeNull());
    await flushPromises();
    expect(dismissAdministrator).not.toHaveBeenCalled();

    await buttons[0].trigger('click');
    await vi.waitFor(() => expect(messageBoxButton('确定免去')).toBeDefined());
    messageBoxButton('确定免去')!.click();
    await vi.waitFor(() => expect(dismissAdministrator).toHaveBeenCalledWith(40, 11));
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=org-admin-row]')).toHaveLength(1));
    expect(wrapper.find('[data-testid=org-admin-dismiss]').exists()).toBe(false);
    wrapper.unmount();
  });
});
