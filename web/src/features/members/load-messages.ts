import { screenMessages } from '@/i18n/screen-messages';

/** The add-member and edit-member screens' messages (administrators' only), loaded with those screens. */
export const loadMemberFormMessages = screenMessages({
  admin: {
    'zh-CN': () => import('./form-messages.zh-CN').then((m) => m.zhCN),
    en: () => import('./form-messages.en').then((m) => m.en),
  },
});
