import { flushPromises, type VueWrapper } from '@vue/test-utils';
import type { CalendarDay, CalendarYear, StatutoryHoliday } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, type FakeRequest } from '@/test/fake-server';
import { closeRoute, openRoute } from '@/test/open-route';
import { messageBoxButton } from '@/test/message-box';
import { loadCalendarMessages } from '../load-messages';
import CalendarDaysView from './CalendarDaysView.vue';

const day = (date: string, working: boolean, name: string): CalendarDay => ({ date, working, name, updatedAt: '2026-11-20T02:30:00.000Z' });

const STATUTORY_2027: [string, StatutoryHoliday][] = [
  ['2027-01-01', 'newYear'],
  ...(['05', '06', '07', '08'] as const).map((d): [string, StatutoryHoliday] => [`2027-02-${d}`, 'springFestival']),
  ['2027-04-05', 'qingming'],
  ['2027-05-01', 'labourDay'],
  ['2027-05-02', 'labourDay'],
  ['2027-06-09', 'dragonBoat'],
  ['2027-09-15', 'midAutumn'],
  ...(['01', '02', '03'] as const).map((d): [string, StatutoryHoliday] => [`2027-10-${d}`, 'nationalDay']),
];

/**
 * The API of the calendar as the server will answer it: the entries of each year, which a PUT creates or replaces and
 * a DELETE removes; `known` says which years the bundled official calendar carries.
 */
function calendarApi(entries: CalendarDay[], known: number[], cancelledBookings = 0) {
  const store = new Map(entries.map((d) => [d.date, d]));
  return fakeServer((req) => {
    if (req.method === 'GET' && req.url === '/calendar/days') {
      const year = Number(req.params?.year);
      const days = [...store.values()].filter((d) => d.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));
      // A year the package lacks lists its statutory holidays (here 2027's, as the server gives them).
      const statutory = known.includes(year) ? [] : STATUTORY_2027.map(([date, holiday]) => ({ date: `${year}${date.slice(4)}`, holidays: [holiday] }));
      return { status: 200, data: { year, officialKnown: known.includes(year), statutory, days } satisfies CalendarYear };
    }
    const impact = /^\/calendar\/days\/(\d{4}-\d{2}-\d{2})\/bookings$/.exec(req.url);
    if (impact && req.method === 'GET') {
      // Here the official calendar works Monday to Friday.
      const weekday = new Date(`${impact[1]}T00:00:00Z`).getUTCDay();
      return { status: 200, data: { date: impact[1], bookings: cancelledBookings, centers: cancelledBookings ? 2 : 0, officialWorking: weekday >= 1 && weekday <= 5 } };
    }
    const m = /^\/calendar\/days\/(\d{4}-\d{2}-\d{2})$/.exec(req.url);
    if (m && req.method === 'PUT') {
      const body = req.body as { working: boolean; name: string };
      const saved = { date: m[1], working: body.working, name: body.name, updatedAt: '2026-11-30T06:00:00.000Z' };
      store.set(m[1], saved);
      return { status: 200, data: { ...saved, cancelledBookings: body.working ? 0 : cancelledBookings } };
    }
    if (m && req.method === 'DELETE') {
      store.delete(m[1]);
      return { status: 204 };
    }
    return { status: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: 'Not found' } };
  });
}

let requests: FakeRequest[] = [];

async function open(now: string, entries: CalendarDay[], known: number[], path = '/admin/calendar', cancelledBookings = 0) {
  vi.setSystemTime(new Date(now));
  const server = calendarApi(entries, known, cancelledBookings);
  requests = server.requests;
  return openRoute({ path: '/admin/calendar', name: 'admin-calendar', component: CalendarDaysView }, path, server);
}

const calls = (method: string) => requests.filter((r) => r.method === method);
const rowDates = (w: VueWrapper) => w.findAll('[data-testid=calendar-row-date]').map((c) => c.text());
/** The buttons of the confirmation box, which Element Plus renders outside the screen, in the body. */
const boxButton = (which: 'confirm' | 'cancel') => messageBoxButton(which === 'confirm' ? '删除' : '取消');
const confirmOff = () => messageBoxButton('确定放假');

describe('working calendar screen', () => {
  beforeAll(async () => {
    await loadCalendarMessages('admin');
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    setActivePinia(createPinia());
  });
  afterEach(() => {
    closeRoute();
    vi.useRealTimers();
  });

  it('opens on next year in late November and warns that a year the official calendar lacks counts only weekends as rest days', async () => {
    const { wrapper: w, router } = await open('2026-11-30T02:00:00Z', [], [2026]);
    expect(calls('GET')).toMatchObject([{ url: '/calendar/days', params: { year: 2027 } }]);
    const warning = w.get('[data-testid=calendar-unknown-year]');
    expect(warning.text()).toContain('系统尚未内置 2027 年的官方放假安排');
    expect(warning.text()).toContain('只有法律规定的法定节假日');
    expect(warning.text()).toContain('周一至周五上班、周六和周日休息');
    // The holidays the law fixes, which are off already, each with its dates, consecutive ones as a range.
    expect(w.findAll('[data-testid=calendar-statutory] li').map((li) => li.text())).toEqual([
      '元旦 1月1日',
      '春节 2月5日至2月8日',
      '清明节 4月5日',
      '劳动节 5月1日至5月2日',
      '端午节 6月9日',
      '中秋节 9月15日',
      '国庆节 10月1日至10月3日',
    ]);
    expect(w.get('[data-testid=calendar-empty]').text()).toBe('2027 年还没有录入日期');

    // A year the bundled calendar knows: no warning.
    await w.get('[data-testid=calendar-prev-year]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query.year).toBe('2026');
    expect(calls('GET').at(-1)).toMatchObject({ params: { year: 2026 } });
    expect(w.find('[data-testid=calendar-unknown-year]').exists()).toBe(false);
    // The form's two sentences follow each other as Chinese does, without a space between them.
    expect(w.get('.cal__hint').text()).toContain('并通知预约的党员。系统已内置 2026 年的官方放假安排');
  });

  it('lists the year’s entries with weekday, type and name, without a warning when the year is known', async () => {
    // In June (Xinyi) the screen opens on the current year.
    const { wrapper: w } = await open('2026-06-15T02:00:00Z', [day('2026-01-01', false, '元旦'), day('2026-02-14', true, '春节调休'), day('2025-10-01', false, '国庆节')], [2026]);
    expect(calls('GET')).toMatchObject([{ params: { year: 2026 } }]);
    expect(w.find('[data-testid=calendar-unknown-year]').exists()).toBe(false);
    expect(rowDates(w)).toEqual(['2026-01-01', '2026-02-14']);
    const table = w.get('[data-testid=calendar-table]').text();
    expect(table).toContain('元旦');
    expect(table).toContain('星期四');
    expect(table).toContain('放假');
    expect(table).toContain('春节调休');
    expect(table).toContain('星期六');
    expect(table).toContain('上班');
    // Last updated, in Xinyi time.
    expect(table).toContain('2026-11-20 10:30');
    expect(w.get('[data-testid=calendar-count]').text()).toBe('共 2 天：放假 1 天，调休上班 1 天');
  });

  it('saves an entry with PUT /calendar/days/<date> and reloads the list', async () => {
    const { wrapper: w } = await open('2026-11-30T02:00:00Z', [day('2027-01-01', false, '元旦')], []);

    // Nothing is sent while the form is incomplete.
    await w.get('[data-testid=calendar-form]').trigger('submit');
    await flushPromises();
    expect(calls('PUT')).toHaveLength(0);
    // Element Plus shows each field's error 100 ms after it is set, each on its own timer (a loaded CI machine once
    // showed the first without the second).
    await vi.waitFor(() => {
      expect(w.text()).toContain('请选择日期');
      expect(w.text()).toContain('请填写名称');
    });

    const date = w.get('input#calendar-date');
    await date.setValue('2027-02-20');
    await date.trigger('change');
    await w.get('[data-testid=calendar-kind-working] input').setValue(true);
    await w.get('input[data-testid=calendar-name]').setValue('  春节调休 ');
    expect(w.get('[data-testid=calendar-date-weekday]').text()).toBe('星期六');
    await w.get('[data-testid=calendar-form]').trigger('submit');
    await flushPromises();

    expect(calls('PUT')).toEqual([expect.objectContaining({ url: '/calendar/days/2027-02-20', body: { working: true, name: '春节调休' } })]);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
    expect(rowDates(w)).toEqual(['2027-01-01', '2027-02-20']);
    expect(document.body.textContent).toContain('已保存：2027-02-20 春节调休（上班）');
  });

  it('changes an entry from its row: the form is filled and saving replaces it', async () => {
    const { wrapper: w } = await open('2026-11-30T02:00:00Z', [day('2027-01-01', false, '元旦')], []);
    await w.get('[data-testid=calendar-edit]').trigger('click');
    expect(w.get('[data-testid=calendar-replaces]').text()).toContain('元旦（放假）');
    await w.get('input[data-testid=calendar-name]').setValue('元旦节');
    await w.get('[data-testid=calendar-form]').trigger('submit');
    await flushPromises();
    expect(calls('PUT')).toEqual([expect.objectContaining({ url: '/calendar/days/2027-01-01', body: { working: false, name: '元旦节' } })]);
    expect(w.get('[data-testid=calendar-table]').text()).toContain('元旦节');
  });

  it('asks before a day off cancels booked visits, saying how many and where; then says, in a message that stays, what it cancelled', async () => {
    const { wrapper: w } = await open('2026-11-30T02:00:00Z', [day('2027-01-01', true, '调休上班')], [], '/admin/calendar', 2);
    await w.get('[data-testid=calendar-edit]').trigger('click');
    await w.get('[data-testid=calendar-kind-off] input').setValue(true);
    await w.get('input[data-testid=calendar-name]').setValue('元旦');
    await w.get('[data-testid=calendar-form]').trigger('submit');
    await vi.waitFor(() => expect(document.body.textContent).toContain('2027-01-01 设为放假后，当天 2 个服务中心的 2 个预约将被取消'));
    // Stepping back sends nothing.
    boxButton('cancel')!.click();
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).toBeNull());
    await flushPromises();
    expect(calls('PUT')).toHaveLength(0);

    await w.get('[data-testid=calendar-form]').trigger('submit');
    await vi.waitFor(() => expect(confirmOff()).toBeDefined());
    confirmOff()!.click();
    await vi.waitFor(() => expect(calls('PUT')).toHaveLength(1));
    await flushPromises();
    expect(calls('PUT')).toEqual([expect.objectContaining({ url: '/calendar/days/2027-01-01', body: { working: false, name: '元旦' } })]);
    const message = document.querySelector('.el-message--warning');
    expect(message?.textContent).toContain('当天 2 个预约已取消');
    expect(message?.querySelector('.el-message__closeBtn')).not.toBeNull();
  });

  it('warns that deleting a make-up working day on a weekend closes it and cancels its visits, then says it did', async () => {
    // 2027-01-02 is a Saturday; 2027-01-04 a Monday, where deleting the entry closes nothing.
    const { wrapper: w } = await open('2026-11-30T02:00:00Z', [day('2027-01-02', true, '元旦调休'), day('2027-01-04', true, '调休上班')], [], '/admin/calendar', 3);
    await w.findAll('[data-testid=calendar-delete]')[1].trigger('click');
    await vi.waitFor(() => expect(document.body.textContent).toContain('删除 2027-01-04（调休上班）后'));
    expect(document.body.textContent).not.toContain('删除后服务中心当天不开放');
    boxButton('cancel')!.click();
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).toBeNull());

    await w.findAll('[data-testid=calendar-delete]')[0].trigger('click');
    await vi.waitFor(() => expect(document.body.textContent).toContain('删除后服务中心当天不开放，已有的 3 个预约将被取消'));
    boxButton('confirm')!.click();
    await vi.waitFor(() => expect(calls('DELETE')).toHaveLength(1));
    await flushPromises();
    expect(document.body.textContent).toContain('已删除 2027-01-02，这一天不开放，3 个预约已取消');
  });

  it('deletes an entry with DELETE only after the confirmation, then reloads', async () => {
    const { wrapper: w } = await open('2026-11-30T02:00:00Z', [day('2027-01-01', false, '元旦'), day('2027-02-06', false, '春节')], []);

    // Cancelled: nothing is sent.
    await w.findAll('[data-testid=calendar-delete]')[0].trigger('click');
    await vi.waitFor(() => expect(document.body.textContent).toContain('删除 2027-01-01（元旦）后，这一天按系统内置的官方日历计算'));
    boxButton('cancel')!.click();
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).toBeNull());
    await flushPromises();
    expect(calls('DELETE')).toHaveLength(0);

    await w.findAll('[data-testid=calendar-delete]')[0].trigger('click');
    await vi.waitFor(() => expect(boxButton('confirm')).toBeDefined());
    boxButton('confirm')!.click();
    await vi.waitFor(() => expect(calls('DELETE')).toHaveLength(1));
    await flushPromises();
    expect(calls('DELETE')[0].url).toBe('/calendar/days/2027-01-01');
    expect(requests.map((r) => r.method)).toEqual(['GET', 'DELETE', 'GET']);
    expect(rowDates(w)).toEqual(['2027-02-06']);
    expect(document.body.textContent).toContain('已删除 2027-01-01');
  });
});
