import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppNotification, NotificationPage } from './api';
import { safeLink, useNotificationStore, type NotificationsApi } from './store';

const note = (id: number, read = false): AppNotification => ({
  id,
  kind: 'transfer.changed',
  title: `组织关系转接：待初审 ${id}`,
  body: '',
  link: `/m/transfers/${id}`,
  read,
  createdAt: '2026-11-28T08:00:00.000Z',
});

function fakeApi(pages: NotificationPage[], unread = 3): NotificationsApi {
  let page = 0;
  return {
    fetchNotifications: vi.fn(async () => pages[page++]),
    fetchUnreadCount: vi.fn(async () => unread),
    markNotificationRead: vi.fn(async () => undefined),
    markAllNotificationsRead: vi.fn(async () => 3),
  };
}

describe('notifications', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('lowers the bell’s count at once when one is read', async () => {
    const api = fakeApi([{ items: [note(3), note(2), note(1, true)], nextCursor: null, unread: 2 }]);
    const sut = useNotificationStore();
    sut.setApi(api);
    await sut.loadFirst();
    expect(sut.unread).toBe(2);
    await sut.markRead(3);
    expect(sut.unread).toBe(1);
    expect(sut.items.find((n) => n.id === 3)?.read).toBe(true);
    await sut.markRead(3);
    await sut.markRead(1);
    expect(api.markNotificationRead).toHaveBeenCalledTimes(1);
    expect(sut.unread).toBe(1);
  });

  it('takes the server’s count again when marking failed', async () => {
    const api = fakeApi([{ items: [note(3)], nextCursor: null, unread: 1 }], 1);
    api.markNotificationRead = vi.fn(async () => {
      throw new Error('offline');
    });
    const sut = useNotificationStore();
    sut.setApi(api);
    await sut.loadFirst();
    await sut.markRead(3);
    expect(api.fetchUnreadCount).toHaveBeenCalled();
    expect(sut.unread).toBe(1);
  });

  it('loads more without repeating, and marks all read', async () => {
    const api = fakeApi([
      { items: [note(5), note(4)], nextCursor: 'c4', unread: 5 },
      { items: [note(4), note(3)], nextCursor: null, unread: 5 },
    ]);
    const sut = useNotificationStore();
    sut.setApi(api);
    await sut.loadFirst();
    await sut.loadMore();
    expect(sut.items.map((n) => n.id)).toEqual([5, 4, 3]);
    expect(sut.nextCursor).toBeNull();
    await sut.markAllRead();
    expect(sut.unread).toBe(0);
    expect(sut.items.every((n) => n.read)).toBe(true);
  });

  it('keeps a late count from overwriting a newer one', async () => {
    let resolveCount: (n: number) => void = () => undefined;
    const api = fakeApi([{ items: [], nextCursor: null, unread: 0 }]);
    api.fetchUnreadCount = vi.fn(() => new Promise<number>((r) => (resolveCount = r)));
    const sut = useNotificationStore();
    sut.setApi(api);
    const polling = sut.refreshCount();
    await sut.loadFirst();
    resolveCount(7);
    await polling;
    expect(sut.unread).toBe(0);
  });

  it('follows only links inside the app', () => {
    expect(safeLink('/admin/transfers/12')).toBe('/admin/transfers/12');
    expect(safeLink('//evil.example/x')).toBeNull();
    expect(safeLink('https://evil.example')).toBeNull();
    expect(safeLink('')).toBeNull();
  });
});
