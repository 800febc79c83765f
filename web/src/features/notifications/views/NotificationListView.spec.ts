import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import type { AppNotification, NotificationPage } from '../api';
import { useNotificationStore } from '../store';
import NotificationListView from './NotificationListView.vue';

const note = (id: number, read: boolean): AppNotification => ({ id, kind: 'transfer.changed', title: `组织关系转接：待初审 ${id}`, body: '', link: '', read, createdAt: '2026-11-28T08:00:00.000Z' });

async function open(page: NotificationPage) {
  const pinia = createPinia();
  const store = useNotificationStore(pinia);
  store.setApi({
    fetchNotifications: vi.fn(async () => page),
    fetchUnreadCount: vi.fn(async () => page.unread),
    markNotificationRead: vi.fn(async () => undefined),
    markAllNotificationsRead: vi.fn(async () => page.unread),
  });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] });
  const wrapper = mount(NotificationListView, { global: { plugins: [pinia, router, i18n] } });
  await flushPromises();
  return wrapper;
}

describe('the notifications list', () => {
  it('offers 全部标为已读 only where there are messages, greyed once all are read', async () => {
    const none = await open({ items: [], nextCursor: null, unread: 0 });
    expect(none.text()).toContain('暂无消息');
    expect(none.find('[data-testid=notification-read-all]').exists()).toBe(false);
    none.unmount();

    const allRead = await open({ items: [note(1, true)], nextCursor: null, unread: 0 });
    expect(allRead.get('[data-testid=notification-read-all]').attributes('disabled')).toBeDefined();
    allRead.unmount();

    const unread = await open({ items: [note(2, false), note(1, true)], nextCursor: null, unread: 1 });
    expect(unread.get('[data-testid=notification-read-all]').attributes('disabled')).toBeUndefined();
    unread.unmount();
  });
});
