import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeDialog } from 'vant';
import { nextTick } from 'vue';
import { asked } from './asked';

const dialog = () => [...document.querySelectorAll<HTMLElement>('.van-dialog[role="dialog"]')].pop()!;
// (The dialog's code arrives first: the helper imports it when asked.)
/** The text of the elements an ARIA id-reference attribute points at, as a browser computes a name from it. */
const referred = (el: HTMLElement, attr: string) =>
  (el.getAttribute(attr) ?? '')
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent?.trim())
    .filter(Boolean)
    .join(' ');
const button = (text: string) => [...dialog().querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;

describe('asking a member before an action', () => {
  afterEach(async () => {
    closeDialog();
    await nextTick();
  });

  it('names the dialog by its title and describes it by its question, and answers yes on confirm', async () => {
    const answer = asked({ title: '取消预约', message: '确定取消这次预约吗？', confirmButtonText: '取消预约', cancelButtonText: '再想想' });
    await vi.waitFor(() => expect(referred(dialog(), 'aria-labelledby')).toBe('取消预约'));
    expect(referred(dialog(), 'aria-describedby')).toBe('确定取消这次预约吗？');
    button('取消预约').click();
    await expect(answer).resolves.toBe(true);
  });

  it('holds the keyboard while it shows: modal, focus on the safe answer, Tab among its buttons, Escape for no, focus back after', async () => {
    const opener = document.createElement('button');
    opener.textContent = '取消预约';
    document.body.append(opener);
    opener.focus();
    const answer = asked({ title: '取消预约', message: '确定取消这次预约吗？', confirmButtonText: '确定', cancelButtonText: '再想想' });
    await vi.waitFor(() => expect(dialog().getAttribute('aria-modal')).toBe('true'));
    // (Vant focuses its box once open: waited for, then the answer must still hold the focus.)
    await new Promise((r) => setTimeout(r, 100));
    expect(document.activeElement).toBe(button('再想想'));
    const press = (key: string, shiftKey = false) => document.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));
    press('Tab');
    expect(document.activeElement).toBe(button('确定'));
    press('Tab');
    expect(document.activeElement).toBe(button('再想想'));
    press('Tab', true);
    expect(document.activeElement).toBe(button('确定'));
    press('Escape');
    await expect(answer).resolves.toBe(false);
    await vi.waitFor(() => expect(document.activeElement).toBe(opener));
    opener.remove();
  });

  it('names a dialog without a title by its question, and answers no on cancel', async () => {
    const answer = asked({ message: '确定退出登录吗？', confirmButtonText: '退出登录' });
    await vi.waitFor(() => expect(referred(dialog(), 'aria-labelledby')).toBe('确定退出登录吗？'));
    expect(dialog().hasAttribute('aria-describedby')).toBe(false);
    button('取消').click();
    await expect(answer).resolves.toBe(false);
  });
});
