export const zhCN = {
  study: {
    title: '我的学习',
    tab: '学习',
    module: {
      title: '学习内容',
    },
  },
  studyAdmin: {
    nav: {
      dashboard: '学习情况',
      assignments: '学习任务',
      modules: '课程资源',
      tracks: '学习清单',
    },
    titles: {
      dashboard: '学习情况统计',
      assignments: '学习任务',
      modules: '课程资源',
      moduleNew: '新建课程',
      moduleEdit: '编辑课程',
      tracks: '学习清单',
      trackNew: '新建学习清单',
      trackEdit: '编辑学习清单',
    },
  },
};
