import { ElMessageBox, type ElMessageBoxOptions } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';

/**
 * Asks before an action that cannot be taken back (Element Plus's confirmation box) and answers whether the
 * administrator went on: closing the box or stepping back is `false`, never an exception to catch at every call.
 */
export async function confirmed(message: string, title: string, options: ElMessageBoxOptions): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, options);
    return true;
  } catch {
    return false;
  }
}
