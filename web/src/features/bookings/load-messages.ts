import { screenMessages } from '@/i18n/screen-messages';

/** The booking screens' messages (members' and centre administrators'), loaded with the screens. */
export const loadBookingMessages = screenMessages({
  member: {
    'zh-CN': () => import('./messages.zh-CN').then((m) => m.zhCN),
    en: () => import('./messages.en').then((m) => m.en),
  },
  admin: {
    'zh-CN': () => import('./admin-messages.zh-CN').then((m) => m.zhCN),
    en: () => import('./admin-messages.en').then((m) => m.en),
  },
});
