import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { addDays, shanghaiDate } from '../common/calendar/china-calendar';
import { Db } from '../common/database/db.service';
import { letOthersIn } from '../common/event-loop';
import { groupBy } from '../common/group-by';
import { scheduleJob } from '../common/jobs/schedule-job';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { NotificationsService, type NotificationInput } from '../notifications/notifications.service';

const EVERY_MS = 60 * 60_000;
const BATCH = 500;
/** A run stops after this many reminders; the next run picks up the rest. */
const MAX_PER_RUN = 20_000;

interface DueRow {
  user_id: number;
  assignment_id: number;
  title: string;
  due_on: string;
}

/**
 * In-app study reminders: a track due within three days, and a track overdue. Each carries a key unique per
 * (assignment, user), so running the job twice, or in two processes at once, sends each reminder once; the query
 * skips those already sent, so a run costs only what is new.
 */
@Injectable()
export class StudyReminderJob implements OnApplicationBootstrap {
  private readonly log = new Logger('StudyReminderJob');

  constructor(
    private readonly db: Db,
    private readonly notifications: NotificationsService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs) return;
    scheduleJob(this.scheduler, { name: 'study-reminders', everyMs: EVERY_MS, log: this.log, run: () => this.run() });
  }

  /** Returns how many reminders this run sent; `batch` reminders are read and sent at a time. */
  async run(now = new Date(), batch = BATCH): Promise<{ dueSoon: number; overdue: number }> {
    const today = shanghaiDate(now);
    const dueSoon = await this.send(batch, 'study-due', 'a.due_on >= ? AND a.due_on <= ?', [today, addDays(today, 3)], (r) => ({
      kind: 'study.dueSoon',
      title: `学习清单“${r.title}”将于 ${r.due_on} 截止`,
      body: '请在截止日期前完成必修内容。',
      params: { track: r.title, dueOn: r.due_on },
    }));
    const overdue = await this.send(batch, 'study-overdue', 'a.due_on < ?', [today], (r) => ({
      kind: 'study.overdue',
      title: `学习清单“${r.title}”已逾期`,
      body: `截止日期为 ${r.due_on}，请尽快完成必修内容。`,
      params: { track: r.title, dueOn: r.due_on },
    }));
    return { dueSoon, overdue };
  }

  private async send(batch: number, prefix: string, due: string, params: unknown[], text: (r: DueRow) => Omit<NotificationInput, 'link' | 'dedupeKey'>): Promise<number> {
    let sent = 0;
    let afterId = 0;
    while (sent < MAX_PER_RUN) {
      // A county-wide track falling due is tens of thousands of reminders: other requests get in between batches (on
      // SQLite a run of 33,000 held the server for six seconds).
      await letOthersIn();
      const rows = await this.db.query<DueRow & { id: number }>(
        `SELECT e.id, u.id AS user_id, e.assignment_id, t.title, a.due_on
           FROM study_enrolments e JOIN study_assignments a ON a.id = e.assignment_id JOIN study_tracks t ON t.id = e.track_id
           JOIN users u ON u.member_id = e.member_id
          WHERE e.id > ? AND e.active = 1 AND e.completed_at IS NULL AND a.status = 'ACTIVE' AND ${due}
            AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = CONCAT(?, ':', e.assignment_id, ':', u.id))
          ORDER BY e.id LIMIT ${batch}`,
        [afterId, ...params, prefix],
      );
      if (!rows.length) break;
      afterId = Number(rows[rows.length - 1].id);
      const byAssignment = groupBy(rows, (r) => Number(r.assignment_id));
      for (const [assignmentId, group] of byAssignment) {
        sent += await this.db.tx(async (em) => {
          // Two processes running at once take turns per assignment (MySQL; SQLite has one writer), and each sends
          // only what the other has not: racing inserts on the unique key would deadlock InnoDB.
          if (!this.db.sqlite) await em.query('SELECT id FROM study_assignments WHERE id = ? FOR UPDATE', [assignmentId]);
          const key = (r: DueRow) => `${prefix}:${assignmentId}:${Number(r.user_id)}`;
          const sentAlready = new Set(
            (await em.query(`SELECT dedupe_key FROM notifications WHERE dedupe_key IN (${group.map(() => '?').join(',')})`, group.map(key))).map((x: { dedupe_key: string }) => x.dedupe_key),
          );
          // One assignment's reminder reads the same for everyone in it: sent to them all in one statement.
          const users = group.filter((x) => !sentAlready.has(key(x))).map((r) => Number(r.user_id));
          return users.length ? this.notifications.notify(em, users, { ...text(group[0]), link: '/m/study', dedupeKey: `${prefix}:${assignmentId}` }) : 0;
        });
      }
    }
    return sent;
  }
}
