import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { MemberDetail, OrgDetail } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, apiError, type FakeHandler, type FakeRequest } from '@/test/fake-server';
import { closeRoute, openRoute } from '@/test/open-route';
import { useSessionStore } from '@/stores/session';
import { loginResponse } from '@/test/fixtures';
import { loadMemberFormMessages } from '../load-messages';
import MemberCreateView from './MemberCreateView.vue';

const BRANCH = { id: 5, name: '中共新安街道沂河社区支部委员会', shortName: '沂河社区党支部', level: 'BRANCH' } as OrgDetail;
/** A valid ID number: born 1988-03-15, a man (odd 17th digit). */
const ID = '320381198803150017';

let requests: FakeRequest[] = [];
const posts = () => requests.filter((r) => r.method === 'POST');

async function open(at: string, onPost: FakeHandler = () => ({ status: 200, data: { id: 88, name: '王建国' } as MemberDetail })) {
  const server = fakeServer((req) => {
    if (req.method === 'GET' && req.url === '/organizations/5') return { status: 200, data: BRANCH };
    if (req.method === 'POST' && req.url === '/members') return onPost(req);
    return apiError(404, 'NOT_FOUND');
  });
  requests = server.requests;
  const opened = await openRoute({ path: '/admin/members/new', name: 'admin-member-new', component: MemberCreateView }, at, server);
  opened.router.addRoute({ path: '/admin/members/:id', name: 'admin-member', component: { render: () => null } });
  opened.router.addRoute({ path: '/admin/members', name: 'admin-members', component: { render: () => null } });
  return opened;
}

/** The message Element Plus shows under a form item (100 ms after it is set), found by the item's input. */
async function errorBeside(w: VueWrapper, selector: string): Promise<string> {
  let text = '';
  await vi.waitFor(() => {
    const item = w.get(selector).element.closest('.el-form-item');
    text = item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? '';
    expect(text).not.toBe('');
  });
  return text;
}

async function choose(w: VueWrapper, testId: string, label: string) {
  await w.get(`[data-testid=${testId}] .el-select__wrapper`).trigger('click');
  await flushPromises();
  const list = document.getElementById(w.get(`[data-testid=${testId}] input`).attributes('aria-controls')!);
  const option = [...(list?.querySelectorAll<HTMLElement>('.el-select-dropdown__item') ?? [])].find((o) => o.textContent?.trim() === label);
  expect(option, `option ${label}`).toBeDefined();
  option!.click();
  await flushPromises();
}

async function type(w: VueWrapper, id: string, value: string) {
  const input = w.get(`input#${id}`);
  await input.setValue(value);
  await input.trigger('change');
}

async function fillValid(w: VueWrapper) {
  await type(w, 'member-form-name', ' 王建国 ');
  await type(w, 'member-form-idNumber', ID.toLowerCase());
  await type(w, 'member-form-phone', '13905161234');
  await choose(w, 'member-form-education', '大学本科');
  await w.get('[data-testid=member-form-category-PROBATIONARY] input').setValue(true);
  await type(w, 'member-form-joinedAt', '2025-07-01');
  await type(w, 'member-form-probationEndsAt', '2026-07-01');
  await type(w, 'member-form-duesPaidThrough', '2026-11');
  await w.get('[data-testid=member-form-post-COMMITTEE_MEMBER] input').setValue(true);
  await w.get('[data-testid=member-form-isMobile] input').setValue(true);
}

const submit = async (w: VueWrapper) => {
  await w.get('[data-testid=member-form]').trigger('submit');
  await flushPromises();
};

// Filling the whole Element Plus form takes a few seconds in the DOM emulation, more on a busy CI machine.
describe('adding a member', { timeout: 20_000 }, () => {
  beforeAll(async () => {
    await loadMemberFormMessages('admin');
  });
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    useSessionStore().applyLogin(loginResponse(['BRANCH_ADMIN']));
  });
  afterEach(closeRoute);

  it('refuses missing and malformed input in Chinese, beside each field, without sending anything', async () => {
    const { wrapper: w } = await open('/admin/members/new');
    await submit(w);
    expect(await errorBeside(w, '#member-form-name')).toBe('请填写姓名');
    expect(await errorBeside(w, '#member-form-idNumber')).toBe('请填写公民身份号码');
    expect(await errorBeside(w, '#member-form-birthDate')).toBe('请选择出生日期');
    expect(await errorBeside(w, '[data-testid=member-form-orgId]')).toBe('请选择所在党支部');

    await type(w, 'member-form-name', '王建国2');
    await type(w, 'member-form-idNumber', '320381198803150018');
    await type(w, 'member-form-phone', '12905161234');
    await submit(w);
    expect(await errorBeside(w, '#member-form-name')).toBe('姓名只能由汉字、英文字母、间隔号或空格组成，最多 50 个字');
    expect(await errorBeside(w, '#member-form-idNumber')).toBe('身份证号校验位不正确，请逐位核对');
    expect(await errorBeside(w, '#member-form-phone')).toBe('请输入正确的手机号码（1 开头的 11 位数字）');

    // A probationary member needs the end of probation; a sex the ID number contradicts is refused as the server would.
    await type(w, 'member-form-idNumber', ID);
    await w.get('[data-testid=member-form-sex-F] input').setValue(true);
    await w.get('[data-testid=member-form-category-PROBATIONARY] input').setValue(true);
    await submit(w);
    expect(await errorBeside(w, '[data-testid=member-form-sex-F]')).toBe('性别与身份证号不一致');
    expect(await errorBeside(w, '#member-form-probationEndsAt')).toBe('请选择预备期满日期');
    expect(posts()).toHaveLength(0);
  });

  it('clears a field’s error once it is put right, keeping the others until they are', async () => {
    const { wrapper: w } = await open('/admin/members/new');
    await submit(w);
    expect(await errorBeside(w, '#member-form-name')).toBe('请填写姓名');
    expect(await errorBeside(w, '#member-form-phone')).toBe('请填写手机号码');
    const shownBeside = (selector: string) => w.get(selector).element.closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim() ?? '';
    await type(w, 'member-form-name', '王建国');
    // Half-typed is not yet right: the phone's message stays as it was until it passes or the form is saved again.
    await type(w, 'member-form-phone', '1390516');
    await flushPromises();
    expect(shownBeside('#member-form-name')).toBe('');
    expect(shownBeside('#member-form-phone')).toBe('请填写手机号码');
    await type(w, 'member-form-phone', '13905161234');
    await flushPromises();
    expect(shownBeside('#member-form-phone')).toBe('');
    expect(await errorBeside(w, '#member-form-idNumber')).toBe('请填写公民身份号码');
    expect(posts()).toHaveLength(0);
  });

  it('sends what the create DTO takes, with the branch the list was showing, and opens the new record', async () => {
    const { wrapper: w, router } = await open('/admin/members/new?orgId=5');
    expect(w.get('[data-testid=member-form-orgId]').text()).toContain('沂河社区党支部');
    await fillValid(w);
    // The ID number filled in the date of birth and the sex.
    expect((w.get('input#member-form-birthDate').element as HTMLInputElement).value).toBe('1988-03-15');
    await submit(w);

    expect(posts()).toEqual([
      expect.objectContaining({
        url: '/members',
        body: {
          name: '王建国',
          sex: 'M',
          ethnicity: '汉族',
          birthDate: '1988-03-15',
          phone: '13905161234',
          education: 'BACHELOR',
          category: 'PROBATIONARY',
          joinedAt: '2025-07-01',
          probationEndsAt: '2026-07-01',
          duesPaidThrough: '2026-11',
          post: 'COMMITTEE_MEMBER',
          isRetired: false,
          isMobile: true,
          isGraduate: false,
          idNumber: ID,
          orgId: 5,
        },
      }),
    ]);
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/admin/members/88'));
  });

  it('offers a single branch’s administrator their branch without a search; another administrator searches', async () => {
    const branchAdmin = loginResponse(['BRANCH_ADMIN']);
    branchAdmin.user.roles = [{ role: 'BRANCH_ADMIN', org: { id: 5, name: BRANCH.name, shortName: BRANCH.shortName, path: '/1/2/5/' } }];
    useSessionStore().applyLogin(branchAdmin);
    const { wrapper: w } = await open('/admin/members/new');
    expect(w.get('[data-testid=member-form-orgId]').text()).toContain('沂河社区党支部');
    await fillValid(w);
    await submit(w);
    expect(posts()[0].body).toMatchObject({ orgId: 5 });
    closeRoute();

    // A committee's administrator opening the page directly picks the branch.
    const committee = loginResponse(['COMMITTEE_ADMIN']);
    committee.user.roles = [{ role: 'COMMITTEE_ADMIN', org: { id: 2, name: '中共新安街道工作委员会', shortName: '新安街道党工委', path: '/1/2/' } }];
    useSessionStore().applyLogin(committee);
    const { wrapper: w2 } = await open('/admin/members/new');
    expect(w2.get('[data-testid=member-form-orgId]').text()).not.toContain('沂河社区党支部');
    expect(requests.filter((r) => r.method === 'GET' && r.url.startsWith('/organizations/'))).toEqual([]);
  });

  it('shows the server’s field errors beside their fields in Chinese, never its English message', async () => {
    const { wrapper: w, router } = await open('/admin/members/new?orgId=5', () =>
      apiError(400, 'VALIDATION_FAILED', 'phone must be an 11-digit mainland mobile number; birthDate does not match the ID number', [
        { field: 'phone', constraint: 'matches', message: 'phone must be an 11-digit mainland mobile number' },
        { field: 'birthDate', constraint: 'matchesIdNumber', message: 'birthDate does not match the ID number (1988-03-15)' },
      ]),
    );
    await fillValid(w);
    await submit(w);
    expect(posts()).toHaveLength(1);
    expect(await errorBeside(w, '#member-form-phone')).toBe('手机号码填写有误');
    expect(await errorBeside(w, '#member-form-birthDate')).toBe('出生日期与身份证号不一致');
    expect(document.body.textContent).not.toMatch(/must be|does not match/);
    expect(router.currentRoute.value.name).toBe('admin-member-new');
  });

  it('puts a taken mobile number beside the phone field', async () => {
    const { wrapper: w } = await open('/admin/members/new?orgId=5', () => apiError(409, 'PHONE_TAKEN', 'This mobile number is already used by another account'));
    await fillValid(w);
    await submit(w);
    expect(await errorBeside(w, '#member-form-phone')).toBe('该手机号码已被其他账号使用');
    expect(document.body.textContent).not.toContain('already used');
  });
});
