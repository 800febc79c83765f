/**
 * Messages of the booking feature (预约), registered in src/i18n with one spread line per locale. The English object
 * is typed by the Chinese one, so a missing or extra key fails the type check. vue-i18n treats { } @ $ | as syntax:
 * the messages use braces only for named parameters. Each language lives in its own module so that the member's
 * first screen carries only the Chinese (the English ones travel with the lazily loaded English chunk).
 */
export { zhCN } from './i18n.zh-CN';
export { en } from './i18n.en';
