import { flushPromises, mount } from '@vue/test-utils';
import type { TrackView } from '@zhdj/shared';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { messageBoxButton } from '@/test/message-box';
import { loadStudyMessages } from '../load-messages';
import StudyTrackEditView from './StudyTrackEditView.vue';

const module = (id: number, title: string) => ({ id, kind: 'ARTICLE', title, classHours: 1, published: true }) as TrackView['modules'][number]['module'];
const TRACK: TrackView = {
  id: 3,
  title: '社区党员基层治理学习清单',
  description: '',
  year: 2026,
  audience: { orgTypes: [], groups: [], needs: [] },
  published: true,
  modules: [
    { position: 1, required: true, module: module(11, '基层治理第一课') },
    { position: 2, required: false, module: module(12, '网格化社会治理') },
  ],
  requiredClassHours: 1,
  reach: { assignments: 2, enrolled: 3115, completed: 1200 },
  version: 4,
};

async function open(track: TrackView = TRACK) {
  const server = api.serve((req) => {
    if (req.method === 'GET' && req.url === `/study/tracks/${track.id}`) return { status: 200, data: track };
    if (req.method === 'PATCH') return { status: 200, data: { ...track, version: track.version + 1 } };
    if (req.url.startsWith('/organizations')) return { status: 200, data: [] };
    return { status: 200, data: { items: [], nextCursor: null } };
  });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', name: 'admin-study-tracks', component: { render: () => null } }] });
  await router.push('/admin/study/tracks/3');
  const wrapper = mount(StudyTrackEditView, { props: { id: track.id }, global: { plugins: [i18n, router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, patches: () => server.requests.filter((r) => r.method === 'PATCH') };
}

const api = withLoggedInApi(['COUNTY_ADMIN']);

describe('editing an assigned track', () => {
  beforeAll(async () => {
    await loadStudyMessages('member', 'admin');
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('says how many members a change of required modules re-judges, and saves only when the author goes on', async () => {
    const { wrapper, patches } = await open();
    // One more required module: those who had finished will be unfinished again.
    await wrapper.findAll('[data-testid=study-track-modules] li')[1].get('.el-checkbox input').setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    await vi.waitFor(() => expect(document.body.textContent).toContain('本清单已布置 2 次，3,115 名党员正在学习，其中 1,200 名已完成'));
    messageBoxButton('取消')!.click();
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).toBeNull());
    await flushPromises();
    expect(patches()).toHaveLength(0);

    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(messageBoxButton('确定保存')).toBeDefined());
    messageBoxButton('确定保存')!.click();
    await vi.waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0].body).toMatchObject({ modules: [{ moduleId: 11, required: true }, { moduleId: 12, required: true }], version: 4 });
    wrapper.unmount();
  });

  it('saves a change that leaves the required modules as they were without asking', async () => {
    const { wrapper, patches } = await open();
    await wrapper.get('input[data-testid=study-track-title], [data-testid=study-track-title] input').setValue('社区党员基层治理学习清单（修订）');
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(patches()).toHaveLength(1));
    expect(document.querySelector('.el-message-box')).toBeNull();
    wrapper.unmount();
  });
});
