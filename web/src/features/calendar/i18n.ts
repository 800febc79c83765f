/**
 * Messages of the working calendar (工作日历) that must exist before its screen is opened — the menu label and the
 * page title — registered in src/i18n with one spread line per locale. Everything else is loaded with the screen
 * itself (load-messages.ts). The English object is typed by the Chinese one, so a missing or extra key fails the type
 * check.
 */
export const zhCN = {
  calendar: {
    nav: '工作日历',
    title: '工作日历',
  },
};

export const en: typeof zhCN = {
  calendar: {
    nav: 'Working calendar',
    title: 'Working calendar',
  },
};
