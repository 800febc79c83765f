import { expect, test, type Browser, type Page } from '@playwright/test';
import { DESKTOP, expectAccessible, expectTablesFit1366, logIn, PHONE, snap, tablesOverflow } from './support';

/**
 * An in-county transfer followed end to end by the people who handle it: the demo member applies on a phone to a
 * branch under another committee (北沟街道); their branch pre-reviews on a phone; their committee approves and issues
 * the letter on a desktop (a real PDF); anyone verifies the letter on a phone without logging in; the receiving
 * committee accepts and places the member; the receiving branch confirms the member reported; the member sees the
 * transfer completed and their new branch.
 */
const DESTINATION_SHORT = '北沟街道阳光社区第一党支部';
const DESTINATION_FULL = /中共北沟街道阳光社区第一支部委员会/;

const phone = { viewport: PHONE, hasTouch: true, isMobile: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const desktop = { viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

/** Shared along the journey (the steps run in order). */
const journey = { id: 0, memberName: '', verifyPath: '', serial: '' };

async function open(browser: Browser, options: typeof phone | typeof desktop): Promise<Page> {
  const context = await browser.newContext(options);
  return context.newPage();
}

/** From an administrator's to-do queue to the review of the journey's transfer. */
async function openFromQueue(page: Page, viaMenu: boolean): Promise<void> {
  if (viaMenu) {
    await page.getByTestId('open-menu').click();
    await page.getByRole('dialog').getByRole('link', { name: '转接办理' }).click();
  } else {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '转接办理' }).click();
  }
  await expect(page).toHaveURL(/\/admin\/transfers$/);
  await expect(page.getByTestId('queue-tab-todo')).toBeVisible();
  const rows = page.getByTestId('queue-row');
  const row = rows.filter({ hasText: journey.memberName });
  // The queue is ordered by deadline: on a day when the demo holds many steps due before the journey's (the seed's
  // dates follow the calendar), it is on a later page.
  for (let pages = 1; pages < 10; pages++) {
    await expect(rows.first()).toBeVisible();
    // (A queue of one page shows no pager.)
    if ((await row.count()) > 0 || !(await page.getByTestId('queue-next').isVisible()) || !(await page.getByTestId('queue-next').isEnabled())) break;
    const first = (await rows.first().textContent()) ?? '';
    await page.getByTestId('queue-next').click();
    await expect(rows.first()).not.toHaveText(first);
  }
  await expect(row.first()).toBeVisible();
  await row.first().click();
  await expect(page).toHaveURL(new RegExp(`/admin/transfers/${journey.id}$`));
  await expect(page.getByTestId('review-member-name')).toHaveText(journey.memberName);
}

/** Takes one step on the review screen through its dialog; `said` is the success message (已初审通过). */
async function act(page: Page, action: string, said: string, expectedState: string): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByTestId('action-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('action-confirm').click();
  await expect(page.locator('.el-message').getByText(said, { exact: true })).toBeVisible();
  await expect(page.locator('.review__head').getByTestId('transfer-state')).toHaveText(expectedState);
}

test.describe.serial('an in-county transfer from application to reporting', () => {
  test.setTimeout(120_000);

  test('the member applies on a phone; what is missing is shown beside its field', async ({ browser }) => {
    const page = await open(browser, phone);
    await logIn(page, 'member');
    await expect(page).toHaveURL(/\/m\/profile$/);
    journey.memberName = (await page.getByTestId('profile-name').textContent())!.trim();
    const card = page.getByTestId('transfer-home-card');
    await expect(card).toContainText('组织关系转接');
    await card.getByTestId('transfer-home-apply').click();
    await expect(page).toHaveURL(/\/m\/transfers\/new$/);
    await snap(page, 'phone-tx-01-apply-where');
    // Not sure where to go: the guide explains the common situations (graduates among them) and offers a consultation.
    const guide = page.getByTestId('apply-guide');
    await guide.getByText('不知道该转到哪里？').click();
    await expect(guide).toContainText('暂未落实工作的，可以转到户籍所在地的乡镇（街道）党委');
    await expect(guide.getByTestId('apply-guide-consult')).toHaveAttribute('href', '/m/bookings/new?purpose=CONSULTATION');
    await snap(page, 'phone-tx-01b-apply-guide', true);
    await expectAccessible(page, 'the guide to where to transfer');
    await guide.getByText('不知道该转到哪里？').click();

    // On without choosing the destination: the step says what it lacks at once, beside its field, and stays.
    await expect(page.getByRole('radio', { name: '转到新沂市内的其他党组织' })).toBeChecked();
    await page.getByTestId('apply-next').click();
    await expect(page.getByTestId('field-error-destinationOrgId')).toHaveText('请从组织目录中选择转入的党组织');
    await expect(page.getByTestId('apply-step-destination')).toBeVisible();
    await expect(page).toHaveURL(/\/m\/transfers\/new$/);
    await snap(page, 'phone-tx-02-apply-missing');
    // Outside the province, the first field in red is brought into view below the four choices.
    await page.getByTestId('channel-CROSS_PROVINCE').click();
    await page.getByTestId('apply-next').click();
    await expect(page.getByTestId('field-destinationName').locator('.van-field__error-message')).toBeInViewport();
    await page.getByTestId('channel-IN_COUNTY').click();

    await page.getByTestId('org-search').locator('input').fill('阳光社区第一');
    await page.getByTestId('org-option').filter({ hasText: DESTINATION_SHORT }).first().click();
    await expect(page.getByTestId('org-picked')).toContainText(DESTINATION_FULL);
    await expect(page.getByTestId('field-error-destinationOrgId')).toHaveCount(0);
    await expectAccessible(page, 'the application wizard');
    await page.getByTestId('apply-next').click();
    await expect(page).toHaveURL(/\/m\/transfers\/new\?step=2$/);

    // No reason is chosen for the member (a preselected one would go through unread): one is asked for.
    await expect(page.getByTestId('apply-step-reason').getByRole('radio', { checked: true })).toHaveCount(0);
    await page.getByTestId('apply-next').click();
    await expect(page.getByTestId('error-reason')).toHaveText('请选择转接原因');
    // 其他 needs its explanation before the member moves on.
    await page.getByTestId('reason-OTHER').click();
    await expect(page.getByTestId('error-reason')).toHaveCount(0);
    await page.getByTestId('apply-next').click();
    await expect(page.getByTestId('field-reasonDetail')).toContainText('请写明转接原因');
    // From the keyboard as well: Space chooses a radio (Vant's act on a click only; vant-keyboard.ts).
    await page.getByTestId('reason-RESIDENCE').focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('reason-RESIDENCE')).toHaveAttribute('aria-checked', 'true');
    // The reasons are one Tab stop, as a native radio group is: Tab goes on to the explanation (not to 其他), and
    // Shift+Tab comes back to the chosen reason.
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('field-reasonDetail').locator('textarea')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('reason-RESIDENCE')).toBeFocused();
    // And the keyboard's focus is seen (Vant's own styles take the ring off anything focused; base.css puts it back).
    await expect(page.getByTestId('reason-RESIDENCE')).toHaveCSS('outline-style', 'solid');
    await page.getByTestId('field-reasonDetail').locator('textarea').fill('购房迁居到北沟街道');

    // Leaving with something typed keeps it: it is saved as the draft, which the member comes back to.
    await page.getByTestId('tab-profile').click();
    await expect(page).toHaveURL(/\/m\/profile$/);
    // The toast saying so is said to screen readers by a polite live region; Vant's drawing of it (an unnamed dialog
    // none reads out) is only a picture, not in the accessibility tree or the tab order.
    await expect(page.getByRole('status').filter({ hasText: '草稿已保存' })).toHaveAttribute('aria-live', 'polite');
    await expect(page.locator('.van-toast').last()).toHaveAttribute('aria-hidden', 'true');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.goto('/m/transfers/new');
    await expect(page).toHaveURL(/\/m\/transfers\/\d+\/edit$/);
    await page.getByTestId('apply-next').click();
    await expect(page.getByTestId('field-reasonDetail').locator('textarea')).toHaveValue('购房迁居到北沟街道');
    await expect(page.getByTestId('reason-RESIDENCE')).toHaveAttribute('aria-checked', 'true');
    await page.getByTestId('apply-next').click();
    await expect(page.getByTestId('field-phone').locator('input')).toHaveValue(/^1\d{10}$/);
    await expect(page.getByTestId('field-duesPaidThrough')).toContainText(/\d{4}年\d{1,2}月/);
    // The month picker opens as a dialog named for what it picks (a screen reader says 党费交至, not just "dialog").
    await page.getByTestId('field-duesPaidThrough').click();
    const duesPicker = page.getByRole('dialog', { name: '党费交至' });
    await expect(duesPicker).toBeVisible();
    await duesPicker.getByRole('button', { name: '取消' }).click();
    await expect(duesPicker).toBeHidden();

    // The phone's back button goes back a step, not out of the application; forward comes back.
    await page.goBack();
    await expect(page.getByTestId('apply-step-reason')).toBeVisible();
    await expect(page).toHaveURL(/\/edit\?step=2$/);
    await page.goForward();
    await expect(page.getByTestId('apply-step-contact')).toBeVisible();
    await page.getByTestId('apply-next').click();
    await expect(page.getByTestId('apply-step-review')).toBeVisible();
    await expect(page.getByTestId('review-destination')).toContainText(DESTINATION_FULL);
    await expect(page.getByTestId('apply-problems')).toHaveCount(0);
    await snap(page, 'phone-tx-03-apply-review', true);
    await expectAccessible(page, 'the application review step');

    await page.getByTestId('apply-submit').click();
    await expect(page).toHaveURL(/\/m\/transfers\/\d+$/);
    journey.id = Number(page.url().split('/').pop());
    const hero = page.getByTestId('track-hero');
    await expect(hero.getByTestId('transfer-state')).toHaveText('待初审');
    await expect(hero).toContainText('等待您所在的党支部初审');
    await expect(page.getByTestId('timeline-pending')).toContainText('等待');
    await expect(page.getByTestId('timeline-event').first()).toContainText('提交申请');
    await snap(page, 'phone-tx-04-tracker-submitted', true);
    await expectAccessible(page, 'the member tracker');

    // The member's screens never load the admin kit or the charts.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    expect(scripts.some((s) => /element-plus|echarts/.test(s))).toBe(false);
    await page.context().close();
  });

  test('the branch pre-reviews on a phone with the checklist', async ({ browser }) => {
    const page = await open(browser, phone);
    await logIn(page, 'branch');
    await expect(page).toHaveURL(/\/admin\/orgs\/\d+$/);
    await openFromQueue(page, true);
    await expect(page.getByTestId('review-flags')).toContainText('党费已交至本月');
    // The way to the member's whole record is a finger's target on the phone.
    const record = await page.getByTestId('review-member').getByRole('link', { name: '查看完整档案' }).boundingBox();
    expect(record!.height).toBeGreaterThanOrEqual(44);
    await expect(page.getByTestId('action-preApprove')).toBeDisabled();
    for (const item of ['identityVerified', 'duesPaid', 'goodStanding', 'destinationExact', 'probationHandled', 'materialsComplete']) {
      await page.getByTestId(`check-${item}`).click();
    }
    await expect(page.getByTestId('review-checklist')).toContainText('已核对 6 项，共 6 项');
    await snap(page, 'phone-tx-05-branch-review', true);
    await expectAccessible(page, 'the review screen (phone)');
    await act(page, 'preApprove', '已初审通过', '待党委审批');
    await expect(page.getByTestId('transfer-timeline').getByTestId('timeline-event').first()).toContainText('党支部初审通过');
    await page.context().close();
  });

  test('the committee approves and issues the letter on a desktop, and the letter is a PDF', async ({ browser }) => {
    const page = await open(browser, desktop);
    await logIn(page, 'committee');
    // The menu carries the to-do count (red: the demo's committee has overdue steps), as the queue's tab does.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '转接办理' }).click();
    await expect(page.getByTestId('queue-count-todo')).toHaveText(/^\d+$/);
    const todoCount = Number(await page.getByTestId('queue-count-todo').textContent());
    expect(todoCount).toBeGreaterThan(1);
    const badge = page.getByTestId('nav-transfers-waiting');
    await expect(badge).toHaveText(String(todoCount));
    await expect(badge).toHaveClass(/is-overdue/);
    await openFromQueue(page, false);
    await act(page, 'approve', '已审批通过', '待开具介绍信');
    await expect(badge).toHaveText(String(todoCount)); // the letter is still the committee's to issue
    await act(page, 'issueLetter', '已开具介绍信', '介绍信已开具');
    await expect(badge).toHaveText(String(todoCount - 1)); // now the receiving committee's

    const letter = page.getByTestId('review-letter');
    await expect(letter.getByTestId('letter-status')).toHaveText('有效');
    journey.serial = (await letter.getByTestId('letter-serial').textContent())!.trim();
    expect(journey.serial).toMatch(/^\d{4}[A-Za-z0-9]+\d{3}$/);
    journey.verifyPath = (await letter.getByTestId('letter-verify-link').getAttribute('href'))!;
    expect(journey.verifyPath).toMatch(/^\/verify\/[A-Za-z0-9_-]{22}$/);

    const download = page.waitForEvent('download');
    await letter.getByTestId('letter-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`letter-${journey.serial}.pdf`);
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5000);
    // Saving the file is not a print; opening it to print is, and is counted.
    await expect(letter.getByTestId('letter-prints')).toHaveText('已打印 0 次');
    const tab = page.context().waitForEvent('page');
    await letter.getByTestId('letter-print').click();
    await (await tab).close();
    await expect(letter.getByTestId('letter-prints')).toHaveText('已打印 1 次');
    await snap(page, 'desktop-tx-06-letter-issued', true);
    await expectAccessible(page, 'the review screen with the letter');
    await page.context().close();
  });

  test('anyone verifies the letter on a phone without logging in', async ({ browser }) => {
    const page = await open(browser, phone);
    await page.goto(journey.verifyPath);
    await expect(page.getByTestId('verify-status')).toHaveText('有效');
    await expect(page.getByTestId('verify-serial')).toHaveText(journey.serial);
    await expect(page.getByTestId('verify-member')).toHaveText(new RegExp(`^${journey.memberName[0]}\\*+${journey.memberName.at(-1)}$`));
    await expect(page.getByTestId('verify-result')).toContainText(DESTINATION_FULL);
    await expect(page).toHaveURL(new RegExp(`${journey.verifyPath}$`));
    await snap(page, 'phone-tx-07-verify-valid', true);
    await expectAccessible(page, 'the verification page');

    await page.goto('/verify/AAAAAAAAAAAAAAAAAAAAAA');
    await expect(page.getByTestId('verify-not-found')).toContainText('未找到该介绍信');
    await page.context().close();
  });

  test('the receiving committee accepts and places the member in the branch they asked for', async ({ browser }) => {
    const page = await open(browser, desktop);
    await logIn(page, 'committee2');
    await openFromQueue(page, false);
    await snap(page, 'desktop-tx-08-receiving-review', true);
    await page.getByTestId('action-accept').click();
    const dialog = page.getByTestId('action-dialog');
    await expect(dialog.getByTestId('branch-chosen')).toHaveText(DESTINATION_FULL);
    // The tree under the committee lists its branches.
    await expect(dialog.getByTestId('branch-node').first()).toBeVisible();
    await snap(page, 'desktop-tx-09-accept-dialog');
    await expectAccessible(page, 'the accept dialog');
    await dialog.getByTestId('action-confirm').click();
    await expect(page.locator('.el-message').getByText('已接收并编入党支部', { exact: true })).toBeVisible();
    await expect(page.locator('.review__head').getByTestId('transfer-state')).toHaveText('已接收待报到');
    await page.context().close();
  });

  test('the member, placed in the new branch, is told by when to report with the letter', async ({ browser }) => {
    const page = await open(browser, phone);
    await logIn(page, 'member');
    await expect(page).toHaveURL(/\/m\/profile$/);
    // The letter's last day (thirty days in the county), not the branch's step deadline, is the member's.
    const card = page.getByTestId('transfer-home-card');
    await expect(card.getByTestId('report-by')).toHaveText(/^请于\s*\d{4}-\d{2}-\d{2}\s*前报到（还剩 29 天）$/);
    await expect(card).not.toContainText('前办结');
    await card.getByTestId('transfer-home-open').click();
    await expect(page).toHaveURL(new RegExp(`/m/transfers/${journey.id}$`));
    await expect(page.getByTestId('track-hero').getByTestId('report-by')).toContainText('（还剩 29 天）');
    await snap(page, 'phone-tx-09b-tracker-report-by');
    await expectAccessible(page, 'the tracker of a member who must report');
    await page.context().close();
  });

  test('the receiving branch confirms that the member reported', async ({ browser }) => {
    const page = await open(browser, desktop);
    await logIn(page, 'branch2');
    await openFromQueue(page, false);
    await act(page, 'confirmReported', '已确认报到', '已完成');
    await expect(page.getByTestId('review-letter').getByTestId('letter-status')).toHaveText('已使用');
    // The branch now talks with the member within seven days of their reporting (谈话): the talk is in its ledger's
    // talks to hold, with its last day, and from there the branch opens the transfer and records it.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '转接办理' }).click();
    await page.getByTestId('queue-tab-all').click();
    await page.getByTestId('queue-talk-pending').click();
    const pending = page.getByTestId('queue-table').locator('.el-table__row').filter({ hasText: journey.memberName });
    await expect(pending).toHaveCount(1);
    await expect(pending.getByTestId('queue-talk-due')).toHaveText(/^谈话\s*\d{4}-\d{2}-\d{2}\s*前$/);
    await pending.getByTestId('queue-row').click();
    await expect(page).toHaveURL(new RegExp(`/admin/transfers/${journey.id}$`));
    const talk = page.getByTestId('review-talk');
    await expect(talk.getByTestId('talk-due')).toHaveText(/^应于 \d{4}-\d{2}-\d{2} 前与党员谈话$/);
    await expect(talk.getByTestId('talk-overdue')).toHaveCount(0);
    await expectAccessible(page, 'the talk form');
    await talk.getByTestId('talk-record').click();
    await expect(talk).toContainText('请填写谈话情况');
    await talk.getByTestId('talk-note-input').fill('了解工作和生活情况，介绍支部组织生活安排');
    await talk.getByTestId('talk-record').click();
    await expect(page.locator('.el-message', { hasText: '谈话已记录' })).toBeVisible();
    await expect(talk.getByTestId('talk-note')).toHaveText('了解工作和生活情况，介绍支部组织生活安排');
    await expect(talk.getByTestId('talk-record')).toHaveCount(0);
    await expect(page.getByTestId('transfer-timeline')).toContainText('报到后谈话');
    await snap(page, 'desktop-tx-10-completed', true);
    await page.context().close();
  });

  test('the member is told, sees the transfer completed and belongs to the new branch', async ({ browser }) => {
    const page = await open(browser, phone);
    await logIn(page, 'member');
    await expect(page).toHaveURL(/\/m\/profile$/);
    await expect(page.getByTestId('profile-branch')).toHaveText(DESTINATION_FULL);

    await expect(page.getByTestId('notification-count')).toBeVisible();
    await page.getByTestId('notification-bell').click();
    await expect(page).toHaveURL(/\/m\/notifications$/);
    const latest = page.getByTestId('notification-item').first();
    await expect(latest).toContainText('组织关系转接：已完成');
    await snap(page, 'phone-tx-11-notifications');
    await expectAccessible(page, 'the notification list');

    await latest.click();
    await expect(page).toHaveURL(new RegExp(`/m/transfers/${journey.id}$`));
    const hero = page.getByTestId('track-hero');
    await expect(hero.getByTestId('transfer-state')).toHaveText('已完成');
    await expect(page.getByTestId('track-new-branch')).toHaveText(/北沟街道阳光社区第一支部委员会/);
    await expect(page.getByTestId('track-talk')).toHaveText(/^已于 \d{4}-\d{2}-\d{2} 与新党支部谈话。$/);
    await expect(page.getByTestId('transfer-timeline')).toContainText('确认已报到，转接完成');
    await expect(page.getByTestId('transfer-timeline')).toContainText('报到后谈话');
    await snap(page, 'phone-tx-12-tracker-completed', true);
    await expectAccessible(page, 'the completed tracker');

    // The used letter now verifies as used.
    await page.goto(journey.verifyPath);
    await expect(page.getByTestId('verify-status')).toHaveText('已使用');
    await snap(page, 'phone-tx-13-verify-used');
    await page.context().close();
  });

  test('the sending committee finds the finished transfer in its ledger and exports the ledger', async ({ browser }) => {
    const page = await open(browser, desktop);
    await logIn(page, 'committee');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '转接办理' }).click();
    await page.getByTestId('queue-tab-all').click();
    await expect(page).toHaveURL(/queue=all/);
    // The ledger has no count: unlike the other tabs it only grows.
    await expect(page.getByTestId('queue-count-all')).toHaveCount(0);
    await expect(page.getByTestId('queue-count-todo')).toBeVisible();

    // Finished transfers are here (no other list shows them to someone who did not act on them); the latest moved first.
    await page.getByTestId('queue-filters').locator('.el-select').first().click();
    await page.getByRole('option', { name: '已完成', exact: true }).click();
    const rows = page.getByTestId('queue-table').locator('.el-table__row');
    const journeyRow = rows.filter({ hasText: journey.memberName });
    await expect(journeyRow.first()).toBeVisible();
    await expect(journeyRow.first()).toContainText('已完成');
    for (const text of await rows.allTextContents()) expect(text).toContain('已完成');
    // Found by name: typed, then Enter.
    await page.getByTestId('queue-search').fill(journey.memberName);
    await page.getByTestId('queue-search').press('Enter');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(journey.memberName);
    await expect(page.getByTestId('queue-total')).toHaveText('共 1 条');
    // Into the transfer and back: the ledger keeps its tab, search and filters.
    await rows.first().getByTestId('queue-row').click();
    await expect(page).toHaveURL(new RegExp(`/admin/transfers/${journey.id}$`));
    await page.goBack();
    await expect(page).toHaveURL(/queue=all/);
    await expect(page.getByTestId('queue-search')).toHaveValue(journey.memberName);
    await expect(rows).toHaveCount(1);
    await expect(page.getByTestId('queue-total')).toHaveText('共 1 条');
    // A county PC's 1366-pixel screen shows the whole line without scrolling sideways; on 1280 pixels the middle
    // columns scroll, and the member's name and the way into the transfer stay in view.
    await expectTablesFit1366(page);
    const openButton = rows.first().locator('td').last().getByRole('button');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => tablesOverflow(page)).toBeGreaterThan(0);
    await expect(openButton).toBeInViewport({ ratio: 1 });
    await expect(rows.first().getByTestId('queue-row')).toBeInViewport({ ratio: 1 });
    await page.setViewportSize(DESKTOP);
    await snap(page, 'desktop-tx-14-ledger');
    await expectAccessible(page, 'the transfer ledger');

    const download = page.waitForEvent('download');
    await page.getByTestId('queue-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^组织关系转接台账-.+-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    const xlsx = Buffer.concat(chunks);
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xlsx.length).toBeGreaterThan(3000);
    await expect(page.getByText('转接台账已导出')).toBeVisible();
    await page.context().close();
  });
});

test.describe.serial('a return for completion, raced by a second reviewer', () => {
  test.setTimeout(120_000);
  const returned = { id: 0, phone: '' };

  test('the branch lists everything missing at once; a second tab acting on the old state is told and sees the new one', async ({ browser }) => {
    const context = await browser.newContext(desktop);
    const first = await context.newPage();
    await logIn(first, 'branch');
    await expect(first).toHaveURL(/\/admin\/orgs\/\d+$/);
    await first.goto('/admin/transfers');
    const row = first.getByTestId('queue-row').filter({ hasNotText: journey.memberName || '—' });
    await expect(row.first()).toBeVisible();
    await row.first().click();
    await expect(first).toHaveURL(/\/admin\/transfers\/\d+$/);
    returned.id = Number(first.url().split('/').pop());
    // The member logs in with the mobile number on their record.
    returned.phone = (await first.getByTestId('review-member').getByText(/^1[3-9]\d{9}$/).textContent())!.trim();

    // The same transfer in a second tab, opened before the first acts.
    const second = await context.newPage();
    await second.goto(`/admin/transfers/${returned.id}`);
    await expect(second.getByTestId('action-return')).toBeVisible();

    await first.getByTestId('action-return').click();
    const dialog = first.getByTestId('action-dialog');
    // Where dues are owed, the list starts with them (how many months, up to which month); otherwise it is empty.
    await expect(dialog.getByTestId('missing-item').first()).toHaveValue(/^(补交党费 \d+ 个月，交至\d{4}年\d{1,2}月)?$/);
    // At least one item: a list emptied is refused here, before the server is asked.
    await dialog.getByTestId('missing-item').first().fill('');
    await dialog.getByTestId('action-confirm').click();
    await expect(dialog).toContainText('请至少列出一项需要补正的内容');
    await dialog.getByTestId('missing-item').first().fill('补交党费至转出当月');
    await dialog.getByTestId('missing-add').click();
    await dialog.getByTestId('missing-item').nth(1).fill('提供转入党组织准确全称（与公章一致）');
    await snap(first, 'desktop-tx-17-return-dialog');
    await dialog.getByTestId('action-confirm').click();
    await expect(first.locator('.review__head').getByTestId('transfer-state')).toHaveText('退回补正');
    await expect(first.getByTestId('timeline-event').first()).toContainText('提供转入党组织准确全称');

    // The second tab still shows 待初审: its step is refused with 409, it says so and reloads.
    await second.getByTestId('action-reject').click();
    await second.getByTestId('action-dialog').getByTestId('action-comment').fill('材料不全');
    await second.getByTestId('action-dialog').getByTestId('action-confirm').click();
    await expect(second.getByTestId('review-conflict')).toContainText('已被他人办理');
    await expect(second.locator('.review__head').getByTestId('transfer-state')).toHaveText('退回补正');
    await expect(second.getByTestId('action-reject')).toHaveCount(0);
    await snap(second, 'desktop-tx-18-conflict');
    await context.close();
  });

  test('the member sees the list, is offered a visit to hand in materials, edits and submits again', async ({ browser }) => {
    const page = await open(browser, phone);
    await logIn(page, returned.phone);
    await expect(page).toHaveURL(/\/m\/profile$/);
    await page.goto(`/m/transfers/${returned.id}`);
    const list = page.getByTestId('track-returned');
    await expect(list).toContainText('补交党费至转出当月');
    await expect(list).toContainText('提供转入党组织准确全称');
    await expect(page.getByTestId('track-booking')).toHaveAttribute('href', `/m/bookings/new?transferId=${returned.id}&purpose=HAND_IN_MATERIALS`);
    await snap(page, 'phone-tx-19-returned', true);
    await expectAccessible(page, 'the returned tracker');

    await page.getByTestId('track-edit').click();
    await expect(page).toHaveURL(new RegExp(`/m/transfers/${returned.id}/edit$`));
    for (let i = 0; i < 3; i++) await page.getByTestId('apply-next').click();
    await page.getByTestId('apply-submit').click();
    await expect(page).toHaveURL(new RegExp(`/m/transfers/${returned.id}$`));
    await expect(page.getByTestId('track-hero').getByTestId('transfer-state')).toHaveText('待初审');
    await page.context().close();
  });
});

test.describe('the county administrator', () => {
  test.use({ viewport: DESKTOP });

  test('sees the overview charts and registers a member arriving from outside the county', async ({ page }) => {
    await logIn(page, 'admin');
    await expect(page).toHaveURL(/\/admin\/orgs\/\d+$/);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '转接统计' }).click();
    await expect(page).toHaveURL(/\/admin\/transfers\/overview$/);
    await expect(page.getByTestId('stat-open')).toHaveText(/^\d+$/);
    await expect(page.getByTestId('stat-median')).toContainText('工作日');
    await expect(page.getByTestId('chart-state').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('chart-overdue').locator('canvas')).toBeVisible();
    await snap(page, 'desktop-tx-14-overview', true);
    await expectAccessible(page, 'the transfer overview');

    await page.goto('/admin/transfers');
    await expect(page.getByTestId('queue-count-todo')).toHaveText(/^\d+$/);
    await snap(page, 'desktop-tx-15-queue');
    await expectAccessible(page, 'the transfer queue');
    // The queues by keyboard: Tab reaches the chosen tab only, the arrows move between tabs, Enter opens one; the
    // list below is the panel that tab names.
    const tabs = page.getByRole('tablist', { name: '转接事项分类' });
    await tabs.getByRole('tab', { name: /待办/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(tabs.getByRole('tab', { name: /关注中/ })).toBeFocused();
    await expect(page).toHaveURL(/\/admin\/transfers$/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/admin\/transfers\?queue=watching$/);
    await expect(tabs.getByRole('tab', { name: /关注中/ })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: /关注中/ })).toBeVisible();
    await page.keyboard.press('End');
    await page.keyboard.press('Space');
    await expect(page).toHaveURL(/\/admin\/transfers\?queue=all$/);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/admin\/transfers\?queue=done$/);
    await page.goto('/admin/transfers');

    await page.getByTestId('queue-inbound').click();
    await expect(page).toHaveURL(/\/admin\/transfers\/inbound$/);
    const form = page.getByTestId('transfer-inbound');
    // A valid, unused ID number (GB 11643 check character computed here).
    const first17 = `32010219880315${String((Date.now() % 900) + 100)}`;
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const check = '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0) % 11];
    const field = (label: string) => form.locator('.el-form-item').filter({ has: page.getByText(label, { exact: true }) });
    // Registering with nothing filled in says what is missing, beside each field: typed ones 请填写, chosen ones 请选择.
    await page.getByTestId('inbound-submit').click();
    await expect(field('介绍信编号')).toContainText('请填写“介绍信编号”');
    await expect(field('性别')).toContainText('请选择“性别”');
    // No reason is chosen for the administrator either.
    await expect(field('转接原因')).toContainText('请选择“转接原因”');
    // A screen reader hears each message with its field (v-field-errors), and the focus waits in the first one refused.
    await expect(field('介绍信编号').locator('input')).toHaveAccessibleDescription('请填写“介绍信编号”');
    await expect(field('介绍信编号').locator('input')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.locator('.el-form-item.is-error').first().locator(':focus')).toHaveCount(1);
    await field('转接原因').getByText('工作变动', { exact: true }).click();
    await field('介绍信编号').locator('input').fill(`2026XW${String(Date.now()).slice(-5)}`);
    await field('开具介绍信的党组织').locator('input').fill('中共南京市玄武区委员会组织部');
    await field('开具单位所在地区').locator('input').fill('江苏省南京市');
    // A month from today in Xinyi: a letter already past, or valid for more than 180 days, is refused.
    const validUntil = new Date(Date.now() + 8 * 3600_000 + 30 * 86400_000).toISOString().slice(0, 10);
    await field('介绍信有效期至').locator('input').fill(validUntil);
    await field('介绍信有效期至').locator('input').press('Enter');
    await field('姓名').locator('input').fill('陈立新');
    await field('身份证号').locator('input').fill(first17 + check);
    await expect(field('出生日期').locator('input')).toHaveValue('1988-03-15');
    await field('手机号码').locator('input').fill(`198${String(Date.now()).slice(-8)}`);
    await field('学历').locator('.el-select').click();
    await page.getByRole('option', { name: '大学本科' }).click();
    await field('入党日期').locator('input').fill('2012-07-01');
    await field('入党日期').locator('input').press('Enter');
    await field('党费交至').locator('input').fill('2026-10');
    await field('党费交至').locator('input').press('Enter');
    await snap(page, 'desktop-tx-16-inbound-form', true);
    await expectAccessible(page, 'the inbound registration');
    await page.getByTestId('inbound-submit').click();
    await expect(page).toHaveURL(/\/admin\/transfers\/\d+$/);
    await expect(page.getByTestId('review-member-name')).toHaveText('陈立新');
    await expect(page.locator('.review__head').getByTestId('transfer-state')).toHaveText('介绍信已开具');
    await expect(page.getByTestId('action-accept')).toBeVisible();
  });
});
