import type { zhCN } from './i18n.zh-CN';

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
