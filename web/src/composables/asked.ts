import type { DialogOptions } from 'vant';
import { nextTick } from 'vue';

/**
 * Asks a member before an action (Vant's confirmation dialog) and answers whether they went on: cancelling is
 * `false`, never an exception to catch at every call (as `confirmed` does for the administrators' box). Vant's dialog
 * is imported when asked for: this helper sits in the chunk every screen shares, the administrators' too, and a static
 * import put Vant on their first screens (+23 KB gzipped, caught by the bundle report).
 *
 * Vant 4 names its dialog with `aria-labelledby` set to the title's or the message's *text*, which refers to no
 * element: Chromium gave the dialog no name, and a screen reader announced just "dialog". Once it shows, the dialog
 * is pointed at its own title (or its question, when it has no title) and described by its message, by ids.
 */
export async function asked(options: DialogOptions): Promise<boolean> {
  let showConfirmDialog: typeof import('./asked-dialog').showConfirmDialog;
  try {
    ({ showConfirmDialog } = await import('./asked-dialog'));
  } catch {
    // The dialog's code could not be fetched (the link dropped, or a new release replaced the files): the browser's
    // own question still asks, rather than the tap doing nothing.
    return askedNatively(options.title, options.message);
  }
  const answer = showConfirmDialog(options);
  await nextTick();
  nameDialog();
  try {
    await answer;
    return true;
  } catch {
    return false;
  }
}

/** The browser's own yes/no question: plain, but always there. */
export function askedNatively(title: unknown, message: unknown): boolean {
  return window.confirm([title, message].filter((part) => typeof part === 'string' && part).join('\n\n'));
}

const TITLE_ID = 'zd-asked-title';
const MESSAGE_ID = 'zd-asked-message';

function nameDialog(): void {
  // Vant shows one dialog at a time, in one element it reuses.
  const dialog = [...document.querySelectorAll<HTMLElement>('.van-dialog[role="dialog"]')].pop();
  if (!dialog) return;
  const title = dialog.querySelector<HTMLElement>('.van-dialog__header');
  const message = dialog.querySelector<HTMLElement>('.van-dialog__message');
  title?.setAttribute('id', TITLE_ID);
  message?.setAttribute('id', MESSAGE_ID);
  if (title) dialog.setAttribute('aria-labelledby', TITLE_ID);
  else if (message) dialog.setAttribute('aria-labelledby', MESSAGE_ID);
  if (title && message) dialog.setAttribute('aria-describedby', MESSAGE_ID);
  else dialog.removeAttribute('aria-describedby');
}
