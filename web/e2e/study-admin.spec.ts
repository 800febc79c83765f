import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, expectAccessible, expectTablesFit1366, logIn, snap } from './support';

/**
 * Study authoring on a desktop, as the county administrator: a quiz with its question bank, an article written in the
 * plain editor, a track composed of both for young members with a live count of who it reaches, assigned to a
 * street committee; then the follow-up in English with large text.
 */

const stamp = Date.now().toString(36).slice(-4);
const QUIZ = `廉洁从政小测验 ${stamp}`;
const ARTICLE = `青年党员的初心与担当 ${stamp}`;
const TRACK = `青年党员专题学习清单 ${stamp}`;

/** Types into an Element Plus select that searches, and picks the option whose text matches. */
async function pick(page: Page, testId: string, text: string, option: RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.getByRole('option', { name: option }).first().click();
}

/** axe reads colours as they are: move the pointer off the button just clicked (EP's hover shade is lighter). */
async function check(page: Page, what: string): Promise<void> {
  await page.mouse.move(1, 1);
  await expectAccessible(page, what);
}

async function setNumber(page: Page, testId: string, value: number): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  await input.fill(String(value));
  await input.press('Tab');
}

test.describe('study authoring (county administrator)', () => {
  test.use({ viewport: DESKTOP });

  test('writes a quiz and an article, composes a track for young members, assigns it and follows it up', async ({ page }) => {
    test.setTimeout(180_000);
    await logIn(page, 'admin');
    await expect(page).toHaveURL(/\/admin\/orgs/);

    // A quiz: settings, then its bank (a single-choice and a true/false question), then published.
    await page.getByRole('link', { name: '课程资源' }).click();
    await expect(page.getByTestId('study-modules-table')).toContainText('认真学习党章 自觉遵守党章');
    await snap(page, 'study-desktop-10-modules');
    await check(page, 'the module list');
    await page.getByTestId('study-module-new').click();
    await page.getByTestId('study-module-kind').getByText('测试', { exact: true }).click();
    await page.getByTestId('study-module-title').fill(QUIZ);
    await setNumber(page, 'study-quiz-per-attempt', 2);
    await page.getByTestId('study-module-save').click();
    await expect(page).toHaveURL(/\/admin\/study\/modules\/\d+$/);
    await expect(page.getByTestId('study-bank')).toContainText('题库中还没有题目');

    await page.getByTestId('study-question-add').click();
    const dialog = page.getByTestId('study-question-dialog');
    await dialog.getByTestId('study-question-stem').fill('党员干部收受可能影响公正执行公务的礼品礼金，违反的是哪项纪律？');
    for (const [k, text] of [
      ['A', '政治纪律'],
      ['B', '廉洁纪律'],
      ['C', '群众纪律'],
      ['D', '生活纪律'],
    ]) {
      await dialog.getByTestId(`study-option-${k}`).fill(text);
    }
    // Saving without an answer is refused with a reason.
    await dialog.getByTestId('study-question-save').click();
    await expect(dialog).toContainText('请选择一个正确答案');
    await dialog.getByRole('radio', { name: '正确答案 B' }).check({ force: true });
    await snap(page, 'study-desktop-11-question-dialog');
    await check(page, 'the question dialog');
    await dialog.getByTestId('study-question-save').click();
    await expect(dialog).toBeHidden();

    await page.getByTestId('study-question-add').click();
    await dialog.getByText('判断题', { exact: true }).click();
    await dialog.getByTestId('study-question-stem').fill('中央八项规定精神是长期有效的铁规矩、硬杠杠。');
    await dialog.getByRole('radio', { name: '正确答案 T' }).check({ force: true });
    await dialog.getByTestId('study-question-save').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('study-bank')).toContainText('共 2 题，启用 2 题');
    await page.getByTestId('study-module-published').click();
    await page.getByTestId('study-module-save').click();
    await expect(page.getByText('课程已保存')).toBeVisible();
    await expect(page.getByTestId('study-module-save')).toHaveText('保存');
    await snap(page, 'study-desktop-12-quiz-editor', true);
    await check(page, 'the quiz editor');

    // An article in the plain editor: pasted text made into paragraphs, a bold phrase, a preview as members see it.
    await page.goto('/admin/study/modules/new');
    await page.getByTestId('study-module-title').fill(ARTICLE);
    const body = page.getByTestId('study-editor-body');
    await body.fill('青年党员要坚定理想信念。\n\n要在基层一线经受锻炼，在急难险重任务中冲锋在前。');
    await page.getByRole('button', { name: '按空行分段' }).click();
    await expect(body).toHaveValue('<p>青年党员要坚定理想信念。</p>\n<p>要在基层一线经受锻炼，在急难险重任务中冲锋在前。</p>');
    await body.evaluate((el: HTMLTextAreaElement) => {
      const at = el.value.indexOf('坚定理想信念');
      el.setSelectionRange(at, at + '坚定理想信念'.length);
    });
    await page.getByRole('button', { name: '加粗' }).click();
    await expect(body).toHaveValue(/<strong>坚定理想信念<\/strong>/);
    await page.getByTestId('study-editor-preview').click();
    await expect(page.locator('.art-editor__preview strong')).toHaveText('坚定理想信念');
    await snap(page, 'study-desktop-13-article-preview');
    await setNumber(page, 'study-module-minread', 60);
    await page.getByTestId('study-module-published').click();
    await page.getByTestId('study-module-save').click();
    await expect(page).toHaveURL(/\/admin\/study\/modules\/\d+$/);

    // A track for young members: both modules in order, and how many it reaches.
    await page.getByRole('link', { name: '学习清单' }).click();
    await page.getByTestId('study-track-new').click();
    await page.getByTestId('study-track-title').fill(TRACK);
    await pick(page, 'study-track-add', ARTICLE.slice(0, 8), new RegExp(ARTICLE));
    await pick(page, 'study-track-add', QUIZ.slice(0, 5), new RegExp(QUIZ));
    await expect(page.getByTestId('study-track-modules').locator('li')).toHaveCount(2);
    const count = page.getByTestId('study-audience-count');
    await expect(count).toContainText(/共有党员 [\d,]+ 名，其中符合条件的 [\d,]+ 名/);
    const everyone = await count.textContent();
    await page.getByTestId('study-audience-groups').getByText('青年党员', { exact: true }).click();
    await expect(count).not.toHaveText(everyone ?? '');
    await expect(count).toContainText('符合条件的');
    await page.getByTestId('study-track-published').click();
    await page.getByTestId('study-track-save').click();
    await expect(page.getByText('学习清单已创建')).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/study\/tracks\/\d+$/);
    await snap(page, 'study-desktop-14-track-composer');
    await check(page, 'the track composer');

    // Assigned to a street committee from the track list.
    await page.getByRole('link', { name: '返回列表' }).click();
    await page.getByTestId('study-tracks-table').locator('tr', { hasText: TRACK }).getByRole('link', { name: '布置' }).click();
    const assign = page.getByTestId('study-assign-dialog');
    await expect(assign.getByTestId('study-assign-track')).toContainText(TRACK);
    await pick(page, 'study-org-picker', '新安街道', /^新安街道党工委/);
    await expect(assign.getByTestId('study-assign-reach')).toContainText(/预计覆盖 [\d,]+ 名党员/);
    await snap(page, 'study-desktop-15-assign');
    await check(page, 'the assignment dialog');
    await assign.getByTestId('study-assign-save').click();
    await expect(page.getByText(/已布置，[\d,]+ 名党员加入学习/)).toBeVisible();
    await expect(page.getByTestId('study-assignments-table').locator('tr', { hasText: TRACK })).toContainText('新安街道党工委');
    await expect(page.getByTestId('study-assignments-table').locator('tr', { hasText: TRACK }).getByTestId('study-assignment-phase')).toHaveText('进行中');
    // An assignment whose last day has passed says it has ended (the seed's teachers' list ended 58 days ago).
    await expect(page.getByTestId('study-assignments-table').locator('tr', { hasText: '教育系统党员师德师风学习清单' }).getByTestId('study-assignment-phase')).toHaveText('已结束');
    await snap(page, 'study-desktop-16-assignments');
    await expectTablesFit1366(page);
    await check(page, 'the assignment list');

    // The follow-up in English with large text: the new track has its own figures, nobody is ranked.
    await page.getByRole('link', { name: '学习情况' }).click();
    // The county's organisations below, every column in view on a 1366-pixel screen.
    await expect(page.getByTestId('study-children')).toBeVisible();
    await expectTablesFit1366(page);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByTestId('text-size-toggle').click();
    await expect(page.getByRole('heading', { name: 'Study follow-up' })).toBeVisible();
    await expect(page.getByText('Members are never ranked')).toBeVisible();
    await expect(page.getByTestId('study-tile-rate')).toContainText('Completion rate');
    await snap(page, 'study-desktop-17-dashboard-english-large');
    await check(page, 'the dashboard in English with large text');
  });
});
