import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { TRANSFER_STATE_LABELS_ZH, type HolderKind, type Role, type TransferState } from '@zhdj/shared';
import { Actor } from '../common/actor';
import { shanghaiDate, shanghaiInstant } from '../common/calendar/china-calendar';
import { Db } from '../common/database/db.service';
import { scheduleJob } from '../common/jobs/schedule-job';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { NotificationsService } from '../notifications/notifications.service';
import { endOfToday, OPEN_STATES } from './transfer-overdue';
import { TransferQueuesService } from './transfer-queues.service';
import { reserveOpenSteps } from './transfer-serving';

const EVERY_MS = 30 * 60_000;
/** The reminder goes out from this hour of the morning in Xinyi: read as the office opens, not in the night. */
const DUE_REMINDER_HOUR = 8;
/** The names a reminder lists; the rest are counted. */
const NAMES_LISTED = 3;

interface DueRow {
  id: number;
  state: TransferState;
  member_name: string | null;
  incoming_member: string | null;
}

/**
 * The morning's reminder of the transfer steps due today (a step is due at the end of a working day in Xinyi): each
 * administrator who must act on one of them — the step's holder tier, or the committee serving a branch without an
 * administrator — is told once a day how many, and whose, with a link to the step when there is one and to their
 * queue's steps due today otherwise. The steps counted are those of the administrator's own to-do list (its filter
 * 今日到期 is the same query), so the number is what the link lists: the county, which is told of steps at an
 * organisation with no administrator as they arrive, is not reminded of those it watches but does not hold.
 * Once per administrator and day (the notification's key), so running the job
 * every half hour, twice, or in two processes at once, reminds once; a step already overdue is not "due today" (the
 * queue marks it red).
 */
@Injectable()
export class TransferDueJob implements OnApplicationBootstrap {
  private readonly log = new Logger('TransferDueJob');

  constructor(
    private readonly db: Db,
    private readonly notifications: NotificationsService,
    private readonly queues: TransferQueuesService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs) return;
    scheduleJob(this.scheduler, { name: 'transfer-due-reminders', everyMs: EVERY_MS, atStart: true, log: this.log, run: () => this.run() });
  }

  /** Returns how many administrators this run reminded. */
  async run(now = new Date()): Promise<number> {
    const today = shanghaiDate(now);
    if (now < shanghaiInstant(today, `${String(DUE_REMINDER_HOUR).padStart(2, '0')}:00`)) return 0;
    const dueRange = [now, endOfToday(now)];
    // Each step served as the staffing stands now, as whom to tell is found below: the count a reminder gives is then
    // what the administrator's to-do list shows, even after an account was disabled in the database by hand.
    await this.db.tx((em) => reserveOpenSteps((sql, params) => em.query(sql, params)));
    // Who could be holding a step due later today: the holders of those steps (the (state, due_at) index, a short
    // range per open state), and for each the administrators told of its steps.
    const holders = await this.db.query<{ holder_kind: HolderKind; holder_org_path: string | null }>(
      `SELECT DISTINCT t.holder_kind, t.holder_org_path FROM transfers t WHERE ${OPEN_STATES} AND t.due_at >= ? AND t.due_at < ?`,
      dueRange,
    );
    const candidates = new Set<number>();
    for (const h of holders) for (const user of await this.notifications.adminsFor(this.db.em, h.holder_kind, h.holder_org_path)) candidates.add(user);
    // Nobody to tell (no step due, or none with an administrator anywhere above it).
    const users = [...candidates];
    if (!users.length) return 0;
    // Those reminded already today (an earlier run) are passed over without an attempt.
    const key = `transfers-due:${today}`;
    const reminded = new Set(
      (await this.db.query<{ user_id: number }>(`SELECT user_id FROM notifications WHERE dedupe_key IN (${users.map(() => '?').join(',')})`, users.map((u) => `${key}:${u}`))).map((r) => Number(r.user_id)),
    );
    const actors = await this.adminActors(users.filter((u) => !reminded.has(u)));
    let sent = 0;
    for (const actor of actors) {
      const user = actor.userId;
      const todo = this.queues.todoSql(actor);
      // Their to-do list's steps due today, as its filter 今日到期 lists them.
      const steps = await this.db.query<DueRow>(
        `SELECT t.id, t.state, m.name AS member_name, t.incoming_member FROM transfers t LEFT JOIN members m ON m.id = t.member_id
          WHERE ${todo.sql} AND t.due_at >= ? AND t.due_at < ? ORDER BY t.due_at, t.id`,
        [...todo.params, ...dueRange],
      );
      if (!steps.length) continue;
      // One administrator a transaction, one row each: two processes inserting the same key wait on each other
      // briefly, and the later one finds it there (no pair of locks for InnoDB to deadlock on).
      sent += await this.db.tx((em) =>
        this.notifications.notify(em, [user], {
          kind: 'transfer.dueToday',
          title: `今日到期：${steps.length} 件组织关系转接待办理`,
          body: `请在今日内办理：${describe(steps)}`,
          // Several: the to-do list showing those due today (the queue reads `due=today` as that filter).
          link: steps.length === 1 ? `/admin/transfers/${steps[0].id}` : '/admin/transfers?due=today',
          dedupeKey: key,
          params: { count: steps.length, names: steps.slice(0, NAMES_LISTED).map(nameOf).join('、') },
        }),
      );
    }
    return sent;
  }

  /** The administrators as the queue sees them (their roles where they hold them; as administrators, not members). */
  private async adminActors(users: number[]): Promise<Actor[]> {
    if (!users.length) return [];
    const rows = await this.db.query<{ user_id: number; role: Role; org_id: number; path: string; name: string; short_name: string }>(
      `SELECT ra.user_id, ra.role, ra.org_id, o.path, o.name, o.short_name
         FROM role_assignments ra JOIN organizations o ON o.id = ra.org_id
        WHERE ra.user_id IN (${users.map(() => '?').join(',')}) ORDER BY ra.user_id`,
      users,
    );
    return users.map((id) => {
      const mine = rows.filter((r) => Number(r.user_id) === id);
      const assignments = mine.map((r) => ({ role: r.role, orgId: Number(r.org_id), orgPath: r.path, orgName: r.name, orgShortName: r.short_name }));
      return new Actor(id, '', '', null, assignments, null, '');
    });
  }
}

/** "王建国（待初审）、李明（待审批）等 5 件": the first few, by whom and at which step. */
function describe(steps: DueRow[]): string {
  const named = steps.slice(0, NAMES_LISTED).map((t) => `${nameOf(t)}（${TRANSFER_STATE_LABELS_ZH[t.state]}）`);
  return steps.length > NAMES_LISTED ? `${named.join('、')} 等 ${steps.length} 件` : named.join('、');
}

/** The member's name, on record or (an arriving member before their record is made) in the particulars registered. */
function nameOf(t: DueRow): string {
  if (t.member_name) return t.member_name;
  try {
    const name = (JSON.parse(t.incoming_member ?? 'null') as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && name) return name;
  } catch {
    // Particulars that do not parse name no one: said as an arriving member below.
  }
  return '转入党员';
}
