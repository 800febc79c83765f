import type { OrgRef } from '@zhdj/shared';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import { loginResponse } from '@/test/fixtures';
import OrgBreadcrumb from './OrgBreadcrumb.vue';

const county: OrgRef = { id: 1, name: '中共新沂市委员会', shortName: '新沂市委', level: 'COUNTY_COMMITTEE' };
const committee: OrgRef = { id: 3, name: '中共新安街道工作委员会', shortName: '新安街道党工委', level: 'COMMITTEE' };
const general: OrgRef = { id: 15, name: '中共沂河社区总支部委员会', shortName: '沂河社区党总支', level: 'GENERAL_BRANCH' };
const branch: OrgRef = { id: 40, name: '中共沂河社区第一支部委员会', shortName: '沂河社区第一支部', level: 'BRANCH' };

function render() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/admin/orgs/:id?', name: 'admin-orgs', component: { render: () => null } }] });
  const wrapper = mount(OrgBreadcrumb, { props: { trail: [county, committee, general, branch] }, global: { plugins: [router, i18n] } });
  return {
    links: wrapper.findAll('a').map((a) => [a.text(), a.attributes('href')]),
    named: wrapper.findAll('li').map((li) => li.text()),
    current: wrapper.get('[aria-current="page"]').text(),
  };
}

/** Logs in an administrator whose role is held over the organisation at `path`. */
function loginAs(role: 'COUNTY_ADMIN' | 'COMMITTEE_ADMIN', org: OrgRef, path: string) {
  const login = loginResponse([role]);
  login.user.roles = [{ role, org: { id: org.id, name: org.name, shortName: org.shortName, path } }];
  useSessionStore().applyLogin(login);
}

describe('OrgBreadcrumb', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('links every step above the organisation for the county administrator', () => {
    loginAs('COUNTY_ADMIN', county, '/1/');
    const crumbs = render();
    expect(crumbs.links).toEqual([
      ['新沂市委', '/admin/orgs/1'],
      ['新安街道党工委', '/admin/orgs/3'],
      ['沂河社区党总支', '/admin/orgs/15'],
    ]);
    expect(crumbs.current).toBe('沂河社区第一支部');
  });

  it('names the organisations above a committee’s own without linking them (they are outside its scope: 404)', () => {
    loginAs('COMMITTEE_ADMIN', committee, '/1/3/');
    const crumbs = render();
    expect(crumbs.named).toEqual(['新沂市委', '新安街道党工委', '沂河社区党总支', '沂河社区第一支部']);
    expect(crumbs.links).toEqual([
      ['新安街道党工委', '/admin/orgs/3'],
      ['沂河社区党总支', '/admin/orgs/15'],
    ]);
  });

  it('links nothing for a user without an administrator role', () => {
    useSessionStore().applyLogin(loginResponse(['MEMBER']));
    expect(render().links).toEqual([]);
  });
});
