import { watch } from 'vue';
import { i18n, type AppLocale } from '@/i18n';

/**
 * The study screens' messages join the app's when a study screen is first opened (each route waits for them), so the
 * member's first screen does not carry them, and members never download the administrators' words. English is
 * fetched only when English is in use, after the app's own English messages (which replace the whole English set
 * when they arrive). The same pattern as the booking screens (features/bookings/load-messages.ts).
 */
export type MessagePart = 'member' | 'admin';

type Loader = () => Promise<Record<string, unknown>>;
const loaders: Record<MessagePart, Record<AppLocale, Loader>> = {
  member: {
    'zh-CN': () => import('./messages.zh-CN').then((m) => m.zhCN),
    en: () => import('./messages.en').then((m) => m.en),
  },
  admin: {
    'zh-CN': () => import('./admin-messages.zh-CN').then((m) => m.zhCN),
    en: () => import('./admin-messages.en').then((m) => m.en),
  },
};
const wanted = new Set<MessagePart>();
const merged = new Set<string>();

async function mergeFor(part: MessagePart, locale: AppLocale): Promise<void> {
  const key = `${part}:${locale}`;
  if (merged.has(key) || !i18n.global.availableLocales.includes(locale)) return;
  const messages = await loaders[part][locale]();
  if (merged.has(key)) return;
  // A new object for the language, not a merge in place: screens already showing the fallback Chinese re-render.
  i18n.global.setLocaleMessage(locale, deepMerge(i18n.global.getLocaleMessage(locale), messages) as never);
  merged.add(key);
}

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `base` with `extra` laid over it, as new objects all the way down (neither input is changed). */
export function deepMerge(base: unknown, extra: Tree): Tree {
  const out: Tree = isTree(base) ? { ...base } : {};
  for (const [k, v] of Object.entries(extra)) out[k] = isTree(v) ? deepMerge(out[k], v) : v;
  return out;
}

let watching = false;

/** Resolves once the messages of the given screens, in the current language and in Chinese (the fallback), are in. */
export async function loadStudyMessages(...parts: MessagePart[]): Promise<true> {
  if (!watching) {
    watching = true;
    // Switching language on a study screen: the new language's messages follow.
    watch(i18n.global.locale, (locale) => {
      for (const part of wanted) void mergeFor(part, locale);
    });
  }
  for (const part of parts.length ? parts : (['member'] as const)) {
    wanted.add(part);
    await mergeFor(part, 'zh-CN');
    await mergeFor(part, i18n.global.locale.value);
  }
  return true;
}
