import type { ModuleProgressView } from '@zhdj/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { mergeRuns, useVideoProgress, WatchTracker, type Interval } from './use-video-progress';

/** Plays from `from` to `to` as a player does: a position a quarter of a second apart. */
function play(tracker: { tick: (t: number) => void } | { onTimeUpdate: (t: number) => void }, from: number, to: number, rate = 1): void {
  for (let t = from; t <= to + 1e-9; t += 0.25 * rate) {
    if ('tick' in tracker) tracker.tick(t);
    else tracker.onTimeUpdate(t);
  }
}

describe('watched runs', () => {
  it('counts what was played and not what was skipped', () => {
    const sut = new WatchTracker();
    play(sut, 0, 30);
    sut.tick(300); // dragged far ahead without a seeking event
    play(sut, 300, 310);
    expect(sut.take()).toEqual([
      [0, 30],
      [300, 310],
    ]);
  });

  it('a jump back starts a new run and overlapping runs merge', () => {
    const sut = new WatchTracker();
    play(sut, 0, 20);
    sut.cut();
    play(sut, 10, 25);
    expect(sut.take()).toEqual([[0, 25]]);
  });

  it('takes a run still playing in parts that join up, and sends nothing twice', () => {
    const sut = new WatchTracker();
    play(sut, 0, 15);
    expect(sut.take()).toEqual([[0, 15]]);
    play(sut, 15.25, 30);
    expect(sut.take()).toEqual([[15, 30]]);
    expect(sut.take()).toEqual([]);
  });

  it('keeps a failed report’s runs for the next one', () => {
    const sut = new WatchTracker();
    play(sut, 0, 10);
    const lost = sut.take();
    sut.giveBack(lost);
    play(sut, 10.25, 20);
    expect(sut.take()).toEqual([[0, 20]]);
  });

  it('playing at double speed still makes one run', () => {
    const sut = new WatchTracker();
    play(sut, 0, 60, 2);
    expect(sut.take()).toEqual([[0, 60]]);
  });

  it('merges sorted and unsorted runs, dropping empty ones', () => {
    expect(mergeRuns([[50, 60], [0, 10], [10, 20], [5, 5]])).toEqual([
      [0, 20],
      [50, 60],
    ]);
  });
});

const progress = (covered: number): ModuleProgressView => ({
  moduleId: 7,
  kind: 'VIDEO',
  year: 2026,
  status: 'IN_PROGRESS',
  startedAt: '2026-05-01T08:00:00.000Z',
  completedAt: null,
  classHoursEarned: 0,
  serverTime: '2026-05-01T08:00:00.000Z',
  article: null,
  video: { durationSeconds: 600, coveredSeconds: covered, coveredPercent: covered / 6, positionSeconds: 0, intervals: [] },
  quiz: null,
});

describe('video progress reports', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(fail = false) {
    const sent: { intervals: Interval[]; position: number }[] = [];
    const seen: ModuleProgressView[] = [];
    let failNext = fail;
    const report = vi.fn(async (intervals: Interval[], position: number) => {
      if (failNext) {
        failNext = false;
        throw new Error('offline');
      }
      sent.push({ intervals, position });
      return progress(sent.reduce((s, r) => s + r.intervals.reduce((x, [a, b]) => x + b - a, 0), 0));
    });
    const scope = effectScope();
    const sut = scope.run(() => useVideoProgress({ report, onProgress: (p) => seen.push(p) }))!;
    return { sut, sent, seen, report, scope };
  }

  it('reports every 15 seconds while playing, and on pause', async () => {
    const { sut, sent, seen, scope } = setup();
    sut.onPlay();
    play(sut, 0, 15);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(sent).toEqual([{ intervals: [[0, 15]], position: 15 }]);
    play(sut, 15.25, 20);
    await sut.onStop(20.1);
    expect(sent[1]).toEqual({ intervals: [[15, 20.1]], position: 20 });
    expect(seen.at(-1)?.video?.coveredSeconds).toBeCloseTo(20.1);
    // Paused: no more periodic reports.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(2);
    scope.stop();
  });

  it('reports a seek once it settles, without the skipped part', async () => {
    const { sut, sent, scope } = setup();
    sut.onPlay();
    play(sut, 0, 8);
    sut.onSeeking(400);
    sut.onSeeking(500);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toEqual([{ intervals: [[0, 8]], position: 500 }]);
    play(sut, 500, 505);
    await sut.onStop(505);
    expect(sent[1].intervals).toEqual([[500, 505]]);
    scope.stop();
  });

  it('sends a failed report’s intervals again with the next one', async () => {
    const { sut, sent, scope } = setup(true);
    sut.onPlay();
    play(sut, 0, 10);
    await sut.onStop(10);
    expect(sut.failed.value).toBe(true);
    expect(sent).toEqual([]);
    sut.onPlay();
    play(sut, 10, 12);
    await sut.onStop(12);
    expect(sut.failed.value).toBe(false);
    expect(sent).toEqual([{ intervals: [[0, 12]], position: 12 }]);
    scope.stop();
  });

  it('one report at a time: a report asked for meanwhile follows the one in flight', async () => {
    const { sut, report, scope } = setup();
    let release: () => void = () => undefined;
    report.mockImplementationOnce(async () => {
      await new Promise<void>((r) => (release = r));
      return progress(5);
    });
    sut.onPlay();
    play(sut, 0, 5);
    const first = sut.flush();
    play(sut, 5.25, 9);
    const second = sut.flush();
    expect(report).toHaveBeenCalledTimes(1);
    release();
    await first;
    await second;
    expect(report).toHaveBeenCalledTimes(2);
    expect(report.mock.calls[1][0]).toEqual([[5, 9]]);
    scope.stop();
  });

  it('sends what is left when the screen closes, and never asks for more than double speed', async () => {
    const { sut, sent, scope } = setup();
    sut.onPlay();
    play(sut, 0, 6);
    scope.stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([{ intervals: [[0, 6]], position: 6 }]);
    expect(sut.allowedRate(3)).toBe(2);
    expect(sut.allowedRate(1.5)).toBe(1.5);
  });
});
