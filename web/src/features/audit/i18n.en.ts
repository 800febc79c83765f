import type { zhCN } from './i18n.zh-CN';

export const en: typeof zhCN = {
  audit: {
    nav: 'Audit log',
    title: 'Audit log',
  },
};
