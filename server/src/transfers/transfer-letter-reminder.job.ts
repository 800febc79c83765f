import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import { isOutbound, type HolderKind, type TransferChannel, type TransferState } from '@zhdj/shared';
import { addDays, shanghaiDate, shanghaiInstant } from '../common/calendar/china-calendar';
import { Db, toDate } from '../common/database/db.service';
import { scheduleJob } from '../common/jobs/schedule-job';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { NotificationsService } from '../notifications/notifications.service';
import { LETTER_EXPIRING, LETTER_EXPIRING_HOLDER, memberNameOf } from './transfer-timeline';

const EVERY_MS = 60 * 60_000;

/** What the holder is still waiting for while the letter runs out: acceptance, the receipt (回执), or the member reporting. */
type Waiting = 'accept' | 'receipt' | 'report';

interface ExpiringRow {
  id: number;
  state: TransferState;
  channel: TransferChannel;
  member_id: number | null;
  incoming_member: string | null;
  holder_kind: HolderKind;
  holder_org_path: string | null;
  destination_name: string | null;
  branch_name: string | null;
  letter_valid_until: unknown;
}

const WAITING_ZH: Record<Waiting, string> = {
  accept: '请在到期前办理接收，逾期介绍信自动失效。',
  receipt: '尚未登记回执，请与党员联系，督促其按期报到。',
  report: '党员尚未报到，请与党员联系，督促其按期报到。',
};

/**
 * Letters running out leave members "in the pocket" (domain.md §7): a member who has not reported when the letter's
 * validity ends must ask for it to be issued again. A few days before its last day (LETTER_EXPIRY_REMINDER_DAYS), a
 * member who has to report with it is told where and by when, and the administrators holding the step — the
 * receiving committee that has not accepted, the issuer waiting for an outbound letter's receipt, or the branch
 * waiting for the member to report — are told to act or to chase the member. Once per letter, step and person (the
 * notification's key carries the letter's last day, so a re-issued letter is reminded of again), so running the job
 * twice, or in two processes at once, reminds once. Only letters still in force that end within the window are read
 * (the (state, letter_valid_until) index): a few days' letters, some dozens at the county's scale, so all of them,
 * every run — a page of them would be re-read each hour and the rest never reached. Expiry is the expiry job's.
 */
@Injectable()
export class TransferLetterReminderJob implements OnApplicationBootstrap {
  private readonly log = new Logger('TransferLetterReminderJob');

  constructor(
    private readonly db: Db,
    private readonly notifications: NotificationsService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs) return;
    scheduleJob(this.scheduler, { name: 'transfer-letter-reminders', everyMs: EVERY_MS, atStart: true, log: this.log, run: () => this.run() });
  }

  /** Returns how many reminders this run sent. */
  async run(now = new Date()): Promise<number> {
    // Letters whose last valid day is within the next N days of Xinyi's calendar, today included.
    const until = shanghaiInstant(addDays(shanghaiDate(now), this.config.transfers.letterReminderDays + 1));
    const rows = await this.db.query<ExpiringRow>(
      `SELECT t.id, t.state, t.channel, t.member_id, t.incoming_member, t.holder_kind, t.holder_org_path, t.destination_name,
              b.name AS branch_name, t.letter_valid_until
         FROM transfers t LEFT JOIN organizations b ON b.id = t.destination_branch_id
        WHERE t.state IN ('LETTER_ISSUED', 'ACCEPTED') AND t.letter_valid_until >= ? AND t.letter_valid_until < ?
        ORDER BY t.letter_valid_until, t.id`,
      [now, until],
    );
    let sent = 0;
    for (const t of rows) sent += await this.db.tx((em) => this.remind(em, t));
    return sent;
  }

  private async remind(em: EntityManager, t: ExpiringRow): Promise<number> {
    const id = Number(t.id);
    const validUntil = shanghaiDate(toDate(t.letter_valid_until)!);
    const waiting: Waiting = t.state === 'ACCEPTED' ? 'report' : isOutbound(t.channel) ? 'receipt' : 'accept';
    // Per letter (its last day) and what is waited for: a committee that accepted for a branch without an
    // administrator serves that branch too, and is then reminded again that the member has not reported.
    const dedupeKey = `letter-expiring:${id}:${validUntil}:${waiting}`;
    let sent = 0;
    // The member is told once reporting is theirs to do: placed in a branch, or holding a letter for outside the county.
    // Until the receiving committee in the county accepts, they have nowhere to report yet (their tracker says so).
    if (waiting !== 'accept') {
      // Where: the branch they were placed in once accepted, else the organisation the letter names.
      const place = (t.state === 'ACCEPTED' ? t.branch_name : null) ?? t.destination_name ?? '';
      sent += await this.notifications.notify(em, await this.notifications.userOfMember(em, t.member_id === null ? null : Number(t.member_id)), {
        kind: LETTER_EXPIRING,
        title: `介绍信将于 ${validUntil} 到期`,
        body: `请在 ${validUntil} 前到 ${place} 报到。逾期未报到，介绍信失效，需申请补开。`,
        link: `/m/transfers/${id}`,
        dedupeKey,
        params: { validUntil, place },
      });
    }
    const admins = await this.notifications.adminsFor(em, t.holder_kind, t.holder_org_path);
    if (admins.length) {
      const member = await memberNameOf(em, { memberId: t.member_id === null ? null : Number(t.member_id), incomingMember: t.incoming_member });
      sent += await this.notifications.notify(em, admins, {
        kind: LETTER_EXPIRING_HOLDER,
        title: `介绍信即将到期：${member} 的组织关系转接`,
        body: `介绍信 ${validUntil} 到期，${WAITING_ZH[waiting]}`,
        link: `/admin/transfers/${id}`,
        dedupeKey,
        params: { validUntil, member, waiting },
      });
    }
    return sent;
  }
}
