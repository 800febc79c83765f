import { screenMessages } from '@/i18n/screen-messages';

/** The words of an organisation's administrators (OrgAdministrators), loaded with that part of the screen. */
export const loadOrgAdminMessages = screenMessages({
  admin: {
    'zh-CN': () => import('./admin-messages.zh-CN').then((m) => m.zhCN),
    en: () => import('./admin-messages.en').then((m) => m.en),
  },
});
