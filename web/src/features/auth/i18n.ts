/**
 * Messages of account security (sessions, two-factor sign-in, password rules and the login's extra steps), registered
 * in src/i18n with one spread line per locale. The English object is typed by the Chinese one. vue-i18n treats
 * { } @ $ | as syntax: the messages use braces only for named parameters.
 * Each language is a module of its own, so English travels in the English chunk (loaded when first chosen), not in
 * the app's first download.
 */
export { zhCN } from './i18n.zh-CN';
export { en } from './i18n.en';
