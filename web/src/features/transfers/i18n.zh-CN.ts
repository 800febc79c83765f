import type { adminZhCN } from './i18n-admin.zh-CN';
import type { screensZhCN } from './i18n-screens.zh-CN';

const menu = {
  transfersNav: { member: '转接', admin: '转接办理', overview: '转接统计', waiting: '，待办 {n} 件', waitingOverdue: '，待办 {n} 件，其中 {late} 件超期' },
};

/**
 * Chinese messages of transfers. Only the menu labels ship with the app's first screen; the screens' messages are
 * typed here (so every key is checked) but merged when a transfer screen loads (./i18n-screens.ts, ./i18n-admin.ts).
 */
export const zhCN = menu as typeof menu & typeof screensZhCN & typeof adminZhCN;
