import { flushPromises, mount } from '@vue/test-utils';
import { chinaDate, type AssignmentView } from '@zhdj/shared';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import { withLoggedInApi } from '@/test/logged-in-api';
import { messageBoxButton } from '@/test/message-box';
import { loadStudyMessages } from '../load-messages';
import StudyAssignmentsView from './StudyAssignmentsView.vue';

const county = { id: 1, name: '中共新沂市委员会', shortName: '新沂市委', level: 'COUNTY_COMMITTEE' as const };
const committee = { id: 3, name: '中共新沂市新安街道工作委员会', shortName: '新安街道党工委', level: 'COMMITTEE' as const };
const assignment = (id: number, org: AssignmentView['org'], title: string): AssignmentView => ({
  id,
  track: { id: id + 10, title, year: 2026 },
  org,
  startsOn: '2026-09-09',
  // Still running whenever the test runs (one that has ended offers no cancelling).
  dueOn: `${Number(chinaDate().slice(0, 4)) + 1}-01-07`,
  status: 'ACTIVE',
  enrolled: 120,
  completed: 58,
  createdAt: '2026-09-01T00:00:00.000Z',
  version: 1,
});
const FROM_COUNTY = assignment(1, county, '全体党员年度必学清单');
const OWN = assignment(2, committee, '社区党员基层治理学习清单');

const api = withLoggedInApi(['COMMITTEE_ADMIN']);

/** The committee's assignments screen, its administrator's role held over 新安街道党工委 (/1/3/). */
async function open(items: AssignmentView[], phone: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: phone, media: query, addEventListener: () => undefined, removeEventListener: () => undefined }));
  const session = useSessionStore();
  session.user = { ...session.user!, roles: [{ role: 'COMMITTEE_ADMIN', org: { id: committee.id, name: committee.name, shortName: committee.shortName, path: '/1/3/' } }] };
  api.serve(() => ({ status: 200, data: { items, nextCursor: null } }));
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/admin/study/assignments', name: 'admin-study-assignments', component: StudyAssignmentsView }],
  });
  await router.push('/admin/study/assignments');
  const wrapper = mount(StudyAssignmentsView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

describe('the assignments screen', () => {
  beforeAll(async () => {
    await loadStudyMessages('admin');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('on a phone shows each assignment as a card, with its figures, and actions only on the committee’s own', async () => {
    const wrapper = await open([FROM_COUNTY, OWN], true);
    expect(wrapper.find('.el-table').exists()).toBe(false);
    const [county, own] = wrapper.findAll('[data-testid=study-assignment-cards] li');
    expect(county.text()).toContain('全体党员年度必学清单');
    expect(county.text()).toContain('上级布置');
    expect(county.text()).toContain('新沂市委');
    expect(county.text()).toContain('2026-09-09');
    expect(county.text()).toContain('48.3%');
    expect(county.text()).not.toContain('修改日期');
    expect(own.text()).toContain('修改日期');
    wrapper.unmount();
  });

  it('offers no cancelling of an assignment that has ended (its figures are the record), only a change of dates', async () => {
    const ended = { ...OWN, startsOn: '2020-03-01', dueOn: '2020-06-30' };
    const wrapper = await open([ended], true);
    const buttons = wrapper.findAll('.assign-card__actions button').map((b) => b.text());
    expect(buttons).toEqual(['修改日期']);
    wrapper.unmount();
  });

  it('on a desktop leaves out the actions column when no row can be changed', async () => {
    const fromAbove = await open([FROM_COUNTY], false);
    expect(fromAbove.findAll('.el-table__header th').map((th) => th.text())).not.toContain('操作');
    fromAbove.unmount();
    const mixed = await open([FROM_COUNTY, OWN], false);
    expect(mixed.findAll('.el-table__header th').map((th) => th.text())).toContain('操作');
    mixed.unmount();
  });

  it('asks before cancelling with two buttons that say what each does, and keeping it sends nothing', async () => {
    const wrapper = await open([OWN], true);
    const server = api.serve(() => ({ status: 200, data: OWN }));
    const requests = () => server.requests.filter((r) => r.method !== 'GET');
    await wrapper.findAll('.assign-card__actions button').find((b) => b.text() === '撤销')!.trigger('click');
    await vi.waitFor(() => expect(messageBoxButton('撤销任务')).toBeDefined());
    expect(messageBoxButton('暂不撤销')).toBeDefined();
    messageBoxButton('暂不撤销')!.click();
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).toBeNull());
    expect(requests()).toHaveLength(0);
    wrapper.unmount();
  });
});
