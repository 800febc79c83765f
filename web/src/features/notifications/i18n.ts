/** In-app notifications. Registered in src/i18n by one spread line per locale; English is typed by Chinese. */
export const zhCN = {
  notifications: {
    title: '消息通知',
    bell: '消息通知',
    bellUnread: '消息通知，{n} 条未读',
    empty: '暂无消息',
    markAll: '全部标为已读',
    markedAll: '已全部标为已读',
    unread: '未读',
    unreadCount: '{n} 条未读',
    loadMore: '加载更多',
    loadFailed: '消息加载失败',
    list: '消息列表',
  },
};

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
