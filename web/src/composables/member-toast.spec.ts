import { closeToast } from 'vant';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_DELAY_MS } from './announce';
import { showFailToast, showSuccessToast, showToast } from './member-toast';

const region = (role: 'status' | 'alert') => document.querySelector<HTMLElement>(`[role="${role}"][aria-live]`);
const toastText = () => document.querySelector('.van-toast:not([style*="display: none"]) .van-toast__text')?.textContent;

describe('a member’s toast', () => {
  afterEach(() => {
    closeToast(true);
    vi.useRealTimers();
  });

  it('shows Vant’s toast and says the same words through the polite live region', async () => {
    vi.useFakeTimers();
    showSuccessToast('已保存');
    await vi.advanceTimersByTimeAsync(ANNOUNCE_DELAY_MS);
    expect(toastText()).toBe('已保存');
    expect(region('status')?.textContent).toBe('已保存');
    expect(region('status')?.getAttribute('aria-live')).toBe('polite');
    expect(region('status')?.className).toBe('zd-visually-hidden');
  });

  it('says a failure urgently, and the same words again when they come again', async () => {
    vi.useFakeTimers();
    showFailToast({ message: '网络不稳定，请重试', duration: 4000 });
    await vi.advanceTimersByTimeAsync(ANNOUNCE_DELAY_MS);
    expect(region('alert')?.textContent).toBe('网络不稳定，请重试');
    expect(region('alert')?.getAttribute('aria-live')).toBe('assertive');

    showFailToast('网络不稳定，请重试');
    // Emptied at once and filled a moment later: a screen reader hears the change, so it speaks the words again.
    expect(region('alert')?.textContent).toBe('');
    await vi.advanceTimersByTimeAsync(ANNOUNCE_DELAY_MS);
    expect(region('alert')?.textContent).toBe('网络不稳定，请重试');
    expect(document.querySelectorAll('[role="alert"][aria-live]')).toHaveLength(1);
  });

  it('takes Vant’s options as Vant does', async () => {
    vi.useFakeTimers();
    showToast({ message: '请选择办理事项', position: 'top' });
    await vi.advanceTimersByTimeAsync(ANNOUNCE_DELAY_MS);
    expect(region('status')?.textContent).toBe('请选择办理事项');
    expect(document.querySelector('.van-toast--top')).not.toBeNull();
  });

  it('draws the toast as a picture only: no unnamed dialog, out of the tab order, the focus left where it was', async () => {
    vi.useFakeTimers();
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    showFailToast('请填写转入党组织');
    await vi.advanceTimersByTimeAsync(ANNOUNCE_DELAY_MS);
    const toast = document.querySelector<HTMLElement>('.van-toast:not([style*="display: none"])');
    expect(toast?.textContent).toContain('请填写转入党组织');
    // Vant draws it as role="dialog" tabindex="0"; the live region says its words instead.
    expect(toast?.getAttribute('role')).toBeNull();
    expect(toast?.hasAttribute('tabindex')).toBe(false);
    expect(toast?.getAttribute('aria-hidden')).toBe('true');
    expect(document.activeElement).toBe(field);
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    field.remove();
  });
});
