import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Db } from '../common/database/db.service';
import { scheduleJob } from '../common/jobs/schedule-job';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { advanceOverdueClock } from './transfer-overdue';

const EVERY_MS = 60_000;

/**
 * Moves the overdue roll-up's clock on every minute (transfer-overdue.ts), and once at start-up. Safe to run twice
 * and from two processes: the clock row's lock orders the runs, and the later one finds nothing new.
 */
@Injectable()
export class TransferOverdueJob implements OnApplicationBootstrap {
  private readonly log = new Logger('TransferOverdueJob');

  constructor(
    private readonly db: Db,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs) return;
    scheduleJob(this.scheduler, { name: 'transfer-overdue', everyMs: EVERY_MS, atStart: true, log: this.log, run: () => this.run() });
  }

  /** Returns how many steps fell due since the last run. */
  run(now = new Date()): Promise<number> {
    return this.db.tx((em) => advanceOverdueClock(em, now));
  }
}
