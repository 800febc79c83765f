import type { ModuleProgressView, StudyModuleDetail } from '@zhdj/shared';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { loadStudyMessages } from '../load-messages';
import StudyVideoPlayer from './StudyVideoPlayer.vue';

const video = (coveredPercent: number, positionSeconds = 0) => ({ durationSeconds: 1200, coveredSeconds: coveredPercent * 12, coveredPercent, positionSeconds, intervals: [] as [number, number][] });
const progress = (status: ModuleProgressView['status'], coveredPercent: number) =>
  ({ moduleId: 28, kind: 'VIDEO', year: 2026, status, startedAt: null, completedAt: null, classHoursEarned: 0, serverTime: '2026-12-06T08:00:00.000Z', article: null, video: video(coveredPercent), quiz: null }) as ModuleProgressView;
const module = { id: 28, kind: 'VIDEO', title: '社区网格员工作实务', durationSeconds: 1200, videoUrl: '/media/demo.mp4' } as unknown as StudyModuleDetail;

describe('the video’s watched bar', () => {
  it('marks the share to reach, with the words saying so, until it is reached; then neither', async () => {
    await loadStudyMessages('member');
    const watching = mount(StudyVideoPlayer, { props: { module, progress: progress('IN_PROGRESS', 40) }, global: { plugins: [i18n] } });
    expect(watching.find('[data-testid=study-video-goal]').exists()).toBe(true);
    expect(watching.find('.player__need').exists()).toBe(true);
    watching.unmount();

    // Completed at 100%: a tick at 90% with nothing to explain it read as a fault in the bar.
    const done = mount(StudyVideoPlayer, { props: { module, progress: progress('COMPLETED', 100) }, global: { plugins: [i18n] } });
    expect(done.find('[data-testid=study-video-goal]').exists()).toBe(false);
    expect(done.find('.player__need').exists()).toBe(false);
    done.unmount();
  });
});
