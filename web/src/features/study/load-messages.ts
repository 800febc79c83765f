import { screenMessages } from '@/i18n/screen-messages';

/** The study screens' messages (members' and administrators'), loaded with the screens. */
export const loadStudyMessages = screenMessages({
  member: {
    'zh-CN': () => import('./messages.zh-CN').then((m) => m.zhCN),
    en: () => import('./messages.en').then((m) => m.en),
  },
  admin: {
    'zh-CN': () => import('./admin-messages.zh-CN').then((m) => m.zhCN),
    en: () => import('./admin-messages.en').then((m) => m.en),
  },
});
