import { flushPromises, mount } from '@vue/test-utils';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { messageBoxButton as boxButton } from '@/test/message-box';
import { loadStudyMessages } from '../load-messages';
import StudyAssignDialog from './StudyAssignDialog.vue';

const COMMITTEE = { id: 2, name: '中共新沂市新安街道工作委员会', shortName: '新安街道党工委', level: 'COMMITTEE', childCount: 30, memberCount: 838 };
const TRACK = { id: 7, title: '农村党员乡村振兴学习清单', year: 2026, audience: { orgTypes: ['RURAL'], groups: [], needs: [] }, published: true, moduleCount: 3, requiredCount: 2, version: 1 };

describe('assigning a track', () => {
  const api = withLoggedInApi(['COMMITTEE_ADMIN']);
  beforeAll(async () => {
    await loadStudyMessages('member', 'admin');
  });

  it('asks before assigning a track to an organisation where it reaches nobody, and sends nothing if the administrator steps back', async () => {
    const server = api.serve((req) => {
      if (req.url === '/study/tracks') return { status: 200, data: { items: [TRACK], nextCursor: null } };
      if (req.url === '/organizations') return { status: 200, data: [COMMITTEE] };
      if (req.url === `/study/tracks/${TRACK.id}/preview`) return { status: 200, data: { org: COMMITTEE, matched: 0, total: 838 } };
      if (req.method === 'POST') return { status: 201, data: { id: 25, enrolled: 0 } };
      return { status: 404, data: { code: 'NOT_FOUND' } };
    });
    const wrapper = mount(StudyAssignDialog, { props: { open: true, trackId: TRACK.id }, global: { plugins: [i18n] }, attachTo: document.body });
    await vi.waitFor(() => expect(document.querySelector('[data-testid=study-assign-reach]')?.textContent).toContain('预计覆盖 0 名党员'));
    const save = () => (document.querySelector('[data-testid=study-assign-save]') as HTMLButtonElement).click();

    save();
    await vi.waitFor(() => expect(document.body.textContent).toContain('目前没有符合这份清单对象条件的党员'));
    boxButton('取消')!.click();
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).toBeNull());
    await flushPromises();
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    save();
    await vi.waitFor(() => expect(boxButton('仍要布置')).toBeDefined());
    boxButton('仍要布置')!.click();
    await vi.waitFor(() => expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(server.requests.find((r) => r.method === 'POST')!.body).toMatchObject({ trackId: TRACK.id, orgId: COMMITTEE.id });
    wrapper.unmount();
    document.body.innerHTML = '';
  });

  it('says before anyone confirms that the track is already assigned here, above or below, and offers no save', async () => {
    const server = api.serve((req) => {
      if (req.url === '/study/tracks') return { status: 200, data: { items: [TRACK], nextCursor: null } };
      if (req.url === '/organizations') return { status: 200, data: [COMMITTEE] };
      if (req.url === `/study/tracks/${TRACK.id}/preview`) return { status: 200, data: { org: COMMITTEE, matched: 790, total: 838, overlap: { assignmentId: 4, org: { id: 1, shortName: '新沂市委' } } } };
      return { status: 404, data: { code: 'NOT_FOUND' } };
    });
    const wrapper = mount(StudyAssignDialog, { props: { open: true, trackId: TRACK.id }, global: { plugins: [i18n] }, attachTo: document.body });
    await vi.waitFor(() => expect(document.querySelector('[data-testid=study-assign-overlap]')?.textContent).toContain('这份清单已经布置给 新沂市委'));
    const save = document.querySelector('[data-testid=study-assign-save]') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    save.click();
    await flushPromises();
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    wrapper.unmount();
    document.body.innerHTML = '';
  });
});
