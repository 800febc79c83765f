import { describe, expect, it } from 'vitest';

// Every module's source, as text (not the tests).
const sources = import.meta.glob<string>(['/src/**/*.ts', '!/src/**/*.spec.ts'], { query: '?raw', import: 'default', eager: true });

/** A declaration of English messages: `const en: typeof zhCN = {`, `const en: Messages = {`, `const adminEn …`. */
const ENGLISH_MESSAGES = /^(export )?const (en|\w+En)\b\s*:/m;
/** Modules the bundle report (scripts/bundle-report.mjs) keeps off the first screens: they load when English is chosen. */
const isEnglishModule = (path: string) => path === '/src/i18n/en.ts' || /\.en\.ts$/.test(path);

describe('English messages', () => {
  it('has the modules to look at', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
  });

  // A feature's words in both languages in one module put the English into the first download of every screen that
  // shows the Chinese (the account-security words did, 2 KB gzipped of the member's first screen).
  it('live in modules of their own, fetched only when English is chosen', () => {
    const mixed = Object.entries(sources)
      .filter(([path, text]) => ENGLISH_MESSAGES.test(text) && !isEnglishModule(path))
      .map(([path]) => path);
    expect(mixed).toEqual([]);
  });
});
