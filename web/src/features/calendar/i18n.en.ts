import type { zhCN } from './i18n.zh-CN';

export const en: typeof zhCN = {
  calendar: {
    nav: 'Working calendar',
    title: 'Working calendar',
  },
};
