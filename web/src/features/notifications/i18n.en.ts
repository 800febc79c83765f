import type { zhCN } from './i18n.zh-CN';

/** English messages of in-app notifications, typed by the Chinese ones. */
export const en: typeof zhCN = {
  notifications: {
    title: 'Notifications',
    bell: 'Notifications',
    bellUnread: 'Notifications, {n} unread',
    empty: 'No notifications',
    markAll: 'Mark all as read',
    markedAll: 'All marked as read',
    unread: 'Unread',
    unreadCount: '{n} unread',
    loadMore: 'Load more',
    loadFailed: 'Notifications could not be loaded',
    list: 'Notification list',
  },
};
