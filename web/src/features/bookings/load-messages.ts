import { screenMessages } from '@/i18n/screen-messages';
import { zhCN } from './messages.zh-CN';

/** The booking screens' messages (members' and centre administrators'), loaded with the screens. */
export const loadBookingMessages = screenMessages({
  member: {
    // In this chunk rather than one more behind it: every member screen of the feature needs them at once.
    'zh-CN': async () => zhCN,
    en: () => import('./messages.en').then((m) => m.en),
  },
  admin: {
    'zh-CN': () => import('./admin-messages.zh-CN').then((m) => m.zhCN),
    en: () => import('./admin-messages.en').then((m) => m.en),
  },
});
