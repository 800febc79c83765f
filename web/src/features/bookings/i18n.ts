/**
 * Messages of the booking feature (预约) that must exist before any booking screen is opened — the menu and tab-bar
 * labels and the page titles — registered in src/i18n with one spread line per locale. Everything else is loaded with
 * the booking screens themselves (load-messages.ts), so the member's first screen does not carry it. The English
 * object is typed by the Chinese one, so a missing or extra key fails the type check.
 * Each language is a module of its own, so English travels in the English chunk (loaded when first chosen), not in
 * the app's first download.
 */
export { zhCN } from './i18n.zh-CN';
export { en } from './i18n.en';
