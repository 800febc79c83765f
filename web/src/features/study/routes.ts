import { Permission } from '@zhdj/shared';
import type { RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** The menu entry a screen belongs to, when it is not an entry itself (an editor belongs to its list). */
    activeNav?: string;
  }
}

/** The screens' messages are loaded with them (load-messages.ts), before the first one renders. */
const withMessages = () => import('./load-messages').then((m) => m.loadStudyMessages('member'));
const withAdminMessages = () => import('./load-messages').then((m) => m.loadStudyMessages('member', 'admin'));

const id = (route: { params: Record<string, unknown> }) => ({ id: Number(route.params.id) });

/** The member's study (phone first, Vant): children of /m. */
export const studyMemberRoutes: RouteRecordRaw[] = [
  {
    path: 'study',
    beforeEnter: withMessages,
    meta: { permission: Permission.STUDY_LEARN },
    children: [
      {
        path: '',
        name: 'member-study',
        component: () => import('./views/StudyMyView.vue'),
        meta: { titleKey: 'study.title' },
      },
      {
        path: 'library',
        name: 'member-study-library',
        component: () => import('./views/StudyLibraryView.vue'),
        meta: { titleKey: 'study.library.title' },
      },
      {
        path: 'modules/:id(\\d+)',
        name: 'member-study-module',
        component: () => import('./views/StudyModuleView.vue'),
        props: id,
        meta: { titleKey: 'study.module.title', early: (to) => [`/study/modules/${id(to).id}`] },
      },
    ],
  },
];

/** Study administration (desktop first, Element Plus): children of /admin. */
export const studyAdminRoutes: RouteRecordRaw[] = [
  {
    path: 'study',
    name: 'admin-study',
    component: () => import('./views/StudyDashboardView.vue'),
    beforeEnter: withAdminMessages,
    meta: { titleKey: 'studyAdmin.titles.dashboard', permission: Permission.STUDY_STATS },
  },
  {
    path: 'study/assignments',
    name: 'admin-study-assignments',
    component: () => import('./views/StudyAssignmentsView.vue'),
    beforeEnter: withAdminMessages,
    meta: { titleKey: 'studyAdmin.titles.assignments', permission: Permission.STUDY_ASSIGN },
  },
  {
    path: 'study/tracks',
    name: 'admin-study-tracks',
    component: () => import('./views/StudyTracksView.vue'),
    beforeEnter: withAdminMessages,
    meta: { titleKey: 'studyAdmin.titles.tracks', permission: Permission.STUDY_ASSIGN },
  },
  {
    path: 'study/tracks/new',
    name: 'admin-study-track-new',
    component: () => import('./views/StudyTrackEditView.vue'),
    beforeEnter: withAdminMessages,
    meta: { titleKey: 'studyAdmin.titles.trackNew', permission: Permission.STUDY_AUTHOR, activeNav: 'admin-study-tracks' },
  },
  {
    path: 'study/tracks/:id(\\d+)',
    name: 'admin-study-track',
    component: () => import('./views/StudyTrackEditView.vue'),
    beforeEnter: withAdminMessages,
    props: id,
    meta: { titleKey: 'studyAdmin.titles.trackEdit', permission: Permission.STUDY_AUTHOR, activeNav: 'admin-study-tracks' },
  },
  {
    path: 'study/modules',
    name: 'admin-study-modules',
    component: () => import('./views/StudyModulesView.vue'),
    beforeEnter: withAdminMessages,
    meta: { titleKey: 'studyAdmin.titles.modules', permission: Permission.STUDY_AUTHOR },
  },
  {
    path: 'study/modules/new',
    name: 'admin-study-module-new',
    component: () => import('./views/StudyModuleEditView.vue'),
    beforeEnter: withAdminMessages,
    meta: { titleKey: 'studyAdmin.titles.moduleNew', permission: Permission.STUDY_AUTHOR, activeNav: 'admin-study-modules' },
  },
  {
    path: 'study/modules/:id(\\d+)',
    name: 'admin-study-module',
    component: () => import('./views/StudyModuleEditView.vue'),
    beforeEnter: withAdminMessages,
    props: id,
    meta: { titleKey: 'studyAdmin.titles.moduleEdit', permission: Permission.STUDY_AUTHOR, activeNav: 'admin-study-modules' },
  },
];
