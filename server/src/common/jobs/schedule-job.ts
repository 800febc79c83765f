import type { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';

export interface ScheduledJob {
  /** The interval's name in Nest's scheduler registry (which clears it when the application closes). */
  name: string;
  everyMs: number;
  /** Also run once as the application starts, rather than first after one interval. */
  atStart?: boolean;
  /** Where a failed run is reported (as a warning: the next tick tries again). */
  log: Logger;
  run: () => Promise<unknown>;
}

/**
 * Runs a background job every `everyMs` in this process. A tick that finds the previous run still going is skipped
 * rather than started beside it: a run slower than its interval (a backlog of audit records to seal, a slow
 * database) would otherwise pile up runs that compete for the same rows. The jobs are written to be safe when two
 * processes run them at once; this only keeps one process from racing itself. Returns the tick, for tests.
 */
export function scheduleJob(scheduler: SchedulerRegistry, job: ScheduledJob): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = (): Promise<void> => {
    if (running) return running;
    running = job
      .run()
      .then(
        () => undefined,
        (e: Error) => job.log.warn(`${job.name} failed: ${e.message}`),
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
  if (job.atStart) void tick();
  scheduler.addInterval(job.name, setInterval(() => void tick(), job.everyMs));
  return tick;
}
