import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Db } from '../common/database/db.service';
import { scheduleJob } from '../common/jobs/schedule-job';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { reserveOpenSteps } from './transfer-serving';

const EVERY_MS = 5 * 60_000;

/**
 * Serves the open steps again as the staffing stands (transfer-serving.ts), at start-up and every five minutes. The
 * create-admin command and a subtree's move re-serve at once; this catches what they cannot: an account disabled or
 * an assignment changed in the database by hand, or an appointment committed while a step was being taken. One
 * grouped read when nothing changed; safe to run twice and from two processes (each writes the same answer).
 */
@Injectable()
export class TransferServingJob implements OnApplicationBootstrap {
  private readonly log = new Logger('TransferServingJob');

  constructor(
    private readonly db: Db,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs) return;
    scheduleJob(this.scheduler, { name: 'transfer-serving', everyMs: EVERY_MS, atStart: true, log: this.log, run: () => this.run() });
  }

  /** Returns how many transfers' serving organisation changed. */
  async run(): Promise<number> {
    const changed = await this.db.tx((em) => reserveOpenSteps((sql, params) => em.query(sql, params)));
    if (changed) this.log.log(`${changed} open step(s) now served by another organisation`);
    return changed;
  }
}
