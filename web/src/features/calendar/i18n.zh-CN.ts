export const zhCN = {
  calendar: {
    nav: '工作日历',
    title: '工作日历',
  },
};
