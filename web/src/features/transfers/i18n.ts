/**
 * Messages of transfers (组织关系转接), the introduction letter and its public verification, registered in src/i18n
 * with one spread line per locale. The English object is typed by the Chinese one, so a missing or extra key fails the
 * type check; vue-i18n treats { } @ $ | as syntax, so messages use braces only for named parameters. Only the menu
 * labels ship with the app: the screens' Chinese messages are merged when a transfer screen loads (./i18n-screens.ts,
 * ./i18n-admin.ts), and the English ones travel in the English chunk, which is loaded on demand.
 */
export { zhCN } from './i18n.zh-CN';
export { en } from './i18n.en';
