import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, DESKTOP, expectAccessible, logIn, snap } from './support';

/**
 * The working-day calendar (工作日历): the county administrator enters a day off on the screen, and the member's
 * service centre closes for it with the name entered; removing the entry reopens the day. The day is the last open
 * weekday of the centre's booking fortnight, and the entry is removed at the end, as the journeys share one server.
 */

interface Day {
  date: string;
  closed: null | { reason: string; detail?: string };
  slots: { start: string; free: number }[];
}

async function bearer(request: APIRequestContext, username: string): Promise<Record<string, string>> {
  const r = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(r.ok(), await r.text()).toBe(true);
  return { Authorization: `Bearer ${(await r.json()).accessToken}` };
}

const xinyiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
const isWeekday = (date: string) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

test.use({ viewport: DESKTOP });

test('the county enters a day off, the member’s centre closes for it, and removing it reopens the day', async ({ page, request }) => {
  const member = await bearer(request, 'member');
  const centers = (await (await request.get('/api/service-centers', { headers: member })).json()) as { id: number; isMine: boolean }[];
  const center = centers.find((c) => c.isMine) ?? centers[0];
  const availability = async (from: string, to: string) => (await (await request.get(`/api/service-centers/${center.id}/availability?from=${from}&to=${to}`, { headers: member })).json()) as Day[];
  // A fortnight always holds open weekdays (the longest holiday is eight days); the last with a free place is used.
  const open = (await availability(addDays(xinyiToday(), 2), addDays(xinyiToday(), 13))).filter((d) => d.closed === null && isWeekday(d.date) && d.slots.some((x) => x.free > 0));
  expect(open.length, 'an open weekday with a free place in the centre’s fortnight').toBeGreaterThan(0);
  const { date: day, slots } = open[open.length - 1];
  // The member holds a visit that day: entering it as a day off must cancel it, and say so.
  const slot = slots.find((x) => x.free > 0)!;
  const booked = await request.post('/api/bookings', { headers: member, data: { serviceCenterId: center.id, start: slot.start, purpose: 'CONSULTATION' } });
  expect(booked.status(), await booked.text()).toBe(201);
  const bookingId = (await booked.json()).id as number;

  await logIn(page, 'admin');
  await expect(page).toHaveURL(/\/admin\//);
  await page.getByRole('link', { name: '工作日历' }).click();
  await expect(page).toHaveURL(/\/admin\/calendar/);
  await expect(page.getByTestId('calendar-days')).toBeVisible();
  // The year of the chosen day (in November and December the screen opens on the next year).
  const year = day.slice(0, 4);
  for (let i = 0; i < 3 && !(await page.getByTestId('calendar-year').textContent())?.includes(year); i++) {
    const next = Number((await page.getByTestId('calendar-year').textContent())?.match(/\d{4}/)?.[0]) < Number(year);
    await page.getByTestId(next ? 'calendar-next-year' : 'calendar-prev-year').click();
  }
  await expect(page.getByTestId('calendar-year')).toContainText(year);

  const date = page.getByRole('combobox', { name: '日期', exact: true }); // its panel, a dialog, bears the same name
  await date.fill(day);
  await date.press('Enter');
  await page.getByTestId('calendar-kind-off').click();
  await page.getByTestId('calendar-name').fill('临时闭馆演练');
  await page.getByTestId('calendar-save').click();
  // Before anything is cancelled, the administrator is told how many visits at how many centres, and confirms.
  const confirm = page.locator('.el-message-box');
  await expect(confirm).toContainText(new RegExp(`${day} 设为放假后，当天 \\d+ 个服务中心的 \\d+ 个预约将被取消`));
  await snap(page, 'desktop-calendar-day-off-confirm');
  await confirm.getByRole('button', { name: '确定放假' }).click();
  const saved = page.locator('.el-message', { hasText: `已保存：${day}` });
  await expect(saved).toBeVisible();
  // The visits booked that day (the member's, and any the demo seeded) are cancelled: a warning says so, and stays
  // until it is closed.
  await expect(saved).toContainText(/当天 \d+ 个预约已取消/);
  await saved.locator('.el-message__closeBtn').click();
  const row = page.getByTestId('calendar-table').locator('tr', { hasText: day });
  await expect(row).toContainText('临时闭馆演练');
  await expect(row).toContainText('放假');
  await snap(page, 'desktop-calendar-day-entered');
  await expectAccessible(page, 'the working calendar');

  // The member's centre is closed that day, under the name entered.
  expect((await availability(day, day))[0].closed).toEqual({ reason: 'HOLIDAY', detail: '临时闭馆演练' });
  expect((await (await request.get(`/api/bookings/${bookingId}`, { headers: member })).json()).status).toBe('CANCELLED');

  await row.getByTestId('calendar-delete').click();
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
  await expect(page.locator('.el-message')).toContainText(`已删除 ${day}`);
  await expect(page.getByTestId('calendar-table').locator('tr', { hasText: day })).toHaveCount(0);
  expect((await availability(day, day))[0].closed).toBeNull();
});
