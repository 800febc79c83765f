import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { MemberDetail } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer, type FakeHandler, type FakeRequest } from '@/test/fake-server';
import { closeRoute, openRoute } from '@/test/open-route';
import { useSessionStore } from '@/stores/session';
import { loginResponse } from '@/test/fixtures';
import { loadMemberFormMessages } from '../load-messages';
import MemberEditView from './MemberEditView.vue';

const branch = { id: 5, name: '中共新安街道沂河社区支部委员会', shortName: '沂河社区党支部', level: 'BRANCH' as const };

function record(overrides: Partial<MemberDetail> = {}): MemberDetail {
  return {
    id: 7,
    name: '王小明',
    sex: 'M',
    phone: '13900000007',
    idNumberMasked: '3203**********0017',
    category: 'FULL',
    status: 'ACTIVE',
    post: null,
    org: branch,
    duesPaidThrough: '2026-11',
    isRetired: false,
    isMobile: false,
    isGraduate: false,
    ethnicity: '汉族',
    birthDate: '1988-03-15',
    education: 'BACHELOR',
    joinedAt: '2005-07-01',
    probationEndsAt: null,
    orgAncestors: [],
    history: [],
    openTransferId: null,
    accountHeldAbove: false,
    version: 3,
    ...overrides,
  };
}

let requests: FakeRequest[] = [];
const patches = () => requests.filter((r) => r.method === 'PATCH');

async function open(onPatch: FakeHandler, reads: MemberDetail[] = [record()]) {
  let read = 0;
  const server = fakeServer((req) => {
    if (req.method === 'GET' && req.url === '/members/7') return { status: 200, data: reads[Math.min(read++, reads.length - 1)] };
    if (req.method === 'PATCH' && req.url === '/members/7') return onPatch(req);
    return apiError(404, 'NOT_FOUND');
  });
  requests = server.requests;
  const opened = await openRoute(
    { path: '/admin/members/:id/edit', name: 'admin-member-edit', component: MemberEditView, props: (r: { params: { id: string } }) => ({ id: Number(r.params.id) }) } as never,
    '/admin/members/7/edit',
    server,
  );
  opened.router.addRoute({ path: '/admin/members/:id', name: 'admin-member', component: { render: () => null } });
  await vi.waitFor(() => expect(opened.wrapper.find('[data-testid=member-form]').exists()).toBe(true));
  return opened;
}

const value = (w: VueWrapper, id: string) => (w.get(`input#${id}`).element as HTMLInputElement).value;

async function type(w: VueWrapper, id: string, text: string) {
  const input = w.get(`input#${id}`);
  await input.setValue(text);
  await input.trigger('change');
}

async function errorBeside(w: VueWrapper, selector: string): Promise<string> {
  let text = '';
  await vi.waitFor(() => {
    text = w.get(selector).element.closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim() ?? '';
    expect(text).not.toBe('');
  });
  return text;
}

const submit = async (w: VueWrapper) => {
  await w.get('[data-testid=member-form]').trigger('submit');
  await flushPromises();
};

describe('editing a member', () => {
  beforeAll(async () => {
    await loadMemberFormMessages('admin');
  });
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    useSessionStore().applyLogin(loginResponse(['BRANCH_ADMIN']));
  });
  afterEach(closeRoute);

  it('is filled from the record and sends only the changed fields, with the version read', async () => {
    const { wrapper: w, router } = await open((req) => ({ status: 200, data: { ...record(), ...(req.body as object), version: 4 } }));
    expect(value(w, 'member-form-name')).toBe('王小明');
    expect(value(w, 'member-form-phone')).toBe('13900000007');
    expect(value(w, 'member-form-birthDate')).toBe('1988-03-15');
    expect(value(w, 'member-form-idNumber')).toBe('');
    expect(w.text()).toContain('当前为 3203**********0017，不修改请留空。');

    await type(w, 'member-form-phone', '13905161234');
    await w.get('[data-testid=member-form-post-SECRETARY] input').setValue(true);
    await w.get('[data-testid=member-form-isRetired] input').setValue(true);
    await submit(w);

    expect(patches()).toEqual([expect.objectContaining({ url: '/members/7', body: { phone: '13905161234', post: 'SECRETARY', isRetired: true, version: 3 } })]);
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/admin/members/7'));
  });

  it('keeps the name and login of an account the tier above looks after, and still saves the rest', async () => {
    const { wrapper: w } = await open((req) => ({ status: 200, data: { ...record({ accountHeldAbove: true }), ...(req.body as object), version: 4 } }), [record({ accountHeldAbove: true })]);
    expect(w.get('input#member-form-name').attributes('disabled')).toBeDefined();
    expect(w.get('input#member-form-phone').attributes('disabled')).toBeDefined();
    expect(w.get('[data-testid=member-form-held-above]').text()).toContain('上级组织');
    await w.get('[data-testid=member-form-isRetired] input').setValue(true);
    await submit(w);
    expect(patches().map((r) => r.body)).toEqual([{ isRetired: true, version: 3 }]);
  });

  it('clears the end of probation when a probationary member becomes full, and sends nothing when nothing changed', async () => {
    const { wrapper: w } = await open(() => ({ status: 200, data: record() }), [record({ category: 'PROBATIONARY', probationEndsAt: '2026-07-01' })]);
    await submit(w);
    expect(patches()).toHaveLength(0);
    expect(w.get('[data-testid=member-form-notice]').text()).toBe('没有修改任何内容。');

    await w.get('[data-testid=member-form-category-FULL] input').setValue(true);
    await submit(w);
    expect(patches().map((r) => r.body)).toEqual([{ category: 'FULL', probationEndsAt: null, version: 3 }]);
  });

  it('says someone else changed the record on 409 and reloads it into the form', async () => {
    const theirs = record({ phone: '13811112222', version: 4 });
    const { wrapper: w } = await open(() => apiError(409, 'CONFLICT', 'This record was changed by someone else; reload and try again', { currentVersion: 4 }), [record(), theirs]);
    await type(w, 'member-form-name', '王晓明');
    await submit(w);

    expect(patches()).toHaveLength(1);
    expect(requests.filter((r) => r.method === 'GET' && r.url === '/members/7')).toHaveLength(2);
    expect(w.get('[data-testid=member-form-failure]').text()).toContain('该党员的信息刚被其他人修改过');
    await vi.waitFor(() => expect(value(w, 'member-form-phone')).toBe('13811112222'));
    expect(value(w, 'member-form-name')).toBe('王小明');
    expect(document.body.textContent).not.toContain('someone else');

    // Saving again sends the version just read.
    await type(w, 'member-form-name', '王晓明');
    await submit(w);
    expect(patches().at(-1)?.body).toEqual({ name: '王晓明', version: 4 });
  });

  it('shows a server field error beside its field in Chinese', async () => {
    const { wrapper: w } = await open(() =>
      apiError(400, 'ID_NUMBER_INVALID', 'birthDate does not match the ID number (1988-03-15)', [
        { field: 'birthDate', constraint: 'matchesIdNumber', message: 'birthDate does not match the ID number (1988-03-15)' },
      ]),
    );
    await type(w, 'member-form-birthDate', '1988-03-16');
    await submit(w);
    expect(patches().map((r) => r.body)).toEqual([{ birthDate: '1988-03-16', version: 3 }]);
    expect(await errorBeside(w, '#member-form-birthDate')).toBe('出生日期与身份证号不一致');
    expect(document.body.textContent).not.toContain('does not match');
  });

  it('checks a new ID number before sending it', async () => {
    const { wrapper: w } = await open(() => ({ status: 200, data: record() }));
    await type(w, 'member-form-idNumber', '32038119880315001');
    await submit(w);
    expect(await errorBeside(w, '#member-form-idNumber')).toBe('身份证号应为 18 位，最后一位是数字或 X');
    expect(patches()).toHaveLength(0);
  });
});
