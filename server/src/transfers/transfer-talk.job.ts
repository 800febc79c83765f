import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { addDays, shanghaiDate } from '../common/calendar/china-calendar';
import { Db } from '../common/database/db.service';
import { scheduleJob } from '../common/jobs/schedule-job';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { NotificationsService } from '../notifications/notifications.service';

const EVERY_MS = 60 * 60_000;
/** Talks that fell overdue within this many days are reminded of; older ones already were (or predate the job). */
const WINDOW_DAYS = 7;

/**
 * Reminds the branch a member reported to when its talk with them (谈话) has passed its day unrecorded: once per talk
 * and administrator (the notification's key), so running the job twice, or in two processes at once, reminds once.
 * Only talks that fell overdue in the last week are read, so the job's work stays bounded however many are neglected.
 */
@Injectable()
export class TransferTalkJob implements OnApplicationBootstrap {
  private readonly log = new Logger('TransferTalkJob');

  constructor(
    private readonly db: Db,
    private readonly notifications: NotificationsService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs) return;
    scheduleJob(this.scheduler, { name: 'transfer-talk-reminders', everyMs: EVERY_MS, atStart: true, log: this.log, run: () => this.run() });
  }

  /** Returns how many reminders this run sent. */
  async run(now = new Date()): Promise<number> {
    const today = shanghaiDate(now);
    const due = await this.db.query<{ id: number; destination_branch_path: string | null; talk_due_on: string; member: string | null }>(
      `SELECT t.id, t.destination_branch_path, t.talk_due_on, m.name AS member FROM transfers t LEFT JOIN members m ON m.id = t.member_id
        WHERE t.talk_due_on >= ? AND t.talk_due_on < ? AND t.talk_held_on IS NULL ORDER BY t.talk_due_on, t.id`,
      [addDays(today, -WINDOW_DAYS), today],
    );
    let sent = 0;
    for (const t of due) {
      sent += await this.db.tx(async (em) => {
        const admins = await this.notifications.adminsFor(em, 'BRANCH', t.destination_branch_path);
        return this.notifications.notify(em, admins, {
          kind: 'transfer.talkOverdue',
          title: `超期提醒：与 ${t.member ?? ''} 的报到后谈话`,
          body: `应于 ${t.talk_due_on} 前与报到的 ${t.member ?? ''} 谈话，尚未记录，请尽快谈话并记录`,
          link: `/admin/transfers/${t.id}`,
          dedupeKey: `talk-overdue:${t.id}`,
          params: { dueOn: t.talk_due_on, member: t.member ?? '' },
        });
      });
    }
    return sent;
  }
}
