/**
 * Study messages for web/src/i18n: `zhCN` ships with the entry, `en` only in the lazily loaded English chunk (two
 * modules behind one name, so the English text never reaches a Chinese reader's first download).
 */
export { zhCN } from './i18n.zh';
export { en } from './i18n.en';
export type { StudyMessages } from './i18n.zh';
