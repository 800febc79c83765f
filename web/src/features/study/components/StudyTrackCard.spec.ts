import type { MyTrack, MyTrackModule } from '@zhdj/shared';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { loadStudyMessages } from '../load-messages';
import StudyTrackCard from './StudyTrackCard.vue';

const mod = (id: number, kind: MyTrackModule['module']['kind'], title: string, required: boolean, status: MyTrackModule['status'], attemptsExhausted = false): MyTrackModule => ({
  position: id,
  required,
  module: { id, kind, title, summary: '', tags: [], need: 'POLICY', classHours: 1, published: true, seconds: 600, version: 1 },
  status,
  completedAt: status === 'COMPLETED' ? '2026-11-20T02:00:00.000Z' : null,
  attemptsExhausted,
});

const track = (modules: MyTrackModule[]): MyTrack => ({
  assignmentId: 7,
  track: { id: 3, title: '全体党员年度必学清单', description: '', year: 2026 },
  assignedBy: { id: 1, name: '中共新安街道工作委员会', shortName: '新安街道党工委', level: 'COMMITTEE' },
  startsOn: '2026-03-01',
  dueOn: '2026-12-31',
  overdue: false,
  dueSoon: false,
  completedAt: null,
  requiredTotal: modules.filter((m) => m.required).length,
  requiredDone: modules.filter((m) => m.required && m.status === 'COMPLETED').length,
  percent: 50,
  modules,
});

async function mountCard(t: MyTrack) {
  await loadStudyMessages('member');
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/m/study/modules/:id', name: 'member-study-module', component: { render: () => null } }] });
  return mount(StudyTrackCard, { props: { track: t }, global: { plugins: [i18n, router] } });
}

describe("a member's track card", () => {
  it('says a required quiz with every attempt used needs the branch, instead of showing it in progress', async () => {
    const w = await mountCard(track([mod(1, 'ARTICLE', '认真学习党章', true, 'COMPLETED'), mod(2, 'QUIZ', '全体党员年度学习测试', true, 'IN_PROGRESS', true)]));
    expect(w.get('[data-testid=track-blocked-2]').text()).toBe('测验“全体党员年度学习测试”未通过，今年的答题次数已用完。请联系所在党支部，党支部可以为您增加一次答题机会。');
    expect(w.get('[data-testid=study-module-2] .module-row__status').text()).toBe('次数已用完');
    expect(w.get('[data-testid=study-module-1] .module-row__status').text()).toBe('已完成');
    w.unmount();
  });

  it('shows a quiz still open as in progress, and no warning', async () => {
    const w = await mountCard(track([mod(2, 'QUIZ', '全体党员年度学习测试', true, 'IN_PROGRESS')]));
    expect(w.find('[data-testid^=track-blocked-]').exists()).toBe(false);
    expect(w.get('[data-testid=study-module-2] .module-row__status').text()).toBe('学习中');
    w.unmount();
  });
});
