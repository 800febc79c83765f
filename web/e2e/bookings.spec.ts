import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DESKTOP, expectAccessible, logIn, PHONE, snap } from './support';

/**
 * Booking a visit (issue #4): the demo `member` books a time at their own committee's service centre on a phone,
 * reschedules it, and the centre's administrator (`committee`, who runs 新安街道党群服务中心) checks them in by the
 * code at the window.
 *
 * Check-in is only possible on the day of the visit, and a centre normally opens on weekdays with two hours' notice.
 * So that the journey proves the real check-in whatever day and hour it runs, the setup first changes the centre's
 * settings through the API as the committee administrator — exactly as the settings screen would: no minimum
 * notice, and today's weekday open until 23:30 (with Monday hours too, for a 调休 Saturday). The member then moves
 * the booking to a time later today in the app, and the administrator checks it in. Only on a public holiday or
 * after 23:00 in Xinyi is there no time left today; the journey then still books and reschedules, and proves that
 * the window refuses a code that is not for today, with the plain-words explanation — the annotation says which.
 */

const xinyiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const isoWeekday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};
const xinyiTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);

interface Slot {
  start: string;
  free: number;
}
interface Day {
  date: string;
  closed: null | { reason: string };
  slots: Slot[];
}
interface Center {
  id: number;
  name: string;
  isMine: boolean;
  canManage: boolean;
  version: number;
  weeklyHours: Record<string, [string, string][]>;
}

async function token(request: APIRequestContext, username: string): Promise<string> {
  const r = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(r.ok(), await r.text()).toBe(true);
  return (await r.json()).accessToken as string;
}

async function getJson<T>(request: APIRequestContext, url: string, bearer: string): Promise<T> {
  const r = await request.get(url, { headers: { Authorization: `Bearer ${bearer}` } });
  expect(r.ok(), `${url}: ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}

const managedCount = (centers: Center[]) => centers.length;
const firstFree = (day: Day | undefined) => day?.slots.find((s) => s.free > 0) ?? null;

async function chooseDayAndSlot(page: Page, date: string, start: string): Promise<void> {
  await page.getByTestId('day-calendar').locator(`[data-date="${date}"]`).click();
  const slot = page.getByTestId('slot-picker').locator(`[data-start="${start}"]`);
  await slot.scrollIntoViewIfNeeded();
  await slot.click();
  await expect(slot).toHaveAttribute('aria-pressed', 'true');
}

test.describe('booking a visit to a service centre', () => {
  test('the member books and reschedules on a phone; the centre checks them in by code', async ({ browser, request }) => {
    test.setTimeout(180_000);

    // ---- Setup through the API: the member's own centre, run by `committee`, open today with no notice. ----
    const memberToken = await token(request, 'member');
    const committeeToken = await token(request, 'committee');
    const own = (await getJson<Center[]>(request, '/api/service-centers', memberToken)).find((c) => c.isMine);
    expect(own?.name).toBe('新安街道党群服务中心');
    const managed = await getJson<Center[]>(request, '/api/service-centers', committeeToken);
    const center = managed.find((c) => c.id === own!.id)!;
    expect(center.canManage).toBe(true);

    // A journey run again on the same database starts from no upcoming visits (the seed gives the demo member none).
    for (const b of await getJson<{ id: number; status: string }[]>(request, '/api/bookings/mine', memberToken)) {
      if (b.status === 'BOOKED') await request.post(`/api/bookings/${b.id}/cancel`, { headers: { Authorization: `Bearer ${memberToken}` }, data: {} });
    }

    const today = xinyiToday();
    const wd = String(isoWeekday(today));
    const lateHours: [string, string][] = [['08:30', '12:00'], ['14:00', '23:30']];
    const weeklyHours = { ...center.weeklyHours, [wd]: lateHours, ...(Number(wd) >= 6 ? { '1': lateHours } : {}) };
    const patched = await request.patch(`/api/service-centers/${center.id}`, {
      headers: { Authorization: `Bearer ${committeeToken}` },
      data: { version: center.version, minNoticeMinutes: 0, weeklyHours },
    });
    expect(patched.ok(), await patched.text()).toBe(true);

    const days = await getJson<Day[]>(request, `/api/service-centers/${center.id}/availability?from=${today}&to=${addDays(today, 14)}`, memberToken);
    // The journey takes a minute or two between reading the calendar and choosing a time, and the clock goes on:
    // a time of today that starts within the next ten minutes may have passed by then (a run at 22:58 once chose
    // 23:00 and found it gone), so only later times count. For the same reason the other day is at least two days
    // ahead, so that a run crossing midnight never finds it has become today.
    const laterDay = days.find((d) => d.date > addDays(today, 1) && firstFree(d));
    expect(laterDay, 'the calendar offers a day after tomorrow').toBeTruthy();
    const notBefore = Date.now() + 10 * 60_000;
    const todaySlots = days[0].date === today ? days[0].slots.filter((s) => s.free > 0 && Date.parse(s.start) >= notBefore) : [];
    const checkInToday = todaySlots.length > 0;
    test.info().annotations.push({
      type: 'check-in',
      description: checkInToday
        ? `rescheduled to today ${xinyiTime(todaySlots.at(-1)!.start)} and checked in by code`
        : `no bookable time left today (${days[0].closed?.reason ?? 'after hours'}): the window's refusal of a code not for today is checked instead`,
    });

    // ---- The member, on a phone. ----
    const memberContext = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await memberContext.newPage();
    await logIn(page, 'member');
    await expect(page).toHaveURL(/\/m\/profile$/);
    await expect(page.getByTestId('profile-name')).toBeVisible();
    await page.getByTestId('tab-bookings').click();
    await expect(page).toHaveURL(/\/m\/bookings$/);
    await expect(page.getByRole('tab', { name: /待办理/ })).toBeVisible();
    await snap(page, 'bookings-phone-01-my-bookings');
    await expectAccessible(page, 'my bookings');

    await page.getByTestId('booking-new').click();
    await expect(page).toHaveURL(/\/m\/bookings\/new$/);
    // Their own committee's centre comes first, with its address, phone and hours.
    const card = page.getByTestId('center-card');
    await expect(card.getByTestId('center-name')).toHaveText('新安街道党群服务中心');
    await expect(card).toContainText('我所属的服务中心');
    await expect(card).toContainText('办公时间');
    await expect(card).toContainText(/\d{3,4}-\d{7,8}/);
    // Two weeks of days, closed ones with their reason.
    const calendar = page.getByTestId('day-calendar');
    await expect(calendar.getByTestId('calendar-day')).toHaveCount(days.length);
    const closedDay = days.find((d) => d.closed);
    if (closedDay) {
      await calendar.locator(`[data-date="${closedDay.date}"]`).click();
      await expect(page.getByTestId('day-state')).toContainText(/不开放|闭馆|还没有开放预约|不办公/);
    }
    await snap(page, 'bookings-phone-02-choose-day', true);
    await expectAccessible(page, 'the booking page: centre and calendar');

    // Any centre of the county can be chosen instead, found by name.
    await page.getByTestId('center-change').click();
    const options = page.getByTestId('center-option');
    await expect(options).toHaveCount(managedCount(await getJson<Center[]>(request, '/api/service-centers', memberToken)));
    await page.getByRole('searchbox').fill('骆马湖');
    await expect(options).toHaveCount(1);
    await snap(page, 'bookings-phone-02b-choose-centre');
    await expectAccessible(page, 'the centre chooser');
    await page.getByRole('searchbox').fill('新安街道党群');
    await options.filter({ hasText: '我所属的服务中心' }).click();
    await expect(card.getByTestId('center-name')).toHaveText('新安街道党群服务中心');

    // A day after today, its first free time, to collect a paper letter.
    const first = firstFree(laterDay)!;
    await chooseDayAndSlot(page, laterDay!.date, first.start);
    await page.getByTestId('purpose-COLLECT_LETTER').click();
    await expect(page.getByTestId('booking-summary')).toContainText(xinyiTime(first.start));
    await snap(page, 'bookings-phone-03-time-and-purpose');
    await page.getByTestId('booking-submit').click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText('新安街道党群服务中心');
    await expect(confirm).toContainText('领取纸质介绍信');
    await snap(page, 'bookings-phone-04-confirm');
    await confirm.getByRole('button', { name: '确认预约' }).click();

    // The booking page: big check-in code, QR, time, what to bring, calendar file.
    await expect(page).toHaveURL(/\/m\/bookings\/\d+\?done=booked$/);
    const bookingId = Number(/\/m\/bookings\/(\d+)/.exec(page.url())![1]);
    await expect(page.getByTestId('booking-done')).toContainText('预约成功');
    const code = (await page.getByTestId('check-in-code').textContent())!.trim();
    expect(code).toMatch(/^[23456789A-HJKMNP-Z]{6}$/);
    await expect(page.getByTestId('booking-qr')).toBeVisible();
    expect(await page.getByTestId('booking-qr').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(page.getByTestId('booking-when')).toContainText(xinyiTime(first.start));
    await expect(page.getByTestId('booking-status')).toHaveText('已预约');
    await expect(page.getByText('本人身份证（原件）')).toBeVisible();
    await snap(page, 'bookings-phone-05-booking-page', true);
    await expectAccessible(page, 'the booking page');
    const download = page.waitForEvent('download');
    await page.getByTestId('booking-ics').click();
    expect((await download).suggestedFilename()).toBe(`booking-${bookingId}.ics`);

    // Reschedule with the same picker: today if a time is left, otherwise another time.
    await page.getByTestId('booking-reschedule').click();
    await expect(page).toHaveURL(new RegExp(`/m/bookings/${bookingId}/reschedule$`));
    await expect(page.getByTestId('reschedule-current')).toContainText(xinyiTime(first.start));
    // It opens on the booking's own day.
    await expect(page.getByTestId('calendar-day').and(page.locator('[aria-pressed=true]'))).toHaveAttribute('data-date', laterDay!.date);
    const target = checkInToday
      ? { date: today, start: todaySlots.at(-1)!.start }
      : { date: laterDay!.date, start: laterDay!.slots.filter((s) => s.free > 0 && s.start !== first.start).at(-1)!.start };
    await chooseDayAndSlot(page, target.date, target.start);
    await snap(page, 'bookings-phone-06-reschedule', true);
    await expectAccessible(page, 'the reschedule page');
    await page.getByTestId('reschedule-submit').click();
    await page.getByRole('dialog').getByRole('button', { name: '确认改约' }).click();
    await expect(page).toHaveURL(new RegExp(`/m/bookings/${bookingId}\\?done=rescheduled$`));
    await expect(page.getByTestId('booking-done')).toContainText('已改约到新的时间');
    await expect(page.getByTestId('booking-when')).toContainText(xinyiTime(target.start));
    // The same visit and code, at the new time; the old time is free again.
    await expect(page.getByTestId('check-in-code')).toHaveText(code);
    const after = await getJson<Day[]>(request, `/api/service-centers/${center.id}/availability?from=${laterDay!.date}&to=${laterDay!.date}`, memberToken);
    expect(after[0].slots.find((s) => s.start === first.start)?.free).toBe(first.free);

    await page.getByTestId('tab-bookings').click();
    const upcoming = page.getByTestId('bookings-upcoming').getByTestId('booking-item').filter({ hasText: code });
    await expect(upcoming).toHaveCount(1);
    await expect(upcoming).toContainText(xinyiTime(target.start));
    await snap(page, 'bookings-phone-07-my-bookings-upcoming');
    await expectAccessible(page, 'my bookings with the visit');

    // ---- The centre's administrator at the window (desktop). ----
    const adminContext = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const admin = await adminContext.newPage();
    await logIn(admin, 'committee');
    // The admin app opens on the committee's organisation (the tree settles its address first).
    await expect(admin).toHaveURL(/\/admin\/orgs\/\d+$/);
    await expect(admin.getByTestId('org-tree')).toBeVisible();
    await admin.getByRole('link', { name: '预约接待' }).click();
    await expect(admin).toHaveURL(/\/admin\/centers/);
    await expect(admin.getByTestId('desk-center')).toContainText('新安街道党群服务中心');
    await expect(admin.getByTestId('day-count')).toBeVisible();
    await snap(admin, 'bookings-desktop-01-desk-day');
    await expectAccessible(admin, 'the service desk (day)');

    // A scanner reading the QR code of a visit booked at another centre is told so.
    await admin.getByTestId('check-in-code').fill(`ZHDJ-CHECKIN:${center.id + 1}:${code}`);
    await admin.getByTestId('check-in-code').press('Enter');
    await expect(admin.getByTestId('check-in-error')).toHaveText('这个二维码是其他服务中心的预约，请党员到预约的服务中心办理。');

    // The member tells the window their code.
    await admin.getByTestId('check-in-code').fill(code.toLowerCase());
    await admin.getByTestId('check-in-submit').click();
    if (checkInToday) {
      const result = admin.getByTestId('check-in-result');
      await expect(result).toContainText('签到成功');
      await expect(result).toContainText('领取纸质介绍信');
      const table = admin.getByTestId('day-table');
      const row = table.locator(`tr.booking-row-${bookingId}`);
      await expect(row).toContainText(xinyiTime(target.start));
      await expect(row).toContainText('已签到');
      await snap(admin, 'bookings-desktop-02-checked-in');
      // The member sees it too.
      await page.goto(`/m/bookings/${bookingId}`);
      await expect(page.getByTestId('booking-status')).toHaveText('已签到');
      await snap(page, 'bookings-phone-08-checked-in');
    } else {
      await expect(admin.getByTestId('check-in-error')).toHaveText('没有找到今天在本中心、使用这个签到码的预约。请核对签到码，并确认预约的是今天。');
      await snap(admin, 'bookings-desktop-02-check-in-not-today');
    }

    // Cancelling someone's visit takes a reason, which the member is told.
    await admin.goto(`/admin/centers?center=${center.id}&tab=day&date=${laterDay!.date}`);
    const booked = admin.getByTestId('day-table').locator('tr.el-table__row').filter({ hasText: '已预约' }).first();
    await expect(booked).toBeVisible();
    const otherId = /booking-row-(\d+)/.exec((await booked.getAttribute('class')) ?? '')![1];
    await booked.getByRole('button', { name: '取消' }).click();
    const prompt = admin.getByRole('dialog');
    await expect(prompt).toContainText('党员会收到通知');
    await prompt.getByRole('button', { name: '取消预约' }).click();
    await expect(prompt).toContainText('请填写取消原因');
    await prompt.locator('input').fill('窗口临时停办');
    await snap(admin, 'bookings-desktop-02b-cancel-with-reason');
    await prompt.getByRole('button', { name: '取消预约' }).click();
    const cancelledRow = admin.locator(`tr.booking-row-${otherId}`);
    await expect(cancelledRow).toContainText('已取消');
    await expect(cancelledRow).toContainText('窗口临时停办');

    // The day on paper: a sign-in sheet of who is expected (not the cancelled), numbered, with a column to sign — and
    // nothing of the screen's menu, header or controls.
    await admin.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await admin.getByTestId('day-print').click();
    expect(await admin.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    const sheet = admin.getByTestId('day-sheet');
    await expect(sheet).toBeHidden();
    const expected = await admin.getByTestId('day-table').locator('tr.el-table__row').filter({ hasNotText: '已取消' }).count();
    await admin.emulateMedia({ media: 'print' });
    await expect(sheet).toBeVisible();
    await expect(sheet).toContainText('新安街道党群服务中心预约签到表');
    await expect(sheet.locator('th').last()).toHaveText('签名');
    await expect(sheet.getByTestId('day-sheet-row')).toHaveCount(expected);
    await expect(sheet.getByTestId('day-sheet-row').first().locator('td').first()).toHaveText('1');
    for (const hidden of ['.d-layout__aside', '.d-layout__header', '[data-testid=day-table]', '[data-testid=check-in-code]', '[role=tablist]']) {
      await expect(admin.locator(hidden).first(), hidden).toBeHidden();
    }
    await snap(admin, 'bookings-desktop-02c-sign-in-sheet', true);
    await admin.emulateMedia({ media: 'screen' });
    await expect(sheet).toBeHidden();

    // The week, the settings (with the conflicts the server reports) and the closures: tabs in a named list, each
    // opening the one panel, which is labelled by the chosen tab.
    await admin.getByRole('tablist', { name: '接待台分区' }).getByRole('tab', { name: '一周安排' }).click();
    await expect(admin.getByRole('tabpanel', { name: '一周安排' }).getByTestId('week-table')).toBeVisible();
    await snap(admin, 'bookings-desktop-03-week');
    await expectAccessible(admin, 'the week calendar');
    await admin.getByRole('tab', { name: '中心设置' }).click();
    await expect(admin.getByTestId('settings-form')).toBeVisible();
    await expect(admin.getByTestId('settings-conflicts')).toBeVisible();
    await snap(admin, 'bookings-desktop-04-settings', true);
    await expectAccessible(admin, 'the centre settings');
    // One window instead of three: bookings beyond it are kept, and listed for the administrator to rearrange.
    const capacity = admin.locator('label', { hasText: '每个时段可接待人数' }).locator('input');
    await capacity.fill('1');
    await admin.getByTestId('settings-save').click();
    const conflicts = admin.getByTestId('settings-conflicts');
    await expect(conflicts).toContainText(/有 \d+ 个已有预约不符合现在的设置/);
    // Each says why it no longer fits: here, more visits than the one place left.
    await expect(conflicts.getByTestId('conflict-reason').first()).toHaveText('超出该时段名额');
    await expect(conflicts).toContainText('不会被自动取消');
    await expect(conflicts.locator('.el-table__body tr').first()).toBeVisible();
    await snap(admin, 'bookings-desktop-04b-settings-conflicts', true);
    await expectAccessible(admin, 'the settings with conflicts');
    await capacity.fill('3');
    await admin.getByTestId('settings-save').click();
    await expect(conflicts).toContainText('所有已有预约都符合现在的设置');
    await admin.getByRole('tab', { name: '闭馆安排' }).click();
    await expect(admin.getByTestId('closures-panel')).toBeVisible();
    await snap(admin, 'bookings-desktop-05-closures');
    await expectAccessible(admin, 'the closures');

    // The overview: bookings, no-shows and utilisation of the centres the committee runs.
    await admin.getByRole('link', { name: '预约统计' }).click();
    const overview = admin.getByTestId('overview-table');
    await expect(overview).toContainText('新安街道党群服务中心');
    await expect(overview).toContainText('%');
    await snap(admin, 'bookings-desktop-06-overview');
    await expectAccessible(admin, 'the booking overview');

    // The desk on the administrator's phone: check-in box first.
    await admin.setViewportSize(PHONE);
    await admin.goto(`/admin/centers?center=${center.id}`);
    await expect(admin.getByTestId('check-in-code')).toBeVisible();
    await expect(admin.getByTestId('day-cards')).toBeVisible();
    await snap(admin, 'bookings-phone-09-desk');
    await expectAccessible(admin, 'the service desk on a phone');
    // The week scrolls sideways inside its own box; the page itself does not (the cells' screen-reader words once
    // escaped the box and widened it).
    await admin.getByRole('tab', { name: '一周安排' }).click();
    await expect(admin.getByTestId('week-table')).toBeVisible();
    expect(await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await snap(admin, 'bookings-phone-10-desk-week');

    await memberContext.close();
    await adminContext.close();
  });

  test('the transfer tracker’s link opens the booking page with the transfer and purpose preselected', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await logIn(page, 'member');
    await expect(page).toHaveURL(/\/m\/profile$/);
    // In large text (大字模式), as an older member would use it.
    await page.evaluate(() => localStorage.setItem('zhdj.largeText', '1'));
    // A transfer that is not the member's: the page still opens, and booking explains the refusal in plain words.
    // The member's own visits arrive with the page (the calendar marks their days): waited for before a day is chosen.
    const ownVisits = page.waitForResponse((r) => r.url().includes('/api/bookings/mine'));
    await page.goto('/m/bookings/new?transferId=999999&purpose=HAND_IN_MATERIALS');
    await ownVisits;
    await expect(page.getByTestId('transfer-banner')).toContainText('本次预约用于您的组织关系转接');
    await expect(page.getByTestId('purpose-HAND_IN_MATERIALS')).toHaveAttribute('aria-checked', 'true');
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
    await snap(page, 'bookings-phone-10-large-text');
    await expectAccessible(page, 'the booking page in large text');
    // Not today: the first journey opened today until late with no notice, and a time of today could pass between
    // choosing it and booking it.
    // Nor a day the member already visits this centre (the first journey's visit stays on its later day when no time
    // was left today): such a day offers to move that visit instead of times.
    const notToday = `:not([data-date="${xinyiToday()}"]):not([data-held])`;
    const day = page.getByTestId('day-calendar').locator(`[data-mark="free"]${notToday}, [data-mark="few"]${notToday}`).first();
    await day.click();
    await page.getByTestId('slot-picker').locator('[data-testid=slot]:not([disabled])').first().click();
    await page.getByTestId('booking-submit').click();
    await page.getByRole('dialog').getByRole('button', { name: '确认预约' }).click();
    await expect(page.getByTestId('booking-error')).toHaveText('所关联的转接不是您本人的，请从转接进度页面重新进入。');
    await snap(page, 'bookings-phone-11-transfer-link-refused');

    // In English, the booking screens' words arrive with them (loaded on demand, like the app's English).
    await page.evaluate(() => localStorage.setItem('zhdj.locale', 'en'));
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Book a visit' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '2. Choose a day' })).toBeVisible();
    await expect(page.getByTestId('purpose-HAND_IN_MATERIALS')).toContainText('Hand in materials');
    // The picker draws its purposes' tick itself, and with the tab bar's icons drawn too, this page load fetched no
    // icon font (Vant's is 26 KB).
    await expect(page.getByTestId('purpose-HAND_IN_MATERIALS').locator('.bk-purpose__tick.is-checked svg path')).toHaveAttribute('d', /^M/);
    expect(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\.(woff2?|ttf)$/.test(e.name)).length)).toBe(0);
    await snap(page, 'bookings-phone-12-english');
    await expectAccessible(page, 'the booking page in English');
    await page.evaluate(() => localStorage.setItem('zhdj.locale', 'zh-CN'));
  });
});
