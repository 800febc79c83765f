/** Chinese messages of in-app notifications (see ./i18n.ts). */
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
