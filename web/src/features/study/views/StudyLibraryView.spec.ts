import type { LibraryModule, LibraryPage, ProgressStatus, StudyModuleKind, StudyNeed } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import type { FakeRequest } from '@/test/fake-server';
import { loadStudyMessages } from '../load-messages';
import StudyLibraryView from './StudyLibraryView.vue';

const item = (id: number, title: string, kind: StudyModuleKind, need: StudyNeed, status: ProgressStatus = 'NOT_STARTED'): LibraryModule => ({
  module: { id, kind, title, summary: '', tags: [], need, classHours: 1.5, published: true, seconds: 600, version: 1 },
  status,
  completedAt: status === 'COMPLETED' ? '2026-11-20T02:00:00.000Z' : null,
  attemptsExhausted: false,
});

const ALL = [
  item(9, '党史知识竞答', 'QUIZ', 'HISTORY'),
  item(8, '纪录片《旗帜》第一集', 'VIDEO', 'HISTORY', 'COMPLETED'),
  item(7, '发展壮大村级集体经济的新沂实践', 'ARTICLE', 'SKILLS', 'IN_PROGRESS'),
];

/** The server's answer, two to a page, filtered as the API filters. */
function answer(r: FakeRequest): LibraryPage {
  const p = r.params ?? {};
  const rows = ALL.filter((i) => (!p.need || i.module.need === p.need) && (!p.kind || i.module.kind === p.kind) && (!p.todo || i.status !== 'COMPLETED') && (!p.q || i.module.title.includes(String(p.q))));
  const from = p.cursor ? rows.findIndex((i) => i.module.id < Number(p.cursor)) : 0;
  const page = rows.slice(from, from + 2);
  return { items: page, nextCursor: from + 2 < rows.length ? String(page[page.length - 1].module.id) : null };
}

async function open(path: string) {
  await loadStudyMessages('member');
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/m/study/library', name: 'member-study-library', component: StudyLibraryView },
      { path: '/m/study', name: 'member-study', component: { render: () => null } },
      { path: '/m/study/modules/:id', name: 'member-study-module', component: { render: () => null } },
    ],
  });
  await router.push(path);
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, router };
}

const titles = (w: ReturnType<typeof mount>) => w.findAll('.module-row__title').map((x) => x.text());

describe("the member's elective library", () => {
  const api = withLoggedInApi(['MEMBER']);

  it('lists the county’s modules with the member’s status, a page at a time, each opening with a way back here', async () => {
    const server = api.serve((r) => (r.url === '/study/library' ? { status: 200, data: answer(r) } : { status: 404, data: {} }));
    const { wrapper } = await open('/m/study/library');
    await vi.waitFor(() => expect(titles(wrapper)).toEqual(['党史知识竞答', '纪录片《旗帜》第一集']));
    expect(wrapper.get('[data-testid=study-module-8] .module-row__status').text()).toBe('已完成');
    expect(wrapper.get('[data-testid=study-module-9] .module-row__meta').text()).toBe('测试 ·\u00a0党史学习 ·\u00a01.5 学时');
    expect(wrapper.get('[data-testid=study-module-9]').attributes('href')).toBe('/m/study/modules/9?from=library');

    await wrapper.get('[data-testid=library-more]').trigger('click');
    await flushPromises();
    expect(titles(wrapper)).toEqual(['党史知识竞答', '纪录片《旗帜》第一集', '发展壮大村级集体经济的新沂实践']);
    expect(wrapper.get('[data-testid=study-module-7] .module-row__status').text()).toBe('学习中');
    expect(wrapper.find('[data-testid=library-more]').exists()).toBe(false);
    expect(wrapper.text()).toContain('已经到底了');
    expect(server.requests.map((r) => r.params?.cursor)).toEqual([undefined, '8']);
    wrapper.unmount();
  });

  it('asks the server again for a topic or only what is left this year, keeps the filters in the address, and clears them', async () => {
    const server = api.serve((r) => ({ status: 200, data: answer(r) }));
    const { wrapper, router } = await open('/m/study/library');
    await vi.waitFor(() => expect(titles(wrapper)).toHaveLength(2));

    await wrapper.get('[data-testid=library-need]').setValue('HISTORY');
    await flushPromises();
    expect(server.requests.at(-1)!.params).toMatchObject({ need: 'HISTORY' });
    expect(router.currentRoute.value.query).toEqual({ need: 'HISTORY' });
    await wrapper.get('[data-testid=library-kind-VIDEO]').trigger('click');
    expect(wrapper.get('[data-testid=library-kind-VIDEO]').attributes('aria-pressed')).toBe('true');

    await wrapper.get('[data-testid=library-todo]').trigger('click');
    await flushPromises();
    expect(server.requests.at(-1)!.params).toMatchObject({ need: 'HISTORY', kind: 'VIDEO', todo: true });
    expect(router.currentRoute.value.query).toEqual({ need: 'HISTORY', kind: 'VIDEO', todo: '1' });
    // The one history video is done: the member is told so, not shown an empty screen.
    expect(wrapper.get('[data-testid=library-empty]').text()).toContain('符合条件的内容今年都已学完');

    await wrapper.get('[data-testid=library-empty] button').trigger('click');
    await flushPromises();
    expect(server.requests.at(-1)!.params).toMatchObject({ need: undefined, kind: undefined, todo: undefined });
    expect(router.currentRoute.value.query).toEqual({});
    expect(titles(wrapper)).toHaveLength(2);

    // The words beside the switch are part of its target: a tap there turns it on; a tap on the switch itself turns it
    // off again (once, not twice through the row).
    await wrapper.get('[data-testid=library-todo-row] > span:last-child').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ todo: '1' });
    await wrapper.get('[data-testid=library-todo]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({});
    wrapper.unmount();
  });

  it('opens on the filters of its address (coming back from a module), ignoring ones it does not know', async () => {
    const server = api.serve((r) => ({ status: 200, data: answer(r) }));
    const { wrapper } = await open('/m/study/library?need=SKILLS&kind=PODCAST&q=集体');
    await vi.waitFor(() => expect(titles(wrapper)).toEqual(['发展壮大村级集体经济的新沂实践']));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].params).toMatchObject({ need: 'SKILLS', kind: undefined, q: '集体' });
    expect((wrapper.get('[data-testid=library-need]').element as HTMLSelectElement).value).toBe('SKILLS');
    expect((wrapper.get('[data-testid=library-search] input').element as HTMLInputElement).value).toBe('集体');
    wrapper.unmount();
  });
});
