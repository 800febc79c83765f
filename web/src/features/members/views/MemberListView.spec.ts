import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type { Role } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { useSessionStore } from '@/stores/session';
import { apiError, fakeServer } from '@/test/fake-server';
import { loginResponse } from '@/test/fixtures';
import { http } from '@/api/http';
import { i18n } from '@/i18n';
import MemberListView from './MemberListView.vue';

const org = (level: 'BRANCH' | 'COMMITTEE', id: number) => ({
  id,
  name: '中共新安街道沂河社区支部委员会',
  shortName: level === 'BRANCH' ? '沂河社区党支部' : '新安街道党工委',
  level,
  code: '0101',
  type: 'COMMUNITY',
  parentId: null,
  depth: 0,
  hasApprovalAuthority: false,
  childCount: 0,
  memberCount: 0,
  descendantCount: 0,
  ancestors: [],
});

const originalAdapter = http.defaults.adapter;
let wrapper: VueWrapper | null = null;

async function open(roles: Role[], scope: ReturnType<typeof org>) {
  localStorage.clear();
  setActivePinia(createPinia());
  useSessionStore().applyLogin(loginResponse(roles));
  const server = fakeServer((req) => {
    if (req.url === '/organizations') return { status: 200, data: [scope] };
    if (req.url === `/organizations/${scope.id}`) return { status: 200, data: scope };
    if (req.url === '/members') return { status: 200, data: { items: [], nextCursor: null } };
    if (req.url === '/members/count') return { status: 200, data: { total: 0 } };
    return apiError(404, 'NOT_FOUND');
  });
  http.defaults.adapter = server.adapter;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/admin/members', name: 'admin-members', component: MemberListView },
      ...['admin-member-new', 'admin-member-import', 'admin-orgs', 'admin-member'].map((name) => ({ path: `/x/${name}/:id?`, name, component: { render: () => null } })),
    ],
  });
  await router.push('/admin/members');
  wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] } });
  await vi.waitFor(() => expect(wrapper!.text()).toContain(scope.shortName));
  await flushPromises();
  return wrapper;
}

describe('the member list’s actions', () => {
  afterEach(() => {
    wrapper?.unmount();
    wrapper = null;
    http.defaults.adapter = originalAdapter;
  });

  it('offers 新增党员 to an administrator who may write members, with the branch being shown', async () => {
    const w = await open(['BRANCH_ADMIN'], org('BRANCH', 5));
    const add = w.get('[data-testid=member-add]');
    expect(add.text()).toBe('新增党员');
    expect(add.attributes('href')).toBe('/x/admin-member-new?orgId=5');
  });

  it('names no branch when the list shows a committee', async () => {
    const w = await open(['COMMITTEE_ADMIN'], org('COMMITTEE', 3));
    expect(w.get('[data-testid=member-add]').attributes('href')).toBe('/x/admin-member-new');
  });

  it('hides it from a role that may not write members', async () => {
    const w = await open(['SYSTEM_ADMIN'], org('COMMITTEE', 3));
    expect(w.find('[data-testid=member-add]').exists()).toBe(false);
  });
});
