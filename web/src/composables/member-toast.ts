import { showFailToast as vantFailToast, showSuccessToast as vantSuccessToast, showToast as vantToast, type ToastOptions } from 'vant';
import 'vant/es/toast/style';
import { announce } from './announce';

/**
 * Vant's toasts for the members' screens, also said to screen readers (announce.ts): Vant draws a toast as an unnamed
 * dialog that no screen reader reads out. The same names and arguments as Vant's, so a screen imports these instead.
 * With Vant in its chunk (web/vite.config.ts), not in the helpers' chunk the administrators' screens load too.
 */
type Toast = string | ToastOptions;

const wordsOf = (toast: Toast): string => (typeof toast === 'string' ? toast : typeof toast.message === 'string' || typeof toast.message === 'number' ? String(toast.message) : '');

export function showToast(toast: Toast): ReturnType<typeof vantToast> {
  announce(wordsOf(toast));
  return vantToast(toast);
}

export function showSuccessToast(toast: Toast): ReturnType<typeof vantSuccessToast> {
  announce(wordsOf(toast));
  return vantSuccessToast(toast);
}

export function showFailToast(toast: Toast): ReturnType<typeof vantFailToast> {
  announce(wordsOf(toast), { urgent: true });
  return vantFailToast(toast);
}
