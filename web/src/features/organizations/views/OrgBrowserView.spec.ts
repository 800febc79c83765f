import { flushPromises, mount } from '@vue/test-utils';
import type { OrgSummary } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h, type Component } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { http } from '@/api/http';
import { i18n } from '@/i18n';
import { fakeServer, type FakeRequest } from '@/test/fake-server';
import OrgBrowserView from './OrgBrowserView.vue';

/** The tree, reduced to what the screen listens to: it says when the roots of the user's scope have arrived. */
let rootsLoaded: (roots: OrgSummary[]) => void = () => undefined;
const OrgTreeStub = defineComponent({
  name: 'OrgTree',
  props: { selectedId: { type: Number, default: null } },
  emits: ['roots-loaded', 'select'],
  setup(_props, { emit }) {
    rootsLoaded = (roots) => emit('roots-loaded', roots);
    return () => null;
  },
});

const root: OrgSummary = { id: 7, name: '县委', shortName: '县委', level: 'COUNTY_COMMITTEE' } as OrgSummary;

/** The organisation browser, and another screen whose code arrives only when the test says so (a slow chunk). */
function setUp() {
  let arrive: (c: Component) => void = () => undefined;
  const slowScreen = new Promise<Component>((resolve) => (arrive = resolve));
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/admin/orgs/:id(\\d+)?', name: 'admin-orgs', component: OrgBrowserView, props: (r) => ({ id: r.params.id ? Number(r.params.id) : null }) },
      { path: '/admin/transfers', name: 'admin-transfers', component: () => slowScreen },
    ],
  });
  const App = defineComponent({ render: () => h(RouterView) });
  return { router, App, arrive: () => arrive({ render: () => h('p', 'transfers') }) };
}

describe('organisation browser: landing on the scope root', () => {
  const originalAdapter = http.defaults.adapter;
  let requests: FakeRequest[] = [];
  beforeEach(() => {
    setActivePinia(createPinia());
    const server = fakeServer(() => ({ status: 404 }));
    http.defaults.adapter = server.adapter;
    requests = server.requests;
  });
  afterEach(() => {
    http.defaults.adapter = originalAdapter;
  });

  it('opens the root of the scope when the address names no organisation', async () => {
    const { router, App } = setUp();
    await router.push('/admin/orgs');
    mount(App, { global: { plugins: [i18n, router], stubs: { OrgTree: OrgTreeStub, OrgSearch: true, OrgDetailPanel: true, MemberList: true } } });
    await flushPromises();
    rootsLoaded([root]);
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/admin/orgs/7');
    expect(requests.map((r) => r.url)).toEqual(['/organizations/7']);
  });

  it('does not drag the user back when the roots arrive while another screen is loading (a menu click right after login)', async () => {
    const { router, App, arrive } = setUp();
    await router.push('/admin/orgs');
    mount(App, { global: { plugins: [i18n, router], stubs: { OrgTree: OrgTreeStub, OrgSearch: true, OrgDetailPanel: true, MemberList: true } } });
    await flushPromises();
    // The user leaves; the next screen's code is still on its way when the tree's roots come in.
    const leaving = router.push('/admin/transfers');
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('admin-orgs');
    rootsLoaded([root]);
    await flushPromises();
    arrive();
    await leaving;
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/admin/transfers');
    expect(requests).toEqual([]);
  });
});
