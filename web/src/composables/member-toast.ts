import { showFailToast as vantFailToast, showSuccessToast as vantSuccessToast, showToast as vantToast, type ToastOptions } from 'vant';
import 'vant/es/toast/style';
import { announce } from './announce';

/**
 * Vant's toasts for the members' screens, said to screen readers through a live region (announce.ts) instead of as
 * Vant draws them: an unnamed dialog that no screen reader reads out, and a stop in the tab order. The same names and
 * arguments as Vant's, so a screen imports these instead.
 * With Vant in its chunk (web/vite.config.ts), not in the helpers' chunk the administrators' screens load too.
 */
type Toast = string | ToastOptions;

const wordsOf = (toast: Toast): string => (typeof toast === 'string' ? toast : typeof toast.message === 'string' || typeof toast.message === 'number' ? String(toast.message) : '');

/**
 * The toast as a picture only. Options Vant's toast does not know fall through to its popup as attributes, and they
 * override the popup's own role="dialog" and tabindex="0".
 */
const PICTURE_ONLY = { role: undefined, tabindex: undefined, 'aria-hidden': 'true' };

const drawn = (toast: Toast): ToastOptions => ({ ...(typeof toast === 'string' ? { message: toast } : toast), ...PICTURE_ONLY }) as ToastOptions;

export function showToast(toast: Toast): ReturnType<typeof vantToast> {
  announce(wordsOf(toast));
  return vantToast(drawn(toast));
}

export function showSuccessToast(toast: Toast): ReturnType<typeof vantSuccessToast> {
  announce(wordsOf(toast));
  return vantSuccessToast(drawn(toast));
}

export function showFailToast(toast: Toast): ReturnType<typeof vantFailToast> {
  announce(wordsOf(toast), { urgent: true });
  return vantFailToast(drawn(toast));
}
