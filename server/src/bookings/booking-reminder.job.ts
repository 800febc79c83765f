import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { addDays, shanghaiDate, shanghaiInstant } from '../common/calendar/china-calendar';
import { Db } from '../common/database/db.service';
import { scheduleJob } from '../common/jobs/schedule-job';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { NotificationsService } from '../notifications/notifications.service';
import { reminderNotice } from './booking-notices';
import { Booking } from './entities/booking.entity';
import { ServiceCenter } from './entities/service-center.entity';

const EVERY_MS = 30 * 60_000;

/**
 * Reminds members the day before their visit. Each reminder carries a key unique per booking and time, so running the
 * job twice, or in two processes at once, sends each reminder once — and a visit moved to another day is reminded of
 * again.
 */
@Injectable()
export class BookingReminderJob implements OnApplicationBootstrap {
  private readonly log = new Logger('BookingReminderJob');

  constructor(
    private readonly db: Db,
    private readonly notifications: NotificationsService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs) return;
    scheduleJob(this.scheduler, { name: 'booking-reminders', everyMs: EVERY_MS, log: this.log, run: () => this.run() });
  }

  /** Reminds about tomorrow's visits (Xinyi's calendar); returns how many reminders this run sent. */
  async run(now = new Date()): Promise<number> {
    const tomorrow = addDays(shanghaiDate(now), 1);
    const due = await this.db.em
      .createQueryBuilder(Booking, 'b')
      .where('b.status = :s AND b.startAt >= :from AND b.startAt < :to', { s: 'BOOKED', from: shanghaiInstant(tomorrow), to: shanghaiInstant(addDays(tomorrow, 1)) })
      .getMany();
    const centers = new Map((await this.db.em.find(ServiceCenter)).map((c) => [c.id, c]));
    let sent = 0;
    for (const b of due) {
      const c = centers.get(b.centerId)!;
      sent += await this.db.tx((em) => this.notifications.notify(em, [b.userId], reminderNotice(b, c)));
    }
    return sent;
  }
}
