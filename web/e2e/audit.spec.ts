import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DESKTOP, expectAccessible, expectTablesFit1366, logIn, PHONE, snap } from './support';

/**
 * The audit log (审计日志): the county administrator checks that the log's chain is intact, finds their own sign-in
 * among the account records, unfolds its detail and exports the search; a bookmarked search opens on a phone as cards
 * that do not widen the page. Members and branch administrators have no audit log.
 */

/** Whether the page is wider than the window (something forces a sideways scroll). */
const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

test.describe('county administrator on a desktop', () => {
  test.use({ viewport: DESKTOP });

  test('checks the chain, finds their own sign-in, unfolds its detail and exports the search', async ({ page }) => {
    await logIn(page, 'admin');
    await expect(page).toHaveURL(/\/admin\//);
    await page.getByRole('link', { name: '审计日志' }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    await expect(page.getByTestId('audit-chain-ok')).toContainText(/^审计链完整：已封存 [\d,]+ 条记录/);

    // The filters' selects are named (their pop-up lists were unnamed without it).
    for (const name of ['操作类别', '具体操作', '对象类型']) await expect(page.getByRole('combobox', { name })).toBeVisible();
    await page.getByTestId('audit-area').click();
    await page.getByRole('option', { name: '账号与登录' }).click();
    await page.getByLabel('用户名').fill('admin');
    // The date pickers' weeks run Monday to Sunday, as Chinese calendars (and the county's working calendar) do.
    await page.locator('#audit-from').click();
    // Its panel is a dialog named after the field (the kit leaves it nameless: kit-popups.ts).
    await expect(page.getByRole('dialog', { name: '开始日期' })).toBeVisible();
    await expect(page.locator('.el-date-table th').first()).toHaveText('一');
    await expect(page.locator('.el-date-table th').last()).toHaveText('日');
    await page.keyboard.press('Escape');
    await page.getByTestId('audit-search').click();
    // The search is in the address: a reload shows it again.
    await expect(page).toHaveURL(/\/admin\/audit\?action=auth\.&username=admin$/);
    const login = page.getByTestId('audit-table').locator('.el-table__row', { hasText: 'auth.login' }).first();
    await expect(login).toContainText('登录');
    // A sign-in is recorded before anyone is logged in: the account being signed in to, and it as the object.
    await expect(login).toContainText('admin（登录时）');
    await expect(login).toContainText('账号 admin');
    await expect(login).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    // Nothing outside the area.
    await expect(page.getByTestId('audit-table').locator('.el-table__row').filter({ hasNotText: 'auth.' })).toHaveCount(0);
    await expectTablesFit1366(page);

    await login.getByRole('button', { name: '展开当前行' }).click();
    await expect(page.getByTestId('audit-detail').first()).toContainText(/^会话编号：\d+/);
    await snap(page, 'desktop-audit-log');
    await expectAccessible(page, 'the audit log');

    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    expect((await download).suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await expect(page.locator('.el-message', { hasText: '导出完成' })).toBeVisible();
  });
});

test.describe('county administrator on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test('opens a bookmarked search as cards that fit the screen', async ({ page }) => {
    await logIn(page, 'admin');
    await expect(page).toHaveURL(/\/admin\//);
    await page.goto('/admin/audit?action=auth.login&username=admin');
    await expect(page.getByTestId('audit-chain-ok')).toBeVisible();
    // The search is folded above the records; its button counts the bookmarked filters, and opens on the form with them.
    const toggle = page.getByTestId('audit-filters-toggle');
    await expect(toggle).toHaveText('筛选（2）');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('audit-filters')).toHaveCount(0);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByLabel('用户名')).toHaveValue('admin');
    const cards = page.getByTestId('audit-cards').getByTestId('audit-row');
    await expect(cards.first()).toContainText('auth.login');
    await cards.first().getByText('详情').click();
    await expect(cards.first().getByTestId('audit-detail')).toContainText(/^会话编号：\d+/);
    expect(await overflows(page)).toBe(false);
    await snap(page, 'phone-audit-log');
    await snap(page, 'phone-audit-log-full', true);
    await expectAccessible(page, 'the audit log (phone)');

    // The menu leads there too.
    await page.getByTestId('open-menu').click();
    await expect(page.getByRole('dialog').getByRole('link', { name: '审计日志' })).toHaveAttribute('aria-current', 'page');
  });
});

test.describe('county administrator in English with large text', () => {
  test.use({ viewport: DESKTOP });

  test('reads the menu, the chain and the records in English', async ({ page }) => {
    await page.goto('/login');
    await page.getByTestId('locale-switch').click();
    await page.getByTestId('text-size-toggle').click();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByTestId('audit-chain-ok')).toContainText(/^The audit chain is intact: [\d,]+ records? sealed/);
    await page.getByTestId('audit-area').click();
    await page.getByRole('option', { name: 'Accounts and sign-in' }).click();
    await page.getByTestId('audit-search').click();
    await expect(page.getByTestId('audit-table').locator('.el-table__row', { hasText: 'auth.login' }).first()).toContainText('Signed in');
    // Large text reaches the desktop kit's parts sized in pixels: a select's chosen value reads as large as the text
    // field beside it, and the date picker's days grow from 12 to 15 pixels.
    const fontPx = (selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await fontPx('[data-testid="audit-area"] .el-select__wrapper')).toBe(await fontPx('#audit-username'));
    await page.locator('#audit-from').click();
    expect(await fontPx('.el-date-table')).toBe(15);
    // The same Monday-first week in English (dayjs's English week would start on Sunday).
    await expect(page.locator('.el-date-table th').first()).toHaveText('Mon');
    await page.keyboard.press('Escape');
    // Off the search button: a hovered primary button is paler than the resting one the check is about.
    await page.mouse.move(0, 0);
    await snap(page, 'desktop-audit-log-english-large');
    await expectAccessible(page, 'the audit log in English with large text');

    // The export is asked for in English, the screen's language, whatever the browser's own (the server writes the
    // file in the language asked for: server/test/audit-chain.http.spec.ts).
    const asked = page.waitForRequest((r) => r.url().includes('/api/audit/export'));
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    expect((await asked).headers()['accept-language']).toBe('en');
    expect((await download).suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await expect(page.locator('.el-message', { hasText: 'Export complete' })).toBeVisible();
  });
});

test.describe('accounts without audit.read', () => {
  // What shows each one's home has arrived, menu included.
  for (const { username, home } of [
    { username: 'member', home: (page: Page) => page.getByTestId('profile-hero') },
    { username: 'branch', home: (page: Page) => page.getByRole('navigation', { name: '主导航' }) },
  ]) {
    test(`${username}: no menu item, and the address is refused`, async ({ page }) => {
      await logIn(page, username);
      await expect(home(page)).toBeVisible();
      await expect(page.getByRole('link', { name: '审计日志' })).toHaveCount(0);
      await page.goto('/admin/audit');
      await expect(page).toHaveURL(/\/no-access\?from=(%2F|\/)admin(%2F|\/)audit$/);
      await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
    });
  }
});
