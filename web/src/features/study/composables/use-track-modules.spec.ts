import type { AudiencePreview, StudyModuleSummary, TrackAudience } from '@zhdj/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, reactive, ref } from 'vue';
import { useAudiencePreview } from './use-audience-preview';
import { useTrackModules } from './use-track-modules';

const mod = (id: number, classHours: number, published = true): StudyModuleSummary => ({
  id,
  kind: 'ARTICLE',
  title: `课程${id}`,
  summary: '',
  tags: [],
  need: 'RULES',
  classHours,
  published,
  seconds: 60,
  version: 1,
});

describe('track composer modules', () => {
  it('adds each module once, in order, and moves them within the ends', () => {
    const sut = useTrackModules();
    expect(sut.add(mod(1, 1))).toBe(true);
    sut.add(mod(2, 1.5));
    sut.add(mod(3, 0.5), false);
    expect(sut.add(mod(2, 1.5))).toBe(false);
    sut.move(3, -1);
    sut.move(1, -1); // already first
    sut.move(2, 1); // 2 was second after the first move; now last
    expect(sut.payload()).toEqual([
      { moduleId: 1, required: true },
      { moduleId: 3, required: false },
      { moduleId: 2, required: true },
    ]);
  });

  it('sums the required class hours without floating-point drift', () => {
    const sut = useTrackModules();
    sut.add(mod(1, 0.1));
    sut.add(mod(2, 0.2));
    sut.add(mod(3, 5), false);
    expect(sut.requiredHours.value).toBe(0.3);
    sut.setRequired(1, false);
    sut.setRequired(2, false);
    expect(sut.hasRequired.value).toBe(false);
    sut.remove(3);
    expect(sut.items.value.map((i) => i.module.id)).toEqual([1, 2]);
  });

  it('knows when a draft module would stop the track being published', () => {
    const sut = useTrackModules([{ position: 1, required: true, module: mod(9, 1, false) }]);
    expect(sut.hasDraft.value).toBe(true);
  });
});

describe('audience preview', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once the choices settle, and only the last question counts', async () => {
    const asked: { orgId: number; audience: TrackAudience }[] = [];
    const count = vi.fn(async (orgId: number, audience: TrackAudience): Promise<AudiencePreview> => {
      asked.push({ orgId, audience });
      return { org: { id: orgId, name: '新安街道党工委', shortName: '新安街道党工委', level: 'COMMITTEE' }, matched: audience.groups.length * 100, total: 830 };
    });
    const orgId = ref<number | null>(null);
    const audience = reactive<TrackAudience>({ orgTypes: [], groups: [], needs: [] });
    const scope = effectScope();
    const sut = scope.run(() => useAudiencePreview(orgId, () => audience, count))!;
    await vi.advanceTimersByTimeAsync(1000);
    expect(count).not.toHaveBeenCalled(); // no organisation chosen yet

    orgId.value = 3;
    await vi.advanceTimersByTimeAsync(100);
    audience.groups.push('YOUTH');
    await vi.advanceTimersByTimeAsync(100);
    audience.groups.push('RETIRED');
    expect(sut.pending.value).toBe(true);
    await vi.advanceTimersByTimeAsync(400);
    expect(asked).toEqual([{ orgId: 3, audience: { orgTypes: [], groups: ['YOUTH', 'RETIRED'], needs: [] } }]);
    expect(sut.result.value?.matched).toBe(200);
    expect(sut.pending.value).toBe(false);
    // Needs describe a track and never filter members: choosing one asks nothing new.
    audience.needs.push('POLICY');
    await vi.advanceTimersByTimeAsync(1000);
    expect(count).toHaveBeenCalledTimes(1);
    scope.stop();
  });

  it('says when the count failed, and drops an answer overtaken by a newer question', async () => {
    let fail = true;
    let release: () => void = () => undefined;
    const count = vi.fn(async (orgId: number): Promise<AudiencePreview> => {
      if (fail) {
        fail = false;
        throw new Error('offline');
      }
      if (orgId === 4) await new Promise<void>((r) => (release = r));
      return { org: { id: orgId, name: 'x', shortName: 'x', level: 'BRANCH' }, matched: orgId, total: 50 };
    });
    const orgId = ref<number | null>(3);
    const scope = effectScope();
    const sut = scope.run(() => useAudiencePreview(orgId, ref({ orgTypes: [], groups: [], needs: [] }), count))!;
    await vi.advanceTimersByTimeAsync(400);
    expect(sut.failed.value).toBe(true);
    orgId.value = 4;
    await vi.advanceTimersByTimeAsync(400); // slow answer for 4
    orgId.value = 5;
    await vi.advanceTimersByTimeAsync(400);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sut.result.value?.matched).toBe(5);
    expect(sut.failed.value).toBe(false);
    scope.stop();
  });
});
