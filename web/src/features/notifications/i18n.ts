/**
 * In-app notifications' messages, registered in src/i18n with one spread line per locale; each language in its own
 * module so the member's first screen carries only the Chinese.
 */
export { zhCN } from './i18n.zh-CN';
export { en } from './i18n.en';
