import { PLAYBACK_RATE_MAX, type ModuleProgressView } from '@zhdj/shared';
import { onScopeDispose, ref } from 'vue';

export type Interval = [number, number];

/** Sorts and merges overlapping or touching intervals (seconds, not rounded: the server rounds). */
export function mergeRuns(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).map(([a, b]) => [a, b] as Interval).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * What the player actually played, as runs of positions. The player reports its position a few times a second while
 * playing; a step forward of at most `maxStep` seconds continues the run, anything else (a jump forward or back) is a
 * seek and starts a new run — so skipping never counts as watching.
 */
export class WatchTracker {
  private start: number | null = null;
  private last: number | null = null;
  private closed: Interval[] = [];

  constructor(private readonly maxStep = 4) {}

  /** The position while playing (on `timeupdate`). */
  tick(position: number): void {
    if (!Number.isFinite(position)) return;
    if (this.start === null || this.last === null) {
      this.start = this.last = position;
      return;
    }
    const step = position - this.last;
    if (step >= 0 && step <= this.maxStep) {
      this.last = position;
      return;
    }
    this.cut();
    this.start = this.last = position;
  }

  /** Seeking, pausing or ending: the current run stops where it was. */
  cut(): void {
    if (this.start !== null && this.last !== null && this.last > this.start) this.closed.push([this.start, this.last]);
    this.start = this.last = null;
  }

  /** What was played since the last take; a run still going on continues from where it was taken. */
  take(): Interval[] {
    const out = [...this.closed];
    this.closed = [];
    if (this.start !== null && this.last !== null && this.last > this.start) {
      out.push([this.start, this.last]);
      this.start = this.last;
    }
    return mergeRuns(out);
  }

  /** A report that failed: its runs are sent again with the next one. */
  giveBack(intervals: readonly Interval[]): void {
    this.closed.push(...intervals);
  }
}

export interface VideoProgressDeps {
  /** POST /study/modules/:id/progress: the runs played since the last report and the position now. */
  report: (intervals: Interval[], positionSeconds: number) => Promise<ModuleProgressView>;
  onProgress: (progress: ModuleProgressView) => void;
  /** How often to report while playing (the server credits no faster than real time allows, so report honestly). */
  everyMs?: number;
}

export const REPORT_EVERY_MS = 15_000;
/** Dragging the scrubber fires many seeks: report once it settles. */
const SEEK_SETTLE_MS = 1_000;

/**
 * Reports watched intervals: every 15 s while playing, and on pause, seek and end; one report at a time (a report
 * asked for meanwhile follows it). A failed report keeps its intervals for the next one.
 */
export function useVideoProgress(deps: VideoProgressDeps) {
  const tracker = new WatchTracker();
  const saving = ref(false);
  const failed = ref(false);
  let position = 0;
  let reportedPosition = -1;
  let playing = false;
  let periodic: ReturnType<typeof setInterval> | null = null;
  let settle: ReturnType<typeof setTimeout> | null = null;
  let inflight: Promise<void> | null = null;
  let again = false;

  async function send(): Promise<void> {
    const intervals = tracker.take();
    const at = Math.round(position);
    if (!intervals.length && at === reportedPosition) return;
    saving.value = true;
    try {
      const progress = await deps.report(intervals, at);
      reportedPosition = at;
      failed.value = false;
      deps.onProgress(progress);
    } catch {
      tracker.giveBack(intervals);
      failed.value = true;
    } finally {
      saving.value = false;
    }
  }

  /** Sends what is pending now (or right after the report in flight). */
  function flush(): Promise<void> {
    if (inflight) {
      again = true;
      return inflight;
    }
    inflight = (async () => {
      do {
        again = false;
        await send();
      } while (again);
    })().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  function stopPeriodic(): void {
    if (periodic) clearInterval(periodic);
    periodic = null;
  }

  function onPlay(): void {
    playing = true;
    stopPeriodic();
    periodic = setInterval(() => void flush(), deps.everyMs ?? REPORT_EVERY_MS);
  }

  function onTimeUpdate(current: number): void {
    position = current;
    if (playing) tracker.tick(current);
  }

  function onSeeking(current: number): void {
    tracker.cut();
    position = current;
    if (settle) clearTimeout(settle);
    settle = setTimeout(() => void flush(), SEEK_SETTLE_MS);
  }

  /** Pause or end: the last fraction played counts, then report. */
  function onStop(current: number): Promise<void> {
    if (playing) tracker.tick(current);
    playing = false;
    tracker.cut();
    position = current;
    stopPeriodic();
    return flush();
  }

  /** Players may offer faster speeds than the server credits: keep to the fastest it accepts. */
  function allowedRate(rate: number): number {
    return Math.min(rate, PLAYBACK_RATE_MAX);
  }

  function dispose(): void {
    stopPeriodic();
    if (settle) clearTimeout(settle);
    tracker.cut();
    void flush();
  }

  onScopeDispose(dispose);

  return { saving, failed, onPlay, onTimeUpdate, onSeeking, onStop, allowedRate, flush, dispose };
}
