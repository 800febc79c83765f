import { flushPromises, mount } from '@vue/test-utils';
import type { Role, UnstaffedOrganization, UnstaffedOrganizations } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import { loginResponse } from '@/test/fixtures';
import { exportUnstaffedOrgs, fetchUnstaffedOrgs } from '../api';
import { loadOrgAdminMessages } from '../load-messages';
import OrgUnstaffed from './OrgUnstaffed.vue';

vi.mock('../api', () => ({ fetchUnstaffedOrgs: vi.fn(), exportUnstaffedOrgs: vi.fn() }));

const COMMITTEE = { id: 2, name: '中共新沂市新安街道工作委员会', shortName: '新安街道党工委', level: 'COMMITTEE' as const };
const row = (id: number, over: Partial<UnstaffedOrganization> = {}): UnstaffedOrganization => ({
  org: { id, name: `中共新沂市第${id}支部委员会`, shortName: `第${id}党支部`, level: 'BRANCH' },
  parentName: '新安街道党工委',
  memberCount: 31,
  waitingSteps: 0,
  servedBy: COMMITTEE,
  ...over,
});
const page = (items: UnstaffedOrganization[], total: number, nextCursor: string | null = null): UnstaffedOrganizations => ({ items, total, nextCursor });

describe('organisations without an administrator', () => {
  beforeAll(async () => {
    await loadOrgAdminMessages();
  });
  // Signed in as an administrator of organisation 1, above the one shown (2).
  const signIn = (role: Role) => useSessionStore().applyLogin(loginResponse([role]));
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    setActivePinia(createPinia());
    signIn('COMMITTEE_ADMIN');
  });
  // Each test's list is unmounted before the next switches the language, so it does not render again without its words.
  const mounted: { unmount: () => void }[] = [];
  afterEach(async () => {
    mounted.splice(0).forEach((w) => w.unmount());
    document.body.innerHTML = '';
    await applyLocale('zh-CN');
  });

  const mountList = (level: 'COUNTY_COMMITTEE' | 'COMMITTEE' | 'GENERAL_BRANCH' = 'COMMITTEE') => {
    const wrapper = mount(OrgUnstaffed, { props: { orgId: 2, level, lineage: [1, 2] }, global: { plugins: [i18n] }, attachTo: document.body });
    mounted.push(wrapper);
    return wrapper;
  };

  it('lists each with its members, its waiting steps where there are some and who works them, and opens the one chosen', async () => {
    vi.mocked(fetchUnstaffedOrgs).mockResolvedValue(page([row(40, { waitingSteps: 3 }), row(41, { servedBy: null, parentName: null, memberCount: 1 })], 2));
    const wrapper = mountList();
    await flushPromises();
    expect(fetchUnstaffedOrgs).toHaveBeenCalledWith(2, { level: null, waiting: false }, null, expect.any(AbortSignal));
    expect(wrapper.get('[data-testid=org-unstaffed-total]').text()).toBe('共 2 个');
    const rows = wrapper.findAll('[data-testid=org-unstaffed-row]');
    expect(rows).toHaveLength(2);
    expect(rows[0].text()).toContain('第40党支部');
    expect(rows[0].text()).toContain('党员 31 名');
    expect(rows[0].text()).toContain('由新安街道党工委代办');
    expect(rows[0].get('[data-testid=org-unstaffed-waiting]').text()).toBe('待办 3 件');
    // Nothing waiting says nothing: the eye finds the lines that matter.
    expect(rows[1].find('[data-testid=org-unstaffed-waiting]').exists()).toBe(false);
    expect(rows[1].text()).toContain('暂无上级管理员代办');
    expect(wrapper.find('[data-testid=org-unstaffed-more]').exists()).toBe(false);

    await rows[0].get('button').trigger('click');
    expect(wrapper.emitted('select')).toEqual([[40]]);

    // The whole list as a spreadsheet, under the filter shown.
    vi.mocked(exportUnstaffedOrgs).mockResolvedValue('未配备管理员的组织.xlsx');
    await wrapper.get('[data-testid=org-unstaffed-export]').trigger('click');
    await flushPromises();
    expect(exportUnstaffedOrgs).toHaveBeenCalledWith(2, { level: null, waiting: false });
  });

  it('says who appoints where the caller may not (a committee below a committee), and offers appointing only where they may', async () => {
    const committee = row(41, { org: { id: 41, name: '中共新安街道人民社区委员会', shortName: '人民社区党委', level: 'COMMITTEE' } });
    vi.mocked(fetchUnstaffedOrgs).mockResolvedValue(page([row(40), committee], 2));
    const mixed = mountList();
    await flushPromises();
    const rows = mixed.findAll('[data-testid=org-unstaffed-row]');
    expect(rows[0].find('[data-testid=org-unstaffed-appointed-by]').exists()).toBe(false);
    expect(rows[1].get('[data-testid=org-unstaffed-appointed-by]').text()).toBe('党委管理员由县委组织部任命。');
    expect(mixed.get('.org-unstaffed__hint').text()).toBe('这些组织的组织关系转接步骤由上级最近的管理员代办。点击组织名称可前往该组织任命管理员。');
    mixed.unmount();

    // Only committees: the names still open them, but no longer promise an appointment.
    vi.mocked(fetchUnstaffedOrgs).mockResolvedValue(page([committee], 1));
    const committees = mountList();
    await flushPromises();
    expect(committees.get('.org-unstaffed__hint').text()).toBe('这些组织的组织关系转接步骤由上级最近的管理员代办。点击组织名称可前往该组织查看。');
    committees.unmount();

    // The county's administrator appoints everywhere below.
    signIn('COUNTY_ADMIN');
    const county = mountList();
    await flushPromises();
    expect(county.find('[data-testid=org-unstaffed-appointed-by]').exists()).toBe(false);
    expect(county.get('.org-unstaffed__hint').text()).toContain('点击组织名称可前往该组织任命管理员。');
  });

  it('appends the next page; a level or steps waiting start the list again, and so does another organisation', async () => {
    vi.mocked(fetchUnstaffedOrgs).mockResolvedValueOnce(page([row(40)], 2, 'c1')).mockResolvedValueOnce(page([row(41)], 2)).mockResolvedValueOnce(page([], 0));
    const wrapper = mountList();
    await flushPromises();
    const more = wrapper.get('[data-testid=org-unstaffed-more]');
    expect(more.text()).toBe('加载更多（已显示 1 / 共 2 个）');
    await more.trigger('click');
    await flushPromises();
    expect(fetchUnstaffedOrgs).toHaveBeenLastCalledWith(2, { level: null, waiting: false }, 'c1', expect.any(AbortSignal));
    expect(wrapper.findAll('[data-testid=org-unstaffed-row]').map((r) => r.get('button').text())).toEqual(['第40党支部', '第41党支部']);
    expect(wrapper.find('[data-testid=org-unstaffed-more]').exists()).toBe(false);

    // A committee's subtree may hold committees, general branches and branches: the filter offers those.
    const choices = wrapper.findAll('.el-radio-button');
    expect(choices.map((c) => c.text())).toEqual(['全部', '党委', '党总支', '党支部']);
    await choices[2].get('input').setValue(true);
    await flushPromises();
    expect(fetchUnstaffedOrgs).toHaveBeenLastCalledWith(2, { level: 'GENERAL_BRANCH', waiting: false }, null, expect.any(AbortSignal));
    expect(wrapper.find('[data-testid=org-unstaffed-row]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=org-unstaffed-empty]').text()).toBe('没有符合条件的未配备管理员的组织。');
    // Nothing to export.
    expect(wrapper.find('[data-testid=org-unstaffed-export]').exists()).toBe(false);
    // Only those with steps waiting, on top of the level.
    vi.mocked(fetchUnstaffedOrgs).mockResolvedValueOnce(page([row(42, { waitingSteps: 2 })], 1));
    await wrapper.get('[data-testid=org-unstaffed-waiting-only] input').setValue(true);
    await flushPromises();
    expect(fetchUnstaffedOrgs).toHaveBeenLastCalledWith(2, { level: 'GENERAL_BRANCH', waiting: true }, null, expect.any(AbortSignal));
    expect(wrapper.findAll('[data-testid=org-unstaffed-row]')).toHaveLength(1);

    // Another organisation starts again unfiltered, with one request.
    vi.mocked(fetchUnstaffedOrgs).mockClear().mockResolvedValue(page([row(50)], 1));
    await wrapper.setProps({ orgId: 3 });
    await flushPromises();
    expect(fetchUnstaffedOrgs).toHaveBeenCalledTimes(1);
    expect(fetchUnstaffedOrgs).toHaveBeenCalledWith(3, { level: null, waiting: false }, null, expect.any(AbortSignal));
  });

  it('a failed next page is retried as a next page; a failed first page leaves nothing of the list before it', async () => {
    const down = new Error('Network Error');
    vi.mocked(fetchUnstaffedOrgs).mockResolvedValueOnce(page([row(40)], 2, 'c1')).mockRejectedValueOnce(down).mockResolvedValueOnce(page([row(41)], 2));
    const wrapper = mountList();
    await flushPromises();
    await wrapper.get('[data-testid=org-unstaffed-more]').trigger('click');
    await flushPromises();
    expect(wrapper.get('.el-alert').text()).toContain('未配备管理员的组织加载失败');
    expect(wrapper.findAll('[data-testid=org-unstaffed-row]')).toHaveLength(1);
    await wrapper.get('.el-alert button').trigger('click');
    await flushPromises();
    expect(fetchUnstaffedOrgs).toHaveBeenLastCalledWith(2, { level: null, waiting: false }, 'c1', expect.any(AbortSignal));
    expect(wrapper.findAll('[data-testid=org-unstaffed-row]')).toHaveLength(2);
    expect(wrapper.find('.el-alert').exists()).toBe(false);

    vi.mocked(fetchUnstaffedOrgs).mockRejectedValueOnce(down).mockResolvedValueOnce(page([row(42)], 1));
    await wrapper.get('[data-testid=org-unstaffed-waiting-only] input').setValue(true);
    await flushPromises();
    expect(wrapper.findAll('[data-testid=org-unstaffed-row]')).toHaveLength(0);
    expect(wrapper.find('[data-testid=org-unstaffed-total]').exists()).toBe(false);
    await wrapper.get('.el-alert button').trigger('click');
    await flushPromises();
    expect(fetchUnstaffedOrgs).toHaveBeenLastCalledWith(2, { level: null, waiting: true }, null, expect.any(AbortSignal));
    expect(wrapper.findAll('[data-testid=org-unstaffed-row]').map((r) => r.get('button').text())).toEqual(['第42党支部']);
  });

  it('offers a general branch its own level and its branches, and reads in English', async () => {
    await applyLocale('en');
    await loadOrgAdminMessages();
    vi.mocked(fetchUnstaffedOrgs).mockResolvedValue(page([row(40, { waitingSteps: 1, memberCount: 1 })], 1));
    const wrapper = mountList('GENERAL_BRANCH');
    await flushPromises();
    expect(wrapper.findAll('.el-radio-button')).toHaveLength(3);
    expect(wrapper.get('[data-testid=org-unstaffed-total]').text()).toBe('1 organisation');
    expect(wrapper.get('[data-testid=org-unstaffed-export]').text()).toBe('Export to Excel');
    const text = wrapper.get('[data-testid=org-unstaffed-row]').text();
    expect(text).toContain('1 member');
    expect(text).not.toContain('1 members');
    expect(text).toContain('1 step waiting');
    expect(text).toContain('Worked by 新安街道党工委');
  });
});
