import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { AuditChainReport, AuditRecord, Page } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer, type FakeReply, type FakeRequest } from '@/test/fake-server';
import { closeRoute, openRoute } from '@/test/open-route';
import { applyLocale } from '@/i18n';
import { loadAuditMessages } from '../load-messages';
import { useSessionStore } from '@/stores/session';
import { loginResponse } from '@/test/fixtures';
import AuditLogView from './AuditLogView.vue';

const record = (id: number, over: Partial<AuditRecord> = {}): AuditRecord => ({
  id,
  at: '2026-05-03T01:02:03.000Z',
  actor: { userId: 1, username: 'admin', role: 'COUNTY_ADMIN', orgId: 1, orgName: '新沂市委' },
  action: 'member.revealId',
  target: { type: 'member', id: String(100 + id), username: null },
  ip: '10.0.0.1',
  detail: { note: '<b>not markup</b>' },
  sealed: true,
  ...over,
});
const page = (items: AuditRecord[], nextCursor: string | null = null): FakeReply => ({ status: 200, data: { items, nextCursor } satisfies Page<AuditRecord> });
const INTACT: AuditChainReport = { sealed: 1234, unsealed: 2, ok: true, firstBroken: null };

let requests: FakeRequest[] = [];

/** Opens the screen at `path` against an API whose searches `search` answers. */
async function open(path: string, search: (params: Record<string, unknown>) => FakeReply, chain: AuditChainReport = INTACT) {
  const server = fakeServer((req) => {
    if (req.url === '/audit/verify') return { status: 200, data: chain };
    if (req.url === '/audit') return search(req.params ?? {});
    return apiError(404, 'NOT_FOUND');
  });
  requests = server.requests;
  return openRoute({ path: '/admin/audit', name: 'admin-audit', component: AuditLogView }, path, server);
}

/** Unfolds every record's detail, one at a time (each unfolding re-renders the rows). */
async function expandAll(w: VueWrapper) {
  const rows = w.findAll('.el-table__expand-icon').length;
  for (let i = 0; i < rows; i++) {
    await w.findAll('.el-table__expand-icon')[i].trigger('click');
    await flushPromises();
  }
}

const searches = () => requests.filter((r) => r.url === '/audit').map((r) => r.params);
const rowsText = (w: VueWrapper) => w.findAll('[data-testid=audit-table] .el-table__body tbody tr').map((r) => r.text());

/** Picks an option of an Element Plus select: its list (the one its input controls) is rendered in the body. */
async function choose(w: VueWrapper, testId: string, label: string) {
  await w.get(`[data-testid=${testId}] .el-select__wrapper`).trigger('click');
  await flushPromises();
  const list = document.getElementById(w.get(`[data-testid=${testId}] input`).attributes('aria-controls')!);
  const option = [...(list?.querySelectorAll<HTMLElement>('.el-select-dropdown__item') ?? [])].find((o) => o.textContent?.trim().startsWith(label));
  expect(option, `option ${label}`).toBeDefined();
  option!.click();
  await flushPromises();
}

async function typeDate(w: VueWrapper, id: string, date: string) {
  const input = w.get(`input#${id}`);
  await input.setValue(date);
  await input.trigger('change');
}

describe('audit log screen', () => {
  beforeAll(async () => {
    await loadAuditMessages();
  });
  beforeEach(() => {
    setActivePinia(createPinia());
  });
  afterEach(closeRoute);

  it('checks the chain and lists the first page of the search the address names, in Xinyi time', async () => {
    const { wrapper: w } = await open('/admin/audit?from=2026-05-01&to=2026-05-31&action=member.&username=admin', () =>
      page([
        record(3, { sealed: false }),
        record(2, { actor: { userId: null, username: null, role: null, orgId: null, orgName: null }, action: 'transfer.preApprove', target: { type: 'transfer', id: '9', username: null }, ip: '', detail: null }),
        record(1, { actor: { userId: null, username: null, role: null, orgId: null, orgName: null }, action: 'auth.login', target: { type: 'user', id: '7', username: 'branch' } }),
      ]),
    );
    expect(requests.map((r) => r.url).sort()).toEqual(['/audit', '/audit/verify']);
    // The first Xinyi day starts at 16:00 UTC the day before; `to` is the start of the day after the last.
    expect(searches()).toEqual([{ from: '2026-04-30T16:00:00.000Z', to: '2026-05-31T16:00:00.000Z', action: 'member.', username: 'admin', limit: 50 }]);

    const ok = w.get('[data-testid=audit-chain-ok]');
    expect(ok.attributes('role')).toBe('status');
    expect(ok.text()).toBe('审计链完整：已封存 1,234 条记录（另有 2 条待封存）');

    // The form shows the search.
    expect((w.get('input#audit-username').element as HTMLInputElement).value).toBe('admin');
    expect((w.get('input#audit-from').element as HTMLInputElement).value).toBe('2026-05-01');
    expect(w.get('[data-testid=audit-area]').text()).toContain('党员信息');

    const [first, second, third] = rowsText(w);
    expect(first).toContain('2026-05-03 09:02:03');
    expect(first).toContain('admin');
    expect(first).toContain('组织部管理员 ·\u00a0新沂市委');
    expect(first).toContain('查看完整身份证号');
    expect(first).toContain('member.revealId');
    expect(first).toContain('党员 103');
    expect(first).toContain('10.0.0.1');
    expect(first).toContain('待封存');
    expect(second).toContain('已封存');
    // No actor and no address: the platform's own job. A transfer's step reads as the transfer screens name it.
    expect(second).toContain('系统');
    expect(second).toContain('党支部初审通过');
    expect(second).toContain('转接 9');
    expect(second).not.toContain('待封存');
    // A login: made before anyone is logged in, about the account it opened, named by its username — as the one being
    // signed in to, not as "not logged in" beside it.
    expect(third).toContain('branch（登录时）');
    expect(third).not.toContain('未登录');
    expect(third).toContain('账号 branch');
    expect(w.get('[data-testid=audit-count]').text()).toBe('已显示 3 条');
  });

  it('links a member or a transfer a record names to its page, for an auditor who may read it', async () => {
    const records = () => page([record(2, { action: 'transfer.preApprove', target: { type: 'transfer', id: '9', username: null } }), record(1), record(0, { action: 'auth.login', target: { type: 'user', id: '7', username: 'branch' } })]);
    useSessionStore().applyLogin(loginResponse(['COUNTY_ADMIN']));
    const { wrapper: county } = await open('/admin/audit', records);
    expect(county.findAll('[data-testid=audit-table] [data-testid=audit-target-link]').map((a) => a.attributes('href'))).toEqual(['/admin/transfers/9', '/admin/members/101']);
    closeRoute();

    // The technical administrator reads the log but not member records: the ids stay text.
    setActivePinia(createPinia());
    useSessionStore().applyLogin(loginResponse(['SYSTEM_ADMIN']));
    const { wrapper: sysadmin } = await open('/admin/audit', records);
    expect(sysadmin.findAll('[data-testid=audit-target-link]')).toHaveLength(0);
    expect(rowsText(sysadmin)[1]).toContain('党员 101');
    // The screen is opened twice here: allowed more than a single opening's time on a loaded machine.
  }, 15_000);

  it('shows the unfolded record’s detail as text, never as markup', async () => {
    const { wrapper: w } = await open('/admin/audit', () => page([record(1)]));
    expect(w.find('[data-testid=audit-detail]').exists()).toBe(false);
    await w.get('.el-table__expand-icon').trigger('click');
    const detail = w.get('[data-testid=audit-detail]');
    expect(detail.text()).toBe('note：<b>not markup</b>');
    expect(detail.find('b').exists()).toBe(false);
  });

  it('reads a step’s detail in words: the states by their names, whose transfer, the reviewer’s comment', async () => {
    const detailed = record(1, { action: 'transfer.preApprove', target: { type: 'transfer', id: '9', username: null }, detail: { from: 'SUBMITTED', to: 'PRE_APPROVED', member: '王建国', comment: '材料齐全' } });
    const { wrapper: w } = await open('/admin/audit', () => page([detailed]));
    await w.get('.el-table__expand-icon').trigger('click');
    expect(w.get('[data-testid=audit-detail]').text()).toBe('原状态：待初审\n新状态：待党委审批\n党员：王建国\n意见：材料齐全');
  });

  it('reads an edit in words, each changed field with its old and new value, and names whose record it was', async () => {
    const edited = record(1, {
      action: 'transfer.update',
      target: { type: 'transfer', id: '9', username: null },
      detail: { member: '王建国', before: { channel: 'IN_COUNTY', phone: '13800000001', destinationRegion: null }, after: { channel: 'CROSS_PROVINCE', phone: '13912349999', destinationRegion: '上海市浦东新区' } },
    });
    const revealed = record(2, { action: 'member.revealId', detail: { member: '李红' } });
    const { wrapper: w } = await open('/admin/audit', () => page([edited, revealed]));
    await expandAll(w);
    const [edit, reveal] = w.findAll('[data-testid=audit-detail]').map((d) => d.text());
    expect(edit).toBe('党员：王建国\n转接方式：市内转接 → 跨省转出\n联系电话：13800000001 → 13912349999\n接收党组织所在地区：— → 上海市浦东新区');
    expect(edit).not.toContain('{');
    // A look at a member's full ID number says whose it was (never the number).
    expect(reveal).toBe('党员：李红');
    // The list names whose record each was beside the object's id.
    expect(w.findAll('[data-testid=audit-table] [data-testid=audit-target-name]').map((n) => n.text())).toEqual(['王建国', '李红']);
  });

  it('keeps a moved visit’s old and new time each on one line, in Beijing time', async () => {
    const moved = record(1, { action: 'booking.reschedule', target: { type: 'booking', id: '9', username: null }, detail: { from: '2026-12-08T00:30:00.000Z', to: '2026-12-06T15:00:00.000Z' } });
    const { wrapper: w } = await open('/admin/audit', () => page([moved]));
    await w.get('.el-table__expand-icon').trigger('click');
    const detail = w.get('[data-testid=audit-detail]');
    expect(detail.element.textContent).toBe('原时间：2026-12-08 08:30\n新时间：2026-12-06 23:00');
    expect(detail.findAll('.audit__date').map((s) => s.text())).toEqual(['2026-12-08 08:30', '2026-12-06 23:00']);
  });

  it('reads an edit in words in English too: a question’s answer key and a centre’s places, before and after', async () => {
    const question = record(1, { action: 'study.question.update', target: { type: 'quizQuestion', id: '5', username: null }, detail: { moduleId: 3, before: { answer: ['B'] }, after: { answer: ['C'] } } });
    const centre = record(2, { action: 'center.update', target: { type: 'serviceCenter', id: '2', username: null }, detail: { center: '新安街道党群服务中心', before: { capacity: 2, acceptsProxy: true }, after: { capacity: 4, acceptsProxy: false } } });
    localStorage.setItem('zhdj.locale', 'en');
    await applyLocale('en');
    try {
      await loadAuditMessages();
      const { wrapper: w } = await open('/admin/audit', () => page([question, centre]));
      await expandAll(w);
      expect(w.findAll('[data-testid=audit-detail]').map((d) => d.text())).toEqual([
        'Module ID: 3\nAnswer: B → C',
        'Service centre: 新安街道党群服务中心\nPlaces per slot: 2 → 4\nBookable on behalf: yes → no',
      ]);
    } finally {
      localStorage.removeItem('zhdj.locale');
      await applyLocale('zh-CN');
    }
  });

  it('reads the detail in words in English too: fields by name, yes and no, a visit’s purpose', async () => {
    const detailed = record(1, { action: 'booking.cancel', target: { type: 'booking', id: '9', username: null }, detail: { member: '王建国', purpose: 'HAND_IN_MATERIALS', returning: false, orgId: 102 } });
    // The screen's column widths read the language setting, which applies itself: set both.
    localStorage.setItem('zhdj.locale', 'en');
    await applyLocale('en');
    try {
      await loadAuditMessages();
      const { wrapper: w } = await open('/admin/audit', () => page([detailed]));
      await w.get('.el-table__expand-icon').trigger('click');
      expect(w.get('[data-testid=audit-detail]').text()).toBe('Member: 王建国\nPurpose: Hand in materials\nReturning member: no\nOrganisation ID: 102');
    } finally {
      localStorage.removeItem('zhdj.locale');
      await applyLocale('zh-CN');
    }
  });

  it('alerts when the chain is broken, naming the first broken record, and checks again on request', async () => {
    const broken: AuditChainReport = { sealed: 40, unsealed: 0, ok: false, firstBroken: { seq: 17, id: 42, reason: 'its content does not match its hash (altered)' } };
    const { wrapper: w } = await open('/admin/audit', () => page([]), broken);
    expect(w.find('[data-testid=audit-chain-ok]').exists()).toBe(false);
    const alert = w.get('[data-testid=audit-chain-broken]');
    expect(alert.attributes('role')).toBe('alert');
    expect(alert.text()).toContain('审计链校验未通过');
    expect(alert.text()).toContain('第一条异常记录：序号 17，记录编号 42。原因：its content does not match its hash (altered)');
    expect(w.get('[data-testid=audit-empty]').text()).toBe('没有符合条件的记录');

    await w.get('[data-testid=audit-verify]').trigger('click');
    await flushPromises();
    expect(requests.filter((r) => r.url === '/audit/verify')).toHaveLength(2);
  });

  it('searches with the form: an area as its prefix, an exact action, a username, and Xinyi days as instants', async () => {
    const { wrapper: w, router } = await open('/admin/audit', () => page([record(1)]));
    expect(searches()).toEqual([{ limit: 50 }]);

    await typeDate(w, 'audit-from', '2026-05-01');
    await typeDate(w, 'audit-to', '2026-05-02');
    await choose(w, 'audit-area', '账号与登录');
    await w.get('input#audit-username').setValue(' admin ');
    await w.get('[data-testid=audit-filters]').trigger('submit');
    await flushPromises();
    expect(searches().at(-1)).toEqual({ from: '2026-04-30T16:00:00.000Z', to: '2026-05-02T16:00:00.000Z', action: 'auth.', username: 'admin', limit: 50 });
    // The address keeps the search, in days.
    expect(router.currentRoute.value.query).toEqual({ from: '2026-05-01', to: '2026-05-02', action: 'auth.', username: 'admin' });

    await choose(w, 'audit-action', '登录失败');
    await choose(w, 'audit-target-type', '账号');
    await w.get('input#audit-target-id').setValue('7');
    await w.get('[data-testid=audit-filters]').trigger('submit');
    await flushPromises();
    expect(searches().at(-1)).toMatchObject({ action: 'auth.loginFailed', targetType: 'user', targetId: '7' });

    await w.get('[data-testid=audit-reset]').trigger('click');
    await flushPromises();
    expect(searches().at(-1)).toEqual({ limit: 50 });
    expect(router.currentRoute.value.query).toEqual({});
    expect((w.get('input#audit-username').element as HTMLInputElement).value).toBe('');
    // Seven Element Plus controls driven one after another: more than the default 5 s on a busy machine.
  }, 20_000);

  it('loads more with the cursor and the same search, after the rows already shown', async () => {
    const { wrapper: w } = await open('/admin/audit?action=booking.', (params) => (params.cursor === 'c2' ? page([record(2), record(1)]) : page([record(4), record(3)], 'c2')));
    expect(rowsText(w)).toHaveLength(2);
    await w.get('[data-testid=audit-more]').trigger('click');
    await flushPromises();
    expect(searches().at(-1)).toEqual({ action: 'booking.', cursor: 'c2', limit: 50 });
    expect(rowsText(w).map((r) => /党员 (\d{3})/.exec(r)?.[1])).toEqual(['104', '103', '102', '101']);
    expect(w.find('[data-testid=audit-more]').exists()).toBe(false);
  });

  it('names a refused filter next to its field and changes nothing else', async () => {
    const { wrapper: w, router } = await open('/admin/audit?username=admin', (params) =>
      params.username === 'admin'
        ? page([record(1)])
        : apiError(400, 'VALIDATION_FAILED', 'Invalid request', [{ field: 'username', constraint: 'maxLength', message: 'username must be shorter than or equal to 64 characters' }]),
    );
    await w.get('input#audit-username').setValue('x'.repeat(64) + 'y');
    await w.get('[data-testid=audit-filters]').trigger('submit');
    await flushPromises();
    // Element Plus shows a field's error 100 ms after it is set.
    await vi.waitFor(() => expect(w.get('[data-testid=audit-username]').element.closest('.el-form-item')?.textContent).toContain('用户名最多 64 个字符'));
    expect(w.find('[data-testid=audit-load-error]').exists()).toBe(false);
    expect(rowsText(w)).toHaveLength(1);
    expect(router.currentRoute.value.query).toEqual({ username: 'admin' });
  });
});
