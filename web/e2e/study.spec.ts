import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DESKTOP, expectAccessible, logIn, PHONE, snap } from './support';

/**
 * Tailored study (定餐), the journey: the demo member reads an assigned article for its minimum reading time,
 * completes it, passes a quiz and sees their class hours rise; the committee administrator sees the branch's
 * completion change on the follow-up dashboard. The answers come from the question bank, read as the county author.
 */

interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

async function api(request: APIRequestContext, username: string): Promise<Api> {
  const login = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.ok(), `API login as ${username}`).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  const check = async <T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> => {
    expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };
  return {
    get: async (path) => check(await request.get(`/api${path}`, { headers }), `GET ${path}`),
    post: async (path, body) => check(await request.post(`/api${path}`, { headers, data: body ?? {} }), `POST ${path}`),
  };
}

interface MyModule {
  required: boolean;
  status: string;
  module: { id: number; kind: string; title: string; seconds: number; classHours: number };
}
interface MyStudy {
  classHours: { earned: number; required: number };
  tracks: { assignmentId: number; completedAt: string | null; track: { id: number; title: string }; modules: MyModule[] }[];
}

async function newPage(browser: Browser, kind: 'phone' | 'desktop'): Promise<Page> {
  const context = await browser.newContext(kind === 'phone' ? { viewport: PHONE, hasTouch: true, isMobile: true } : { viewport: DESKTOP });
  return context.newPage();
}

/** A short real video (WebM from a canvas, recorded in the browser: no video files ship with the demo). */
async function recordClip(browser: Browser, seconds: number): Promise<Buffer> {
  const page = await browser.newPage();
  await page.setContent('<canvas width="320" height="180"></canvas>');
  const base64 = await page.evaluate(async (ms) => {
    const canvas = document.querySelector('canvas')!;
    const g = canvas.getContext('2d')!;
    const started = performance.now();
    const draw = () => {
      g.fillStyle = '#9c1016';
      g.fillRect(0, 0, 320, 180);
      g.fillStyle = '#fff';
      g.font = '28px sans-serif';
      g.fillText(`微党课 ${((performance.now() - started) / 1000).toFixed(1)}s`, 70, 100);
    };
    const timer = setInterval(draw, 40);
    draw();
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    recorder.start(200);
    await new Promise((r) => setTimeout(r, ms));
    await new Promise((r) => {
      recorder.onstop = r;
      recorder.stop();
    });
    clearInterval(timer);
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  }, seconds * 1000);
  await page.close();
  return Buffer.from(base64, 'base64');
}

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const plusDays = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const number = async (page: Page, testId: string) => Number((await page.getByTestId(testId).locator('dd').textContent())?.replace(/[^\d.]/g, ''));

test.describe('study (定餐)', () => {
  test('a member reads, passes a quiz and earns class hours; the committee sees the branch’s completion rise', async ({ browser, request }) => {
    test.setTimeout(240_000);

    // What the member has to do, as the API tells it.
    const memberApi = await api(request, 'member');
    const before: MyStudy = await memberApi.get('/study/my');
    const all = before.tracks.flatMap((tr) => tr.modules.map((m) => ({ ...m, track: tr })));
    // A short article not yet read (the seed leaves one of 30 s).
    const article = all.find((m) => m.required && m.module.kind === 'ARTICLE' && m.status === 'NOT_STARTED' && m.module.seconds <= 60);
    expect(article, 'the seed leaves the member a short required article').toBeTruthy();
    // A track that the quiz alone still keeps from being complete: passing it completes the track.
    const quizTrack = before.tracks.find((tr) => !tr.completedAt && tr.modules.filter((m) => m.required && m.status !== 'COMPLETED').every((m) => m.module.kind === 'QUIZ') && tr.modules.some((m) => m.required && m.status !== 'COMPLETED'));
    expect(quizTrack, 'the seed leaves a track that a quiz completes').toBeTruthy();
    const quiz = quizTrack!.modules.find((m) => m.required && m.status !== 'COMPLETED')!;

    // The answer key, read through the authoring API as the county administrator.
    const adminApi = await api(request, 'admin');
    const bank: { items: { id: number; answer: string[] }[] } = await adminApi.get(`/study/catalog/modules/${quiz.module.id}/questions?limit=100`);
    const key = new Map(bank.items.map((q) => [q.id, q.answer]));
    const me: { memberId: number; displayName: string } = await memberApi.get('/me');
    const record: { org: { id: number; shortName: string }; orgAncestors: { id: number; shortName: string }[] } = await adminApi.get(`/members/${me.memberId}`);
    const branch = record.org;

    // 1. The committee administrator first: the branch's completion of the quiz's track, before.
    const admin = await newPage(browser, 'desktop');
    await logIn(admin, 'committee');
    await expect(admin).toHaveURL(/\/admin\/orgs/);
    await admin.goto(`/admin/study?trackId=${quizTrack!.track.id}`);
    await expect(admin.getByTestId('study-tiles')).toBeVisible();
    await expect(admin.getByTestId('study-rate-chart').locator('canvas')).toBeVisible();
    await snap(admin, 'study-desktop-01-dashboard');
    await expectAccessible(admin, 'the study dashboard');
    // Down level by level to the member's branch.
    for (const org of [...record.orgAncestors, branch]) {
      const link = admin.getByTestId(`study-drill-${org.id}`);
      if (!(await link.isVisible())) continue;
      await link.click();
      await expect(admin.getByTestId('study-trail').locator('[aria-current=page]')).toHaveText(org.shortName);
    }
    await expect(admin.getByTestId('study-trail').locator('[aria-current=page]')).toHaveText(branch.shortName);
    await expect(admin.getByTestId('study-member-status')).toBeVisible();
    const completedBefore = await number(admin, 'study-tile-completed');
    const rateBefore = await number(admin, 'study-tile-rate');
    await snap(admin, 'study-desktop-02-branch-before');

    // 2. The member on a phone: my study, with class hours against the requirement.
    const phone = await newPage(browser, 'phone');
    await logIn(phone, 'member');
    await expect(phone).toHaveURL(/\/m\/profile$/);
    await phone.getByTestId('tab-study').click();
    await expect(phone).toHaveURL(/\/m\/study$/);
    await expect(phone.getByTestId('study-hours-earned')).toHaveText(String(before.classHours.earned));
    await expect(phone.getByTestId('study-hours')).toContainText(`全年要求 ${before.classHours.required} 学时`);
    await snap(phone, 'study-phone-01-my-study');
    await snap(phone, 'study-phone-01-my-study-full', true);
    await expectAccessible(phone, 'my study');

    // The article: the reading time is shown, completing waits for it.
    await phone.getByTestId(`study-module-${article!.module.id}`).first().click();
    await expect(phone.getByTestId('study-module-title')).toHaveText(article!.module.title);
    await expect(phone.getByTestId('study-article')).toContainText('党章');
    const complete = phone.getByTestId('study-complete');
    await expect(phone.getByTestId('study-countdown')).toHaveText(/^0:[0-5]\d$/);
    await expect(complete).toBeDisabled();
    await snap(phone, 'study-phone-02-article-reading');
    await expectAccessible(phone, 'the article reader');
    await expect(complete).toBeEnabled({ timeout: (article!.module.seconds + 15) * 1000 });
    await expect(complete).toHaveText('完成学习');
    await complete.click();
    const earned = phone.getByTestId('study-earned');
    await expect(earned).toContainText(`获得 ${article!.module.classHours} 学时`);
    const afterArticle = before.classHours.earned + article!.module.classHours;
    await expect(phone.getByTestId('study-earned-total')).toContainText(`今年已获得 ${afterArticle} 学时`);
    await snap(phone, 'study-phone-03-article-done');

    // Class hours rose on my study.
    await phone.getByTestId('study-back').click();
    await expect(phone.getByTestId('study-hours-earned')).toHaveText(String(afterArticle));

    // The quiz: one question per screen, answered from the bank's key.
    await phone.getByTestId(`study-module-${quiz.module.id}`).first().click();
    await expect(phone.getByTestId('study-quiz-intro')).toBeVisible();
    await snap(phone, 'study-phone-04-quiz-intro');
    await phone.getByTestId('study-quiz-start').click();
    const question = phone.getByTestId('study-quiz-question');
    await expect(question).toBeVisible();
    const total = Number((await phone.getByTestId('study-quiz-position').textContent())?.match(/共 (\d+) 题/)?.[1]);
    expect(total).toBeGreaterThan(0);
    for (let i = 1; i <= total; i++) {
      await expect(phone.getByTestId('study-quiz-position')).toContainText(`第 ${i} 题`);
      const id = Number(await question.getAttribute('data-question-id'));
      for (const k of key.get(id) ?? []) await question.locator(`[data-key="${k}"]`).click();
      if (i === 1) {
        await snap(phone, 'study-phone-05-quiz-question');
        await expectAccessible(phone, 'a quiz question');
      }
      if (i < total) await phone.getByTestId('study-quiz-next').click();
    }
    await phone.getByTestId('study-quiz-submit').click();
    await phone.getByRole('dialog').getByRole('button', { name: '交卷' }).click();
    await expect(phone.getByTestId('study-quiz-result')).toContainText('恭喜，测试通过');
    await expect(phone.getByTestId('study-quiz-score')).toHaveText('100 分');
    const afterQuiz = afterArticle + quiz.module.classHours;
    await expect(phone.getByTestId('study-earned-total')).toContainText(`今年已获得 ${afterQuiz} 学时`);
    await snap(phone, 'study-phone-06-quiz-result');
    await snap(phone, 'study-phone-06-quiz-result-full', true);
    await expectAccessible(phone, 'the quiz result');

    await phone.getByTestId('study-back').click();
    await expect(phone.getByTestId('study-hours-earned')).toHaveText(String(afterQuiz));
    await expect(phone.getByTestId(`study-track-${quizTrack!.track.id}`)).toContainText('100%');
    await snap(phone, 'study-phone-07-my-study-after');
    // Members never download the admin kit or the charts.
    const scripts = await phone.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    expect(scripts.filter((s) => /element-plus|echarts|zrender/.test(s))).toEqual([]);

    // 3. The committee sees the branch's completion rise, and the member's track done (no ranking: branch order).
    await admin.reload();
    await expect(admin.getByTestId('study-trail').locator('[aria-current=page]')).toHaveText(branch.shortName);
    await expect.poll(() => number(admin, 'study-tile-completed')).toBe(completedBefore + 1);
    expect(await number(admin, 'study-tile-rate')).toBeGreaterThan(rateBefore);
    const row = admin.getByTestId('study-member-status').locator('tr', { hasText: me.displayName });
    await expect(row.locator('li', { hasText: quizTrack!.track.title })).toContainText('已完成');
    await snap(admin, 'study-desktop-03-branch-after', true);
    await expectAccessible(admin, 'the branch members’ status');

    // 4. Who is still short of the year's class hours (学时达标): the member is, with their hours against 32.
    await expect(admin.getByTestId('study-tile-hoursMet')).toContainText(/%.*人/);
    await admin.getByRole('button', { name: '学时未达标' }).click();
    await expect(admin.getByTestId('study-hours-short-hint')).toBeVisible();
    const short = admin.getByTestId('study-member-status').locator('tr', { hasText: me.displayName });
    await expect(short).toContainText(/ \/ 32/);
    await expectAccessible(admin, 'the members short of the year’s hours');
    // The export takes the list's filter: the file is the short list, named for it.
    const download = admin.waitForEvent('download');
    await admin.getByRole('button', { name: '导出 Excel' }).click();
    expect((await download).suggestedFilename()).toMatch(/-学时未达标\.xlsx$/);

    // 5. The member's record shows the same year: hours against 32 and the tracks.
    await short.getByRole('link', { name: me.displayName }).click();
    const study = admin.getByTestId('member-study');
    await expect(study).toContainText(/ \/ 32/);
    await expect(study).toContainText(quizTrack!.track.title);
    await expectAccessible(admin, 'the member’s record with their study');
  });

  test('the demo’s videos play: each loads on the phone with the length its module gives', async ({ browser, request }) => {
    const adminApi = await api(request, 'admin');
    const list: { items: { id: number }[] } = await adminApi.get('/study/catalog/modules?kind=VIDEO&limit=100');
    const modules = await Promise.all(list.items.map((m) => adminApi.get<{ id: number; title: string; videoUrl: string; durationSeconds: number }>(`/study/catalog/modules/${m.id}`)));
    // The other video journey's clip exists only in its own browser (it answers that request itself).
    const seeded = modules.filter((m) => m.videoUrl.startsWith('/media/') && !m.videoUrl.includes('/e2e-'));
    expect(seeded.length).toBeGreaterThanOrEqual(10);

    const phone = await newPage(browser, 'phone');
    await logIn(phone, 'member');
    await expect(phone).toHaveURL(/\/m\/profile$/);
    for (const m of seeded) {
      const duration = await phone.evaluate(
        (src) =>
          new Promise<number>((resolve, reject) => {
            const v = document.createElement('video');
            v.preload = 'metadata';
            v.addEventListener('loadedmetadata', () => resolve(v.duration), { once: true });
            v.addEventListener('error', () => reject(new Error(`${src}: media error ${v.error?.code}`)), { once: true });
            v.src = src;
          }),
        m.videoUrl,
      );
      expect(Math.abs(duration - m.durationSeconds), m.title).toBeLessThan(1);
    }
    // One in the reader: the player shows the film, not its "cannot play" notice, and seeks.
    const study: MyStudy = await (await api(request, 'member')).get('/study/my');
    const mine = study.tracks.flatMap((t) => t.modules).find((x) => x.module.kind === 'VIDEO' && seeded.some((m) => m.id === x.module.id));
    expect(mine, 'the demo member has a seeded video to watch').toBeTruthy();
    await phone.goto(`/m/study/modules/${mine!.module.id}`);
    const player = phone.getByTestId('study-video');
    await expect(player).toBeVisible();
    const at = await player.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          const seek = () => {
            v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
            v.currentTime = 60;
          };
          if (v.readyState >= 1) seek();
          else v.addEventListener('loadedmetadata', seek, { once: true });
        }),
    );
    expect(at).toBe(60);
    await expect(phone.getByTestId('study-video-failed')).toHaveCount(0);
    await snap(phone, 'study-phone-07b-demo-video');
  });

  test('the video player credits only what was played, completes at 90% watched and keeps the position for another device', async ({ browser, request }) => {
    test.setTimeout(180_000);
    const DURATION = 8;
    const clip = await recordClip(browser, DURATION + 1);

    // The county author publishes a short video in a track assigned to the member's branch.
    const adminApi = await api(request, 'admin');
    const memberApi = await api(request, 'member');
    const me: { memberId: number } = await memberApi.get('/me');
    const record: { org: { id: number } } = await adminApi.get(`/members/${me.memberId}`);
    const video: { id: number } = await adminApi.post('/study/catalog/modules', {
      kind: 'VIDEO',
      title: '微党课：一分钟读懂“三会一课”',
      summary: '短视频',
      need: 'RULES',
      classHours: 0.5,
      videoUrl: '/media/study/e2e-sanhui-yike.webm',
      durationSeconds: DURATION,
      published: true,
    });
    const track: { id: number } = await adminApi.post('/study/tracks', {
      title: '支部短视频微党课',
      description: '浏览器测试布置的短视频',
      year: Number(today().slice(0, 4)),
      audience: { orgTypes: [], groups: [], needs: ['RULES'] },
      modules: [{ moduleId: video.id, required: true }],
      published: true,
    });
    await adminApi.post('/study/assignments', { trackId: track.id, orgId: record.org.id, startsOn: today(), dueOn: plusDays(today(), 30) });
    const hoursBefore = (await memberApi.get<MyStudy>('/study/my')).classHours.earned;

    const phone = await newPage(browser, 'phone');
    await phone.route('**/media/study/e2e-sanhui-yike.webm', (route) => route.fulfill({ status: 200, body: clip, contentType: 'video/webm' }));
    await logIn(phone, 'member');
    await expect(phone).toHaveURL(/\/m\/profile$/);
    await phone.goto(`/m/study/modules/${video.id}`);
    const player = phone.getByTestId('study-video');
    await expect(player).toBeVisible();
    await expect(phone.getByTestId('study-video-covered')).toHaveText('0%');
    await expect(phone.getByTestId('study-video-progress')).toContainText('拖动进度条跳过的部分不计入');
    await player.evaluate((v: HTMLVideoElement) => new Promise((r) => (v.readyState >= 1 ? r(null) : v.addEventListener('loadedmetadata', r, { once: true }))));

    // Skipping to the end and letting it finish: only the last seconds played count.
    await player.evaluate(async (v: HTMLVideoElement) => {
      v.muted = true;
      v.currentTime = 6;
      await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
      await v.play();
      await new Promise((r) => v.addEventListener('ended', r, { once: true }));
    });
    await expect.poll(async () => Number((await phone.getByTestId('study-video-covered').textContent())?.replace('%', ''))).toBeGreaterThan(0);
    const skipped = Number((await phone.getByTestId('study-video-covered').textContent())?.replace('%', ''));
    expect(skipped).toBeLessThan(50);
    await expect(phone.getByTestId('study-earned')).toHaveCount(0);
    await snap(phone, 'study-phone-08-video-skipped');
    await expectAccessible(phone, 'the video player');

    // Watching it from the start: earned coverage reaches 90%, the module completes and its class hours are added.
    await player.evaluate(async (v: HTMLVideoElement) => {
      v.currentTime = 0;
      await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
      await v.play();
      await new Promise((r) => v.addEventListener('ended', r, { once: true }));
    });
    await expect(phone.getByTestId('study-earned')).toContainText('获得 0.5 学时', { timeout: 20_000 });
    await expect(phone.getByTestId('study-earned-total')).toContainText(`今年已获得 ${Math.round((hoursBefore + 0.5) * 10) / 10} 学时`);
    expect(Number((await phone.getByTestId('study-video-covered').textContent())?.replace('%', ''))).toBeGreaterThanOrEqual(90);
    await snap(phone, 'study-phone-09-video-done');

    // Another device resumes where the member stopped: the server keeps the position.
    const progress: { progress: { video: { positionSeconds: number; coveredPercent: number } } } = await memberApi.get(`/study/modules/${video.id}`);
    expect(progress.progress.video.positionSeconds).toBeGreaterThanOrEqual(DURATION - 1);
    expect(progress.progress.video.coveredPercent).toBeGreaterThanOrEqual(90);
  });

  test('a member finds a module beyond their tracks in the study library, studies it, and its class hours count', async ({ browser, request }) => {
    test.setTimeout(120_000);
    // The county publishes a new article that no track holds.
    const title = `新沂红色故事第${Date.now() % 100_000}期`;
    const adminApi = await api(request, 'admin');
    const created: { id: number } = await adminApi.post('/study/catalog/modules', {
      kind: 'ARTICLE',
      title,
      need: 'HISTORY',
      classHours: 0.5,
      body: '<p>马陵山下，沭河岸边，新沂的红色故事代代相传。</p>',
      minReadSeconds: 30,
      published: true,
    });
    const memberApi = await api(request, 'member');
    const before: MyStudy = await memberApi.get('/study/my');
    expect(before.tracks.flatMap((tr) => tr.modules).some((m) => m.module.id === created.id)).toBe(false);

    const phone = await newPage(browser, 'phone');
    await logIn(phone, 'member');
    // Logged in before going on: a navigation now would cancel the login's request.
    await expect(phone).toHaveURL(/\/m\/profile$/);
    await phone.goto('/m/study');
    await phone.getByTestId('study-library-link').click();
    await expect(phone).toHaveURL(/\/m\/study\/library$/);
    await expect(phone.getByTestId('library-list')).toBeVisible();
    await snap(phone, 'study-phone-10-library');
    await expectAccessible(phone, 'the study library');
    await phone.getByTestId('library-search').locator('input').fill('红色故事');
    const row = phone.getByTestId(`study-module-${created.id}`);
    await expect(row).toContainText(title);
    await expect(row).toContainText('未开始');
    await expect(phone).toHaveURL(/q=/);

    await row.click();
    await expect(phone.getByTestId('study-module-title')).toHaveText(title);
    await expect(phone.getByTestId('study-back')).toHaveText('返回自选学习');
    const complete = phone.getByTestId('study-complete');
    await expect(complete).toBeEnabled({ timeout: 45_000 });
    await complete.click();
    await expect(phone.getByTestId('study-earned')).toContainText('获得 0.5 学时');
    await expect(phone.getByTestId('study-earned-total')).toContainText(`今年已获得 ${Math.round((before.classHours.earned + 0.5) * 10) / 10} 学时`);

    // Back to the very list the member left, the module now done; only what is left this year hides it.
    await phone.getByTestId('study-back').click();
    await expect(phone).toHaveURL(/\/m\/study\/library\?q=/);
    await expect(phone.getByTestId('library-search').locator('input')).toHaveValue('红色故事');
    await expect(phone.getByTestId(`study-module-${created.id}`)).toContainText('已完成');
    // From the keyboard: the switch takes Space as a checkbox does.
    await phone.getByTestId('library-todo').focus();
    await phone.keyboard.press('Space');
    await expect(phone.getByTestId('library-todo')).toHaveAttribute('aria-checked', 'true');
    await expect(phone.getByTestId(`study-module-${created.id}`)).toHaveCount(0);
    await snap(phone, 'study-phone-11-library-todo');
  });
});
