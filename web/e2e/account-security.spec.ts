import { expect, test, type Page } from '@playwright/test';
import { authenticator } from 'otplib';
import { DESKTOP, expectAccessible, logIn, PHONE, snap } from './support';

/** A code for the secret half a minute ahead: the server allows one step of drift and never accepts a step twice. */
const nextCode = (secret: string) => authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);

async function logOutFromAdmin(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.getByRole('button', { name: '退出登录' }).last().click();
  await expect(page).toHaveURL(/\/login\?reason=logout$/);
}

test.describe('account security', () => {
  test.describe('an administrator on a desktop', () => {
    test.use({ viewport: DESKTOP });

    test('enrols TOTP, logs out, logs in with a code from the app; then turns it off', async ({ page }) => {
      await logIn(page, 'branch2');
      await expect(page).toHaveURL(/\/admin\//);
      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-security').click();
      await expect(page).toHaveURL(/\/admin\/security$/);
      const panel = page.getByTestId('totp-panel');
      await expect(panel.getByTestId('totp-state')).toHaveText('未开启');
      await expect(page.getByTestId('session-current')).toContainText('本设备');
      await expect(page.getByTestId('password-rules')).toContainText('至少 12 个字符');

      await panel.getByTestId('totp-enable').click();
      const secretText = await panel.getByTestId('totp-secret').textContent();
      const secret = (secretText ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await expect(panel.getByRole('img', { name: '两步验证设置二维码' })).toBeVisible();
      await snap(page, 'desktop-security-01-totp-setup');
      await expectAccessible(page, 'TOTP enrolment');

      await panel.getByLabel('第二步：输入应用中显示的 6 位动态码').fill(authenticator.generate(secret));
      await panel.getByTestId('totp-confirm').click();
      const codes = panel.getByTestId('recovery-codes');
      await expect(codes.locator('li')).toHaveCount(10);
      const recovery = await codes.locator('li').allTextContents();
      for (const c of recovery) expect(c.trim()).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      // "Done" waits for the user to say the codes are saved.
      await expect(panel.getByTestId('codes-done')).toBeDisabled();
      await snap(page, 'desktop-security-02-recovery-codes');
      await panel.getByTestId('codes-saved').check();
      await panel.getByTestId('codes-done').click();
      await expect(panel.getByTestId('totp-state')).toHaveText('已开启');
      await expect(panel.getByTestId('recovery-left')).toContainText('10');
      // Shown once: gone from the page for good.
      await expect(page.getByText(recovery[0].trim())).toHaveCount(0);

      await logOutFromAdmin(page);
      await logIn(page, 'branch2');
      await expect(page.getByTestId('mfa-form')).toBeVisible();
      await snap(page, 'desktop-security-03-login-code');
      await expectAccessible(page, 'the login code step');
      await page.getByLabel('动态码').fill('000000');
      await page.getByTestId('mfa-submit').click();
      if (nextCode(secret) !== '000000') await expect(page.getByTestId('login-error')).toContainText('动态码不正确');
      await page.getByLabel('动态码').fill(nextCode(secret));
      await page.getByTestId('mfa-submit').click();
      await expect(page).toHaveURL(/\/admin\//);

      // Leave the demo account as it was: turn TOTP off with the password.
      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-security').click();
      await page.getByTestId('totp-disable').click();
      await page.getByRole('radio', { name: '用密码确认' }).check();
      await page.getByLabel('密码', { exact: true }).fill('Demo-2026-zhdj');
      await page.getByTestId('totp-disable-confirm').click();
      await expect(page.getByTestId('totp-state')).toHaveText('未开启');
    });
  });

  test.describe('a member on a phone', () => {
    test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

    test('lists their sessions and ends the one on another device', async ({ page, browser }) => {
      // Another device: its own browser, logged in as the same member.
      const other = await browser.newContext({ viewport: PHONE, userAgent: 'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.49' });
      const otherPage = await other.newPage();
      await logIn(otherPage, 'member');
      await expect(otherPage).toHaveURL(/\/m\/profile$/);

      await logIn(page, 'member');
      await expect(page).toHaveURL(/\/m\/profile$/);
      await page.getByTestId('tab-settings').click();
      await page.getByTestId('open-security').click();
      await expect(page).toHaveURL(/\/m\/security$/);
      await expect(page.getByTestId('session-current')).toHaveCount(1);
      const wechat = page.getByTestId('session-other').filter({ hasText: 'WeChat · Android' }).first();
      await expect(wechat).toBeVisible();
      // No TOTP for members.
      await expect(page.getByTestId('totp-panel')).toHaveCount(0);
      await snap(page, 'phone-security-01-sessions');
      await expectAccessible(page, 'the account security page (phone)');

      await wechat.getByTestId('end-session').click();
      await wechat.getByRole('button', { name: '确认结束' }).click();
      await expect(page.getByTestId('session-notice')).toHaveText('已结束该会话');
      await expect(page.getByTestId('session-other').filter({ hasText: 'WeChat · Android' })).toHaveCount(0);
      await snap(page, 'phone-security-02-session-ended');

      // The other device is signed out at its next request.
      await otherPage.reload();
      await expect(otherPage).toHaveURL(/\/login/);
      await other.close();
    });
  });
});
