/**
 * A member's login account (first password), and the labels of the add and edit actions that show before their
 * screens open (buttons, page titles). Registered in src/i18n by one spread line per locale; the form's own messages
 * are loaded with its screens (load-messages.ts).
 * Each language is a module of its own, so English travels in the English chunk (loaded when first chosen), not in
 * the app's first download.
 */
export { zhCN } from './i18n.zh-CN';
export { en } from './i18n.en';
