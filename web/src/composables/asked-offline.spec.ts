import { afterEach, describe, expect, it, vi } from 'vitest';
import { asked } from './asked';
import { confirmed } from './confirmed';

// The dialogs' code cannot be fetched: the phone's link dropped, or a release replaced the files since the page loaded.
vi.mock('./asked-dialog', () => {
  throw new TypeError('Failed to fetch dynamically imported module: /assets/asked-dialog-DsLVw_0-.js');
});
vi.mock('./confirm-box', () => {
  throw new TypeError('Failed to fetch dynamically imported module: /assets/confirm-box-Ab12Cd34.js');
});

describe('asking when the dialog’s code cannot be fetched', () => {
  // The browser's own question, answered as the test says (the test DOM has none of its own).
  const answering = (...answers: boolean[]) => {
    const ask = vi.fn((_text?: string) => answers.shift() ?? false);
    window.confirm = ask;
    return ask;
  };
  afterEach(() => Reflect.deleteProperty(window, 'confirm'));

  it('asks with the browser’s own question, title and message, and passes on the answer (member)', async () => {
    const ask = answering(true, false);
    await expect(asked({ title: '取消预约', message: '确定取消这次预约吗？' })).resolves.toBe(true);
    await expect(asked({ message: '确定退出登录吗？' })).resolves.toBe(false);
    expect(ask.mock.calls).toEqual([['取消预约\n\n确定取消这次预约吗？'], ['确定退出登录吗？']]);
  });

  it('does the same for an administrator’s confirmation', async () => {
    const ask = answering(true);
    await expect(confirmed('确定免去张三的管理员职务吗？', '免去管理员', { type: 'warning' })).resolves.toBe(true);
    expect(ask).toHaveBeenCalledWith('免去管理员\n\n确定免去张三的管理员职务吗？');
  });
});
