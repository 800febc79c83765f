/**
 * Study messages that must exist before any study screen opens — the tab and menu labels and the page titles —
 * registered in src/i18n with one spread line per locale. The screens' own words load with their routes
 * (load-messages.ts): members never download the administrators' words, and nobody downloads English unless in use.
 */
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

export const en: typeof zhCN = {
  study: {
    title: 'My study',
    tab: 'Study',
    module: {
      title: 'Study',
    },
  },
  studyAdmin: {
    nav: {
      dashboard: 'Study follow-up',
      assignments: 'Assignments',
      modules: 'Modules',
      tracks: 'Study tracks',
    },
    titles: {
      dashboard: 'Study follow-up',
      assignments: 'Study assignments',
      modules: 'Study modules',
      moduleNew: 'New module',
      moduleEdit: 'Edit module',
      tracks: 'Study tracks',
      trackNew: 'New track',
      trackEdit: 'Edit track',
    },
  },
};
