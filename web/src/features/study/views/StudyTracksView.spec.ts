import { flushPromises, mount } from '@vue/test-utils';
import type { TrackSummary, TrackView } from '@zhdj/shared';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { loadStudyMessages } from '../load-messages';
import StudyTracksView from './StudyTracksView.vue';

const audience = { orgTypes: [], groups: [], needs: [] };
const SUMMARY: TrackSummary = { id: 3, title: '社区党员基层治理学习清单', year: 2026, audience, published: true, moduleCount: 2, requiredCount: 1, version: 4 };
const module = (id: number, title: string, kind: 'ARTICLE' | 'QUIZ', classHours: number) =>
  ({ id, kind, title, classHours, published: true }) as TrackView['modules'][number]['module'];
const TRACK: TrackView = {
  id: 3,
  title: SUMMARY.title,
  description: '面向社区党员，围绕网格治理和为民服务。',
  year: 2026,
  audience,
  published: true,
  modules: [
    { position: 1, required: true, module: module(11, '基层治理第一课', 'ARTICLE', 1.5) },
    { position: 2, required: false, module: module(12, '网格化社会治理测验', 'QUIZ', 0.5) },
  ],
  requiredClassHours: 1.5,
  version: 4,
};

const committee = withLoggedInApi(['COMMITTEE_ADMIN']);

async function open() {
  const server = committee.serve((req) => {
    if (req.method === 'GET' && req.url === '/study/tracks/3') return { status: 200, data: TRACK };
    return { status: 200, data: { items: [SUMMARY], nextCursor: null } };
  });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/admin/study/tracks', name: 'admin-study-tracks', component: StudyTracksView },
      { path: '/admin/study/tracks/:id', name: 'admin-study-track', component: { render: () => null } },
      { path: '/admin/study/assignments', name: 'admin-study-assignments', component: { render: () => null } },
    ],
  });
  await router.push('/admin/study/tracks');
  const wrapper = mount(StudyTracksView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, router, server };
}

describe('the track list for those who assign but do not author', () => {
  beforeAll(async () => {
    await loadStudyMessages('member', 'admin');
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it("opens a track's modules read-only — required or optional, with their hours — and assigns it from there", async () => {
    const { wrapper, router, server } = await open();
    // No composer for them: the title opens the outline instead of linking to a page they may not open.
    expect(wrapper.find('a[href="/admin/study/tracks/3"]').exists()).toBe(false);
    await wrapper.get('[data-testid=study-track-view-3]').trigger('click');
    await vi.waitFor(() => expect(document.querySelector('[data-testid=study-track-outline-modules]')).not.toBeNull());
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toContain('GET /study/tracks/3');
    const dialog = document.querySelector('[data-testid=study-track-outline]')!;
    expect(dialog.textContent).toContain('面向社区党员，围绕网格治理和为民服务。');
    expect(dialog.textContent).toContain('必学合计 1.5 学时');
    const rows = [...dialog.querySelectorAll('[data-testid=study-track-outline-modules] li')].map((li) =>
      [...li.children].map((part) => part.textContent!.replace(/\s+/g, ' ').trim()).join(' | '),
    );
    expect(rows).toEqual(['基层治理第一课 | 文章 · 必学 · 1.5 学时', '网格化社会治理测验 | 测试 · 选学 · 0.5 学时']);

    (document.querySelector('[data-testid=study-track-outline-assign]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('admin-study-assignments'));
    expect(router.currentRoute.value.query).toEqual({ assign: '3' });
    wrapper.unmount();
  });
});
