/**
 * Messages of the working calendar (工作日历) that must exist before its screen is opened — the menu label and the
 * page title — registered in src/i18n with one spread line per locale. Everything else is loaded with the screen
 * itself (load-messages.ts). The English object is typed by the Chinese one, so a missing or extra key fails the type
 * check.
 * Each language is a module of its own, so English travels in the English chunk (loaded when first chosen), not in
 * the app's first download.
 */
export { zhCN } from './i18n.zh-CN';
export { en } from './i18n.en';
