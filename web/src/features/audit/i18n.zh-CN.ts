export const zhCN = {
  audit: {
    nav: '审计日志',
    title: '审计日志',
  },
};
