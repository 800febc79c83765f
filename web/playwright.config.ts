import { defineConfig } from '@playwright/test';

/**
 * Browser journeys. Run them through `npm run e2e -w web` (e2e/run.mjs), which starts the real server and passes
 * its address in E2E_BASE_URL. Debian's Chromium is used; Playwright never downloads a browser here.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: './e2e/artifacts/test-results',
  // One seeded server is shared; the journeys log in as the same demo accounts.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
