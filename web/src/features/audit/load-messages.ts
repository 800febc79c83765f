import { screenMessages } from '@/i18n/screen-messages';

/** The audit-log screen's messages (administrators' only), loaded with the screen. */
export const loadAuditMessages = screenMessages({
  admin: {
    'zh-CN': () => import('./admin-messages.zh-CN').then((m) => m.zhCN),
    en: () => import('./admin-messages.en').then((m) => m.en),
  },
});
