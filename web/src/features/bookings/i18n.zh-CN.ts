export const zhCN = {
  bookings: {
    nav: {
      tab: '预约',
      desk: '预约接待',
      overview: '预约统计',
    },
    title: {
      list: '我的预约',
      new: '预约办事',
      detail: '预约详情',
      reschedule: '改约',
      desk: '预约接待',
      overview: '预约统计',
    },
  },
};
