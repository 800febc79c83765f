import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { brokenDates, brokenLabels, cutOffText, DEMO_PASSWORD, expectAccessible, lineCount, logIn, PHONE, snap, strandedSeparators } from './support';

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

test.describe('member on a phone', () => {
  test('logs in and sees their own profile: name, branch, dues', async ({ page }) => {
    await page.goto('/m/profile');
    // Not logged in: the login page, remembering where the member was going.
    await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)m(%2F|\/)profile$/);
    await expect(page.getByRole('heading', { name: '新沂市智慧党建平台' })).toBeVisible();
    await snap(page, 'phone-01-login');
    await expectAccessible(page, 'the login page (phone)');

    await logIn(page, 'member');
    await expect(page).toHaveURL(/\/m\/profile$/);
    const hero = page.getByTestId('profile-hero');
    await expect(hero.getByTestId('profile-name')).toHaveText(/\S{2,}/);
    await expect(hero.getByTestId('profile-branch')).toContainText('支部');
    await expect(hero).toContainText('正式党员');
    const dues = page.getByTestId('profile-dues');
    await expect(dues).toContainText('党费交至');
    await expect(dues).toContainText(/\d{4}年\d{1,2}月/);
    // The ID number is masked on screen.
    await expect(page.getByTestId('profile-id')).toContainText(/^.*\d{4}\*{10}[\dX]{4}.*$/);
    await expect(page.getByRole('heading', { name: '组织关系变动记录' })).toBeVisible();
    await snap(page, 'phone-02-member-profile');
    await snap(page, 'phone-02-member-profile-full', true);
    await expectAccessible(page, 'the member profile');

    // Members never download the admin kit.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    expect(scripts.some((s) => /element-plus/.test(s))).toBe(false);
    // Nor English, in the app's words or Vant's, until someone chooses it.
    expect(scripts.filter((s) => /\/en(-US)?-[\w-]+\.js$/.test(s))).toEqual([]);
    // Nor Vant's icon font: the tab bar draws its icons itself (layouts/tab-icons.ts), and they show.
    const fonts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\.(woff2?|ttf)$/.test(n)));
    expect(fonts).toEqual([]);
    await expect(page.getByTestId('tab-profile').locator('svg path')).toHaveAttribute('d', /^M/);

    // The tab bar is the main navigation: links, the current section's marked as the page.
    const nav = page.getByRole('navigation', { name: '主导航' });
    await expect(nav.getByRole('link')).toHaveText(['我的', '预约', '学习', '转接', '设置']);
    await expect(nav.getByRole('link', { name: '我的' })).toHaveAttribute('aria-current', 'page');
    await expect(nav.locator('[aria-current]')).toHaveCount(1);
    // Scrolled to its end, the page's last line stays above the fixed tab bar, whose room the layout keeps below the
    // content (no placeholder element after it, which moved as content arrived: a layout shift).
    await expect(page.locator('.van-tabbar__placeholder')).toHaveCount(0);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const tabTop = await nav.evaluate((el) => el.getBoundingClientRect().top);
    const contentBottom = await page.locator('#main > *').last().evaluate((el) => el.getBoundingClientRect().bottom);
    expect(contentBottom).toBeLessThanOrEqual(tabTop);
  });

  test('can be added to the phone’s home screen, and opened from its icon', async ({ baseURL, launchOptions }) => {
    // Chromium tells whether a page can be installed only outside incognito: a browser profile of the test's own.
    const profile = mkdtempSync(join(tmpdir(), 'zhdj-install-'));
    const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL, viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto('/login');
      const cdp = await context.newCDPSession(page);
      await expect.poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
      const { manifest, data } = await cdp.send('Page.getAppManifest');
      expect(manifest).toMatchObject({ name: '新沂市智慧党建平台', display: 'kMinimalUi', startUrl: `${baseURL}/` });
      expect(JSON.parse(data ?? '{}').short_name, 'the name under the icon').toBe('智慧党建');

      // Every icon named is there, at the size it claims; iOS's icon too, square and opaque (it rounds it itself).
      const iconOf = (src: string) =>
        page.evaluate(async (url) => {
          const img = new Image();
          img.src = url;
          await img.decode();
          const canvas = Object.assign(document.createElement('canvas'), { width: img.naturalWidth, height: img.naturalHeight });
          const g = canvas.getContext('2d')!;
          g.drawImage(img, 0, 0);
          return { size: `${img.naturalWidth}x${img.naturalHeight}`, cornerAlpha: g.getImageData(0, 0, 1, 1).data[3] };
        }, src);
      for (const icon of manifest!.icons!.filter((i) => i.type === 'image/png')) expect((await iconOf(icon.url)).size).toBe(icon.sizes);
      const appleIcon = await iconOf((await page.locator('link[rel="apple-touch-icon"]').getAttribute('href'))!);
      expect(appleIcon).toEqual({ size: '180x180', cornerAlpha: 255 });

      // Opened from the icon: the start address leads a member who is not signed in to the login, and then home.
      await page.goto(manifest!.startUrl!);
      await expect(page).toHaveURL(/\/login/);
      await logIn(page, 'member');
      await expect(page).toHaveURL(/\/m\/profile$/);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('turns on large text and English, and both survive a reload', async ({ page }) => {
    await logIn(page, 'member');
    await expect(page).toHaveURL(/\/m\/profile$/);
    const before = await page.getByTestId('profile-name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

    await page.getByTestId('tab-settings').click();
    await expect(page).toHaveURL(/\/m\/settings$/);
    await page.getByRole('switch', { name: '大字模式' }).click();
    await page.getByRole('radio', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await snap(page, 'phone-03-settings-large-english');
    await expectAccessible(page, 'the settings page');
    // Vant's own words follow, fetched when English was chosen: the sign-out question's Cancel is Vant's. The dialog is
    // named by its question (Vant's own aria-labelledby points at no element: composables/asked.ts).
    await page.getByTestId('logout').click();
    const question = page.getByRole('dialog', { name: 'Do you want to sign out?' });
    await expect(question.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expectAccessible(page, 'the sign-out question');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toBeHidden();

    await page.reload();
    await page.getByTestId('tab-profile').click();
    await expect(page.getByText('Dues paid through')).toBeVisible();
    const after = await page.getByTestId('profile-name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(after).toBeCloseTo(before * 1.25, 0);
    await snap(page, 'phone-04-profile-large-english');
  });

  test('an ended session returns to login with a message', async ({ page }) => {
    await logIn(page, 'member');
    await expect(page).toHaveURL(/\/m\/profile$/);
    // The profile has loaded, so its GET /api/me has answered: answering after the tampering below, its setUser would
    // store the (still valid) tokens again.
    await expect(page.getByTestId('profile-name')).toBeVisible();
    // The server no longer accepts these tokens (as after a revocation or a refresh-token replay).
    await page.evaluate(() => {
      const key = 'zhdj.session';
      const session = JSON.parse(localStorage.getItem(key) ?? '{}');
      localStorage.setItem(key, JSON.stringify({ ...session, accessToken: 'eyJhbGciOiJIUzI1NiJ9.e30.invalid-signature', refreshToken: 'spent' }));
    });
    await page.reload();
    await expect(page).toHaveURL(/\/login\?reason=expired/);
    await expect(page.getByTestId('login-notice')).toHaveText('会话已过期，请重新登录');
    await snap(page, 'phone-05-session-expired');
    // Logging in again returns to the profile.
    await page.getByLabel('用户名').fill('member');
    await page.getByLabel('密码', { exact: true }).fill('Demo-2026-zhdj');
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/m\/profile$/);
  });

  test('a wrong password is explained', async ({ page }) => {
    await logIn(page, 'member', 'definitely-wrong-1');
    await expect(page.getByTestId('login-error')).toHaveText('用户名或密码错误，请重新输入');
  });
  test('on a 320-pixel phone in large text, labels fit: calendar days, study rows, the dues month', async ({ page }) => {
    // The smallest phones still in use, with the text an older member turns up.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/login');
    await page.evaluate(() => localStorage.setItem('zhdj.largeText', '1'));
    await logIn(page, 'member');
    await expect(page).toHaveURL(/\/m\/profile$/);

    // No short label on the member's screens breaks over two lines.
    for (const path of ['/m/transfers', '/m/bookings', '/m/bookings/new', '/m/study', '/m/notifications', '/m/settings', '/m/profile']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await brokenLabels(page), path).toEqual([]);
    }

    // The month the dues are paid through reads on one line, not "2026" over "年11月".
    const month = page.getByTestId('profile-dues').locator('.profile__dues-value');
    const { height, fontSize } = await month.evaluate((el) => ({ height: el.getBoundingClientRect().height, fontSize: parseFloat(getComputedStyle(el).fontSize) }));
    expect(height).toBeLessThan(2 * fontSize);
    await snap(page, 'phone-05-profile-320-large');

    // Every day's label inside its cell, "12/1" and 今天 included.
    await page.goto('/m/bookings/new');
    const days = page.getByTestId('calendar-day');
    await expect(days.first()).toBeVisible();
    const overflowing = await days.evaluateAll((cells) =>
      cells.flatMap((cell) => {
        const box = cell.getBoundingClientRect();
        return Array.from(cell.querySelectorAll('span'))
          .map((label) => ({ text: label.textContent, r: label.getBoundingClientRect(), w: (label as HTMLElement).scrollWidth, cw: (label as HTMLElement).clientWidth }))
          .filter(({ r, w, cw }) => r.left < box.left - 0.5 || r.right > box.right + 0.5 || w > cw + 1)
          .map(({ text }) => text);
      }),
    );
    expect(overflowing).toEqual([]);
    // The centre's phone number reads as one, not broken after its area code.
    const tel = page.getByTestId('center-card').locator('a[href^="tel:"]');
    await expect(tel).toBeVisible();
    expect(await lineCount(tel)).toBe(1);
    await snap(page, 'phone-06-booking-calendar-320-large');

    // A module's title keeps most of its row instead of breaking every few characters beside its status.
    await page.goto('/m/study');
    const rows = page.locator('.module-row');
    await expect(rows.first()).toBeVisible();
    const cramped = await rows.evaluateAll((links) =>
      links
        .map((link) => ({ title: link.querySelector('.module-row__title')!, row: link.getBoundingClientRect().width }))
        .filter(({ title, row }) => title.getBoundingClientRect().width < row * 0.55)
        .map(({ title }) => title.textContent),
    );
    expect(cramped).toEqual([]);
    await snap(page, 'phone-07-study-320-large');

    // The tab bar's labels keep inside their fifth of the screen, in English too ("Transfer", "Settings").
    await page.evaluate(() => localStorage.setItem('zhdj.locale', 'en'));
    await page.goto('/m/profile');
    const links = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link');
    await expect(links).toHaveText(['Me', 'Visits', 'Study', 'Transfer', 'Settings']);
    const spilling = await links.evaluateAll((items) =>
      items
        .filter((a) => {
          const label = a.querySelector('span')!.getBoundingClientRect();
          const box = a.getBoundingClientRect();
          return label.left < box.left - 0.5 || label.right > box.right + 0.5;
        })
        .map((a) => a.textContent?.trim()),
    );
    expect(spilling).toEqual([]);
    await snap(page, 'phone-05b-tabbar-320-large-english');

    // The profile's facts: a value beside a long English label drops below it rather than breaking a date in two.
    await expect(page.getByText('Date of birth')).toBeVisible();
    expect(await brokenLabels(page, 10), 'the profile in English').toEqual([]);

    // The screen's title keeps its line; the app's name beside it gives way ("Book" over "a" over "visit" before).
    for (const [path, title] of [['/m/bookings/new', 'Book a visit'], ['/m/study', 'My study']]) {
      await page.goto(path);
      const heading = page.getByRole('banner').getByRole('heading', { level: 1 });
      await expect(heading).toHaveText(title);
      expect(await lineCount(heading), title).toBe(1);
    }
    await snap(page, 'phone-05c-header-320-large-english');
  });

  test('on a 320-pixel phone in large text, the letter’s buttons and a visit’s status keep their labels whole', async ({ page, request }) => {
    const phone = await memberWithLetter(request);

    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/login');
    await page.evaluate(() => localStorage.setItem('zhdj.largeText', '1'));
    await logIn(page, phone);
    await expect(page).toHaveURL(/\/m\/profile$/);
    // The home's transfer card: its title and the status tag beside it each keep their words whole.
    await expect(page.getByTestId('transfer-home-card').getByRole('heading')).toBeVisible();
    expect(await brokenLabels(page), 'the home with a transfer').toEqual([]);
    await page.goto('/m/transfers');
    for (const id of ['letter-view', 'letter-download']) {
      const button = page.getByTestId(id);
      await button.scrollIntoViewIfNeeded();
      const { height, fontSize } = await button.locator('.van-button__text').evaluate((el) => ({ height: el.getBoundingClientRect().height, fontSize: parseFloat(getComputedStyle(el).fontSize) }));
      expect(height, id).toBeLessThan(2 * fontSize);
    }
    await snap(page, 'phone-08-letter-buttons-320-large');

    // A visit booked for the letter's hand-over: its status tag in the list reads 已预约 on one line.
    const visit = await bookVisit(request, phone);
    await page.goto('/m/bookings');
    const tag = page.locator('.van-tag', { hasText: '已预约' }).first();
    await expect(tag).toBeVisible();
    const { height, fontSize } = await tag.evaluate((el) => ({ height: el.getBoundingClientRect().height, fontSize: parseFloat(getComputedStyle(el).fontSize) }));
    expect(height).toBeLessThan(2 * fontSize);
    await snap(page, 'phone-09-visit-status-320-large');
    await visit.cancel();

    // No date breaks at a hyphen ("Due by 2026-" over "11-20"): the home's card, the tracker's timeline and letter,
    // the visits, the study tracks, the messages and the signed-in devices, in Chinese and in English.
    await onMemberScreens(page, async (where) => expect(await brokenDates(page), where).toEqual([]));
  });

  test('with the phone’s own text larger as well, nothing on the member’s screens runs past its card', async ({ page, request }) => {
    const phone = await memberWithLetter(request);
    // The browser's own text size at 20 pixels instead of 16 (a phone's system font set larger), and large text on
    // top: a quarter larger again. Badges, buttons and phrases that keep their line no longer fit a 320-pixel card.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 20, fixed: 16 } });
    await page.setViewportSize({ width: 320, height: 640 });
    // With a visit booked, so that the visits' list shows a day and a range of times ("11:00–" had been left over
    // "11:30").
    const visit = await bookVisit(request, phone);
    await page.goto('/login');
    await page.evaluate(() => localStorage.setItem('zhdj.largeText', '1'));
    await logIn(page, phone);
    await expect(page).toHaveURL(/\/m\/profile$/);
    await onMemberScreens(page, async (where) => {
      expect(await cutOffText(page), where).toEqual([]);
      expect(await brokenDates(page), where).toEqual([]);
      expect(await strandedSeparators(page), where).toEqual([]);
      expect(await brokenLabels(page), where).toEqual([]);
      // The bell keeps a finger's width however long the screen's title (it had been squeezed to 38 pixels).
      expect((await page.locator('.m-layout__bell').boundingBox())?.width, where).toBeGreaterThanOrEqual(44);
    });
    await snap(page, 'phone-08b-tracker-320-larger-system-text-english', true);
    await visit.cancel();
  });
});

/**
 * Books the member the first free time at a centre in the coming days (through the API, as the booking screen does),
 * and gives back how to cancel it again, so that the demo's data are as they were.
 */
async function bookVisit(request: APIRequestContext, phone: string): Promise<{ id: number; cancel: () => Promise<void> }> {
  const session = await (await request.post('/api/auth/login', { data: { username: phone, password: DEMO_PASSWORD } })).json();
  const mine = { Authorization: `Bearer ${session.accessToken}` };
  const centers = await (await request.get('/api/service-centers', { headers: mine })).json();
  const centerId = (centers.items ?? centers)[0].id;
  const from = new Date(Date.now() + 2 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const to = new Date(Date.now() + 12 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const days: { slots: { start: string; free: number }[] }[] = await (await request.get(`/api/service-centers/${centerId}/availability?from=${from}&to=${to}`, { headers: mine })).json();
  // The first free time the member can take: a day's first free time, day after day (a visit the seed or a failed run
  // left booked refuses its time as overlapping and its day at that centre as taken: the next day is tried).
  let id: number | undefined;
  const firstFreeOfEachDay = days.flatMap((d) => d.slots.filter((x) => x.free > 0).slice(0, 1));
  for (const slot of firstFreeOfEachDay.slice(0, 5)) {
    const booked = await request.post('/api/bookings', { headers: mine, data: { serviceCenterId: centerId, start: slot.start, purpose: 'CONSULTATION' } });
    if (booked.status() === 201) {
      id = (await booked.json()).id;
      break;
    }
  }
  expect(id, 'a free time in the coming days').toBeDefined();
  return {
    id: id!,
    cancel: async () => expect((await request.post(`/api/bookings/${id}/cancel`, { headers: mine, data: {} })).status()).toBe(200),
  };
}

/** A seeded member whose letter is issued, as their login (members log in by their mobile number). */
async function memberWithLetter(request: APIRequestContext): Promise<string> {
  const login = await request.post('/api/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } });
  const auth = { Authorization: `Bearer ${(await login.json()).accessToken}` };
  const queue = await (await request.get('/api/transfers?queue=watching&state=LETTER_ISSUED&limit=20', { headers: auth })).json();
  const open = queue.items.find((x: { member: { id: number } | null }) => x.member);
  expect(open, 'the demo has a transfer with its letter issued').toBeTruthy();
  const { phone } = await (await request.get(`/api/members/${open.member.id}`, { headers: auth })).json();
  return phone;
}

/**
 * The member's six screens (home, transfer, visits, study, messages, settings) in Chinese and then in English, each
 * opened and settled, then checked; `check` is told which screen and language it is looking at.
 */
async function onMemberScreens(page: Page, check: (where: string) => Promise<void>): Promise<void> {
  for (const locale of ['zh-CN', 'en']) {
    await page.evaluate((l) => localStorage.setItem('zhdj.locale', l), locale);
    for (const path of ['/m/profile', '/m/transfers', '/m/bookings', '/m/study', '/m/notifications', '/m/settings']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await check(`${path} (${locale})`);
    }
  }
}
