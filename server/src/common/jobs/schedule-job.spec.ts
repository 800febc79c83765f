import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduleJob } from './schedule-job';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scheduleJob', () => {
  const scheduler = new SchedulerRegistry();
  afterEach(() => {
    for (const name of scheduler.getIntervals()) scheduler.deleteInterval(name);
  });

  it('never starts a run while the previous one is still going, and runs again once it is done', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    scheduleJob(scheduler, {
      name: 'slow-job',
      everyMs: 10,
      log: new Logger('test'),
      run: async () => {
        runs += 1;
        active += 1;
        most = Math.max(most, active);
        await sleep(60); // six ticks' worth
        active -= 1;
      },
    });
    await sleep(250);
    scheduler.deleteInterval('slow-job');
    expect(most).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(5);
  });

  it('runs at start only when asked, registers the interval by name, and logs a failure without stopping', async () => {
    const log = new Logger('test');
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    let calls = 0;
    const tick = scheduleJob(scheduler, {
      name: 'failing-job',
      everyMs: 60_000,
      atStart: true,
      log,
      run: async () => {
        calls += 1;
        throw new Error('database unreachable');
      },
    });
    expect(scheduler.getIntervals()).toContain('failing-job');
    await tick(); // joins the run started at start, which has not finished yet
    expect(calls).toBe(1);
    expect(warn).toHaveBeenCalledWith('failing-job failed: database unreachable');
    await tick();
    expect(calls).toBe(2);

    let quiet = 0;
    scheduleJob(scheduler, { name: 'quiet-job', everyMs: 60_000, log, run: async () => void (quiet += 1) });
    await sleep(20);
    expect(quiet).toBe(0);
  });
});
