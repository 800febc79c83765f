import { createI18n } from 'vue-i18n';
import zhCN, { type Messages } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

declare module 'vue-i18n' {
  // Typed message keys: t('auth.submit') is checked against the Chinese messages.
  export interface DefineLocaleMessage extends Messages {}
}

/** The form for a count: of two (one | other), or of three (none | one | other). */
export function englishPlural(count: number, forms: number): number {
  const n = Math.abs(count);
  if (forms === 3) return n === 0 ? 0 : n === 1 ? 1 : 2;
  return n === 1 ? 0 : 1;
}

export const i18n = createI18n<[Messages], AppLocale, false>({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  // English is registered by applyLocale() when first needed; the type names every locale the app can show.
  messages: { 'zh-CN': zhCN } as Record<AppLocale, Messages>,
  // English messages with a count read "singular | plural", and t(key, values, count) picks one. vue-i18n's own rule
  // calls 0.5 singular ("0.5 class hour"): here only exactly one is.
  pluralRules: { en: englishPlural },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
});

// Chinese ships with the app; English is fetched the first time someone switches to it.
const loaders: Record<AppLocale, () => Promise<Messages>> = {
  'zh-CN': async () => zhCN,
  en: () => import('./en').then((m) => m.default),
};

/** Loads a language's messages if needed, then switches to it. */
export async function applyLocale(locale: AppLocale): Promise<void> {
  if (!i18n.global.availableLocales.includes(locale)) {
    i18n.global.setLocaleMessage(locale, await loaders[locale]());
  }
  i18n.global.locale.value = locale;
}
