import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import * as api from './api';
import type { AppNotification } from './api';

/** The network calls, replaceable in tests. */
export interface NotificationsApi {
  fetchNotifications: typeof api.fetchNotifications;
  fetchUnreadCount: typeof api.fetchUnreadCount;
  markNotificationRead: typeof api.markNotificationRead;
  markAllNotificationsRead: typeof api.markAllNotificationsRead;
}

/** Keeps a link only if it is a path inside this app (never another site). */
export function safeLink(link: string): string | null {
  return link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : null;
}

/**
 * The unread count (the bell in both layouts) and the list. A Pinia store because the bell and the list page share
 * them: reading a notification on the list lowers the count on the bell at once.
 */
export const useNotificationStore = defineStore('notifications', () => {
  let deps: NotificationsApi = api;
  const unread = ref(0);
  const items = shallowRef<AppNotification[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  let countSequence = 0;

  /** Tests replace the network here. */
  function setApi(next: NotificationsApi): void {
    deps = next;
  }

  async function refreshCount(): Promise<void> {
    const mine = ++countSequence;
    try {
      const n = await deps.fetchUnreadCount();
      if (mine === countSequence) unread.value = n;
    } catch {
      // The bell keeps its last count; the next poll tries again.
    }
  }

  async function loadFirst(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const page = await deps.fetchNotifications(null);
      items.value = page.items;
      nextCursor.value = page.nextCursor;
      countSequence++;
      unread.value = page.unread;
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loading.value) return;
    loading.value = true;
    error.value = null;
    try {
      const page = await deps.fetchNotifications(nextCursor.value);
      const seen = new Set(items.value.map((n) => n.id));
      items.value = [...items.value, ...page.items.filter((n) => !seen.has(n.id))];
      nextCursor.value = page.nextCursor;
      countSequence++;
      unread.value = page.unread;
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }

  /** Marks one as read (optimistically: the count drops at once, and comes back if the server refuses). */
  async function markRead(id: number): Promise<void> {
    const target = items.value.find((n) => n.id === id);
    if (target?.read) return;
    items.value = items.value.map((n) => (n.id === id ? { ...n, read: true } : n));
    countSequence++;
    unread.value = Math.max(0, unread.value - 1);
    try {
      await deps.markNotificationRead(id);
    } catch {
      await refreshCount();
    }
  }

  async function markAllRead(): Promise<void> {
    await deps.markAllNotificationsRead();
    items.value = items.value.map((n) => (n.read ? n : { ...n, read: true }));
    countSequence++;
    unread.value = 0;
  }

  function reset(): void {
    unread.value = 0;
    items.value = [];
    nextCursor.value = null;
    error.value = null;
  }

  return { unread, items, nextCursor, loading, error, setApi, refreshCount, loadFirst, loadMore, markRead, markAllRead, reset };
});
