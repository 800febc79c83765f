import { chinaDate } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, KeepAlive } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n } from '@/i18n';
import { sessionUser } from '@/test/fixtures';
import { withLoggedInApi } from '@/test/logged-in-api';
import { endOfXinyiDay, transferDetail } from '../composables/test-fixtures';
import TransferQueueView from './TransferQueueView.vue';

describe('the transfer queue on a phone', () => {
  const api = withLoggedInApi(['BRANCH_ADMIN']);

  /** The queue screen at this address, on a phone (its cards), with the routes it links to. */
  async function openOnPhone(path: string) {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: true, media: query, addEventListener: () => undefined, removeEventListener: () => undefined }));
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/admin/transfers', name: 'admin-transfers', component: TransferQueueView },
        ...['admin-transfer', 'admin-transfer-inbound', 'admin-transfer-overview'].map((name) => ({ path: `/x/${name}/:id?`, name, component: { render: () => null } })),
      ],
    });
    await router.push(path);
    return { router, wrapper: mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] } }) };
  }

  it('says 今日到期 on a card due today, and 应于 … 前办结 on one due later', async () => {
    const items = [
      transferDetail({ id: 1, state: 'SUBMITTED', dueAt: endOfXinyiDay(0) }),
      transferDetail({ id: 2, state: 'SUBMITTED', dueAt: endOfXinyiDay(2) }),
    ];
    api.serve((r) => (r.url?.startsWith('/transfers?') ? { status: 200, data: { items, nextCursor: null, counts: { todo: 2, watching: 0, done: 0 } } } : { status: 404, data: {} }));
    const { wrapper } = await openOnPhone('/admin/transfers');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=queue-row]')).toHaveLength(2));
    await flushPromises();
    const [today, later] = wrapper.findAll('[data-testid=queue-row]');
    expect(today!.get('[data-testid=queue-due-today]').text()).toBe('今日到期');
    expect(today!.text()).not.toContain('前办结');
    expect(later!.find('[data-testid=queue-due-today]').exists()).toBe(false);
    expect(later!.text()).toContain(chinaDate(new Date(endOfXinyiDay(2))));
    // The deadline is set off from the holder's name as the name is from the channel: a space, then the dot.
    const meta = later!.get('.queue-card__meta').text();
    expect(meta).toMatch(/\S ·\u00a0/);
    expect(meta).not.toMatch(/\S·/);
    // One page and no other: no pager with two greyed buttons.
    expect(wrapper.find('[data-testid=queue-next]').exists()).toBe(false);
    expect(wrapper.find('nav.queue__pager').exists()).toBe(false);
    wrapper.unmount();
  });

  it('marks 代办 the card of a step waiting at a branch with no administrator of its own, in the to-do list only', async () => {
    // The logged-in branch administrator's own branch (fixtures' org), and another branch they serve as the nearest.
    const own = sessionUser(['BRANCH_ADMIN']).roles[0]!.org!;
    const items = [
      transferDetail({ id: 1, state: 'SUBMITTED', holder: { kind: 'BRANCH', org: { id: 901, name: '无人支部', shortName: '无人支部', level: 'BRANCH' } } }),
      transferDetail({ id: 2, state: 'SUBMITTED', holder: { kind: 'BRANCH', org: { id: own.id, name: own.name, shortName: own.shortName, level: 'BRANCH' } } }),
    ];
    api.serve((r) => (r.url?.startsWith('/transfers?') ? { status: 200, data: { items, nextCursor: null, counts: { todo: 2, watching: 2, done: 0 } } } : { status: 404, data: {} }));
    const cards = async (path: string) => {
      const { wrapper } = await openOnPhone(path);
      await vi.waitFor(() => expect(wrapper.findAll('[data-testid=queue-row]')).toHaveLength(2));
      await flushPromises();
      const marks = wrapper.findAll('[data-testid=queue-row]').map((c) => c.find('[data-testid=queue-served]'));
      const out = { marked: marks.map((m) => m.exists()), text: marks[0]!.exists() ? marks[0]!.text() : '', meta: wrapper.get('.queue-card__meta').text() };
      wrapper.unmount();
      return out;
    };
    const todo = await cards('/admin/transfers');
    expect(todo.marked).toEqual([true, false]);
    expect(todo.text).toBe('代办');
    // The mark stands before the holder's name it qualifies.
    expect(todo.meta).toContain('代办无人支部');
    expect((await cards('/admin/transfers?queue=watching')).marked).toEqual([false, false]);
  });

  it('opens from the reminder’s link (?due=today) on the steps due today, then drops the parameter from the address', async () => {
    const items = [transferDetail({ id: 1, state: 'SUBMITTED', dueAt: endOfXinyiDay(0) })];
    const server = api.serve((r) => (r.url?.startsWith('/transfers?') ? { status: 200, data: { items, nextCursor: null, counts: { todo: 3, watching: 0, done: 0 } } } : { status: 404, data: {} }));
    const { router, wrapper } = await openOnPhone('/admin/transfers?due=today');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid=queue-row]')).toHaveLength(1));
    await flushPromises();
    const asked = server.requests.filter((r) => r.url.startsWith('/transfers?')).map((r) => new URLSearchParams(r.url.split('?')[1]));
    // One request, for the to-do list's steps due today; the address no longer asks for it (the check box says it now).
    expect(asked.map((p) => [p.get('queue'), p.get('dueToday'), p.get('overdue')])).toEqual([['todo', 'true', null]]);
    expect(router.currentRoute.value.query).toEqual({});
    // The folded filters say one is set, so the list is not taken for the whole queue.
    expect(wrapper.get('[data-testid=queue-filters-toggle]').text()).toContain('1');
    wrapper.unmount();
  });

  it('comes back from a transfer on the page it was on (kept alive), reading that page again, not the first', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined }));
    const server = api.serve((r) => {
      if (!r.url?.startsWith('/transfers?')) return { status: 404, data: {} };
      const second = new URLSearchParams(r.url.split('?')[1]).get('cursor') === 'c2';
      const items = [transferDetail({ id: second ? 21 : 1, state: 'SUBMITTED' })];
      return { status: 200, data: { items, nextCursor: second ? null : 'c2', counts: { todo: 2, watching: 0, done: 0 } } };
    });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/admin/transfers', name: 'admin-transfers', component: TransferQueueView },
        ...['admin-transfer', 'admin-transfer-inbound', 'admin-transfer-overview'].map((name) => ({ path: `/x/${name}/:id?`, name, component: { render: () => null } })),
      ],
    });
    await router.push('/admin/transfers?queue=all');
    const KeptAlive = defineComponent({
      render: () => h(RouterView, null, { default: ({ Component }: { Component: unknown }) => h(KeepAlive, { include: ['TransferQueueView'] }, [h(Component as never)]) }),
    });
    const wrapper = mount(KeptAlive, { global: { plugins: [router, i18n] } });
    await vi.waitFor(() => expect(wrapper.find('[data-testid=queue-next]').attributes('disabled')).toBeUndefined());
    await wrapper.get('[data-testid=queue-next]').trigger('click');
    await flushPromises();
    await router.push('/x/admin-transfer/21');
    await flushPromises();
    router.back();
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/admin/transfers?queue=all'));
    await flushPromises();
    const cursors = server.requests.filter((r) => r.url.startsWith('/transfers?')).map((r) => new URLSearchParams(r.url.split('?')[1]).get('cursor'));
    expect(cursors).toEqual([null, 'c2', 'c2']);
    expect(wrapper.text()).toContain('第 2 页');
    wrapper.unmount();
  });
});
