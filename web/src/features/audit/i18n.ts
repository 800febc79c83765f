/**
 * Messages of the audit log (审计日志) that must exist before its screen is opened — the menu label and the page
 * title — registered in src/i18n with one spread line per locale. The English object is typed by the Chinese one, so
 * a missing or extra key fails the type check. Everything else is loaded with the screen itself (load-messages.ts).
 */
export const zhCN = {
  audit: {
    nav: '审计日志',
    title: '审计日志',
  },
};

export const en: typeof zhCN = {
  audit: {
    nav: 'Audit log',
    title: 'Audit log',
  },
};
