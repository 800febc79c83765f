import { watch } from 'vue';
import { i18n, type AppLocale } from './index';

/**
 * Messages of a feature's screens that join the app's when one of its screens is first opened (each route waits for
 * them), so the member's first screen does not carry them and members never download the administrators' words.
 * English is fetched only when English is in use, after the app's own English messages (which replace the whole
 * English set when they arrive). Used by the booking, the study and the working-calendar screens; a feature with
 * administrators' screens only (the working calendar) names just the `admin` part.
 */
export type MessagePart = 'member' | 'admin';
export type MessageLoaders<P extends MessagePart = MessagePart> = Record<P, Record<AppLocale, () => Promise<Record<string, unknown>>>>;

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `base` with `extra` laid over it, as new objects all the way down (neither input is changed). */
export function deepMerge(base: unknown, extra: Tree): Tree {
  const out: Tree = isTree(base) ? { ...base } : {};
  for (const [k, v] of Object.entries(extra)) out[k] = isTree(v) ? deepMerge(out[k], v) : v;
  return out;
}

/**
 * Returns the function a feature's routes await: it resolves once the named parts are in, in Chinese and the current
 * language. Called without parts it loads the members' part, or the only part a feature has.
 */
export function screenMessages<P extends MessagePart>(loaders: MessageLoaders<P>): (...parts: P[]) => Promise<true> {
  const wanted = new Set<P>();
  const defaultParts = ('member' in loaders ? ['member'] : Object.keys(loaders)) as P[];
  const merged = new Set<string>();
  let watching = false;

  async function mergeFor(part: P, locale: AppLocale): Promise<void> {
    const key = `${part}:${locale}`;
    if (merged.has(key) || !i18n.global.availableLocales.includes(locale)) return;
    const messages = await loaders[part][locale]();
    if (merged.has(key)) return;
    // A new object for the language, not a merge in place: components already showing the fallback Chinese (Vant's
    // radios among them) re-render only when the language's message object is replaced.
    i18n.global.setLocaleMessage(locale, deepMerge(i18n.global.getLocaleMessage(locale), messages) as never);
    merged.add(key);
  }

  return async (...parts) => {
    if (!watching) {
      watching = true;
      // Switching language on one of these screens: the new language's messages follow.
      watch(i18n.global.locale, (locale) => {
        for (const part of wanted) void mergeFor(part, locale);
      });
    }
    for (const part of parts.length ? parts : defaultParts) {
      wanted.add(part);
      await mergeFor(part, 'zh-CN');
      await mergeFor(part, i18n.global.locale.value);
    }
    return true;
  };
}
