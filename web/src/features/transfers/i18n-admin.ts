import { i18n } from '@/i18n';
import './i18n-screens';
import { adminZhCN } from './i18n-admin.zh-CN';

/** Imported by every admin transfer screen and component: merges their Chinese messages once. */
i18n.global.mergeLocaleMessage('zh-CN', adminZhCN);
