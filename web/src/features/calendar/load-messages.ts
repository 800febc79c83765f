import { screenMessages } from '@/i18n/screen-messages';

/** The working-calendar screen's messages (administrators' only), loaded with the screen. */
export const loadCalendarMessages = screenMessages({
  admin: {
    'zh-CN': () => import('./admin-messages.zh-CN').then((m) => m.zhCN),
    en: () => import('./admin-messages.en').then((m) => m.en),
  },
});
