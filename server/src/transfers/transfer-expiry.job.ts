import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Db } from '../common/database/db.service';
import { scheduleJob } from '../common/jobs/schedule-job';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { TransferActionsService } from './transfer-actions.service';

const EVERY_MS = 10 * 60_000;

/**
 * Expires letters whose validity has ended. Each transfer is expired by a version-checked step, so running the job
 * twice, or in two processes at once, expires each letter exactly once.
 */
@Injectable()
export class TransferExpiryJob implements OnApplicationBootstrap {
  private readonly log = new Logger('TransferExpiryJob');

  constructor(
    private readonly db: Db,
    private readonly actions: TransferActionsService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs) return;
    scheduleJob(this.scheduler, { name: 'transfer-expiry', everyMs: EVERY_MS, log: this.log, run: () => this.run() });
  }

  /** Returns how many letters this run expired. */
  async run(now = new Date()): Promise<number> {
    const due = await this.db.query<{ id: number }>(
      `SELECT id FROM transfers WHERE state = 'LETTER_ISSUED' AND letter_valid_until < ? ORDER BY letter_valid_until LIMIT 500`,
      [now],
    );
    let expired = 0;
    for (const { id } of due) if (await this.actions.expire(Number(id))) expired++;
    return expired;
  }
}
