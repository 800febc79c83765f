import type { ElMessageBoxOptions } from 'element-plus';
import { askedNatively } from './asked';

/**
 * Asks before an action that cannot be taken back (Element Plus's confirmation box) and answers whether the
 * administrator went on: closing the box or stepping back is `false`, never an exception to catch at every call.
 * The box's code loads when asked for: this helper sits in the chunk most screens share, the member's among them,
 * and a static import of the box pulled Element Plus into the member's first screen (CI's bundle budget caught it).
 */
export async function confirmed(message: string, title: string, options: ElMessageBoxOptions): Promise<boolean> {
  let ElMessageBox: typeof import('./confirm-box').ElMessageBox;
  try {
    ({ ElMessageBox } = await import('./confirm-box'));
  } catch {
    // The box's code could not be fetched (the link dropped, or a new release replaced the files): ask natively.
    return askedNatively(title, message);
  }
  try {
    await ElMessageBox.confirm(message, title, options);
    return true;
  } catch {
    return false;
  }
}
