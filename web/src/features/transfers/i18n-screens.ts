import { i18n } from '@/i18n';
import { screensZhCN } from './i18n-screens.zh-CN';

/** Imported by every transfer screen and component (member, admin, public): merges their Chinese messages once. */
i18n.global.mergeLocaleMessage('zh-CN', screensZhCN);
