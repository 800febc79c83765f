import { Inject, Injectable } from '@nestjs/common';
import { Permission, TRANSFER_STATE_LABELS_ZH, isOutbound, isReceiving, type TransferState } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { addDays, shanghaiDate, shanghaiInstant, workingDaysLater } from '../common/calendar/china-calendar';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import type { TransfersConfig } from '../config/transfers.config';
import { nearestAdmins, type NearestAdmins } from '../notifications/nearest-admins';
import { NotificationsService } from '../notifications/notifications.service';
import { TransferEvent } from './entities/transfer-event.entity';
import type { Transfer } from './entities/transfer.entity';
import { pathsOf } from './transfer-facts';

/** A letter running out (TransferLetterReminderJob): the member's reminder, and the holders' (a to-do, settled when the step moves). */
export const LETTER_EXPIRING = 'transfer.letterExpiring';
export const LETTER_EXPIRING_HOLDER = 'transfer.letterExpiringHolder';

export interface EventInput {
  action: string;
  from: TransferState | null;
  to: TransferState;
  comment?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * When the current step is due. Administrative steps: N working days on the official calendar. An outbound letter
 * waits for its receipt (a month, to the end of that day in Xinyi). Steps the member holds have no organisational
 * deadline, nor does an expired or revoked letter: it is re-issued when the member asks, and nobody is late until then.
 * The seed sets its transfers' deadlines with it too.
 */
export function stepDueAt(
  t: Pick<Transfer, 'holderKind' | 'state' | 'channel'>,
  from: Date,
  deadlines: Pick<TransfersConfig, 'stepWorkingDays' | 'receiptDueDays'>,
): Date | null {
  if (t.holderKind === 'NONE' || t.holderKind === 'MEMBER') return null;
  if (t.state === 'EXPIRED' || t.state === 'REVOKED') return null;
  if (t.state === 'LETTER_ISSUED' && isOutbound(t.channel)) {
    return new Date(shanghaiInstant(addDays(shanghaiDate(from), deadlines.receiptDueDays + 1)).getTime() - 1);
  }
  return workingDaysLater(from, deadlines.stepWorkingDays);
}

/** The timeline, deadlines and notifications that accompany every step of a transfer. */
@Injectable()
export class TransferTimeline {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every action writes an event: who, in which role and organisation, from → to, comment, when. */
  async record(em: EntityManager, t: Transfer, actor: Actor | null, e: EventInput): Promise<void> {
    const paths = pathsOf(t);
    const identity = actor ? actor.auditIdentity(Permission.TRANSFER_ACT, paths) : null;
    await em.insert(TransferEvent, {
      transferId: t.id,
      at: new Date(),
      actorUserId: actor && actor.userId > 0 ? actor.userId : null,
      actorName: actor ? actor.displayName.slice(0, 50) : '系统',
      actorRole: actor ? (identity?.role ?? null) : 'SYSTEM',
      actorOrgId: identity?.orgId ?? null,
      action: e.action,
      fromState: e.from,
      toState: e.to,
      comment: e.comment ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    });
  }

  /** When the current step is due (stepDueAt, with this installation's deadlines). */
  dueFor(t: Transfer, from: Date): Date | null {
    return stepDueAt(t, from, this.config.transfers);
  }

  /** The last day of the receiving branch's talk with a member who reported at `reported` (Xinyi's date). */
  talkDueOn(reported: Date): string {
    return addDays(shanghaiDate(reported), this.config.transfers.talkDueDays);
  }

  /** The member hears of every change; whoever must act next is told it is their turn. */
  async notifyChange(em: EntityManager, t: Transfer, memberUserIds: number[], served: NearestAdmins): Promise<void> {
    const label = TRANSFER_STATE_LABELS_ZH[t.state];
    // What the member must do now, in the notice itself: everything to add after a return (一次性告知), and the branch
    // to report to once placed — which may not be the one asked for.
    const missing = t.state === 'RETURNED' && t.returnNote ? (JSON.parse(t.returnNote) as string[]).join('；') : '';
    const [branch] = t.state === 'ACCEPTED' && t.destinationBranchId ? await em.query<{ name: string }[]>('SELECT name FROM organizations WHERE id = ?', [t.destinationBranchId]) : [];
    const towards = t.destinationName ? `转往 ${t.destinationName}` : '';
    await this.notifications.notify(em, memberUserIds, {
      kind: 'transfer.changed',
      title: `组织关系转接：${label}`,
      body: missing ? `需要补正：${missing}` : branch ? `编入 ${branch.name}，请尽快到该支部报到` : towards,
      link: `/m/transfers/${t.id}`,
      params: { state: t.state, destination: t.destinationName ?? '', ...(missing ? { missing } : {}), ...(branch ? { branch: branch.name } : {}) },
    });
    await this.notifyHolder(em, t, served);
    if (t.talkDueOn && !t.talkHeldOn) await this.notifyTalkDue(em, t);
  }

  /**
   * A revoked letter (lost, or wrong) is void: the receiving committee in the county, to which whoever holds the old
   * paper would present it, is told its number so as not to accept it — the step that was in its to-do is settled.
   */
  async notifyLetterVoid(em: EntityManager, t: Transfer, serial: string): Promise<void> {
    if (!isReceiving(t.channel) || !t.destinationCommitteePath) return;
    const { userIds } = await nearestAdmins((sql, p) => em.query(sql, p), 'COMMITTEE', t.destinationCommitteePath);
    if (!userIds.length) return;
    const member = await memberNameOf(em, t);
    await this.notifications.notify(em, userIds, {
      kind: 'transfer.letterVoid',
      title: `介绍信作废：${member} 的介绍信（第${serial}号）`,
      body: '开具方已将这封介绍信作废，将补开新的介绍信。如有人持原介绍信前来办理，请勿接收。',
      link: `/admin/transfers/${t.id}`,
      params: { member, serial },
    });
  }

  /** The branch the member reported to is told to talk with them, and by when (or its committee, if it has no administrator). */
  private async notifyTalkDue(em: EntityManager, t: Transfer): Promise<void> {
    const admins = await this.notifications.adminsFor(em, 'BRANCH', t.destinationBranchPath);
    if (!admins.length) return;
    const member = await memberNameOf(em, t);
    await this.notifications.notify(em, admins, {
      kind: 'transfer.talkDue',
      title: `待办：与新转入党员 ${member} 谈话`,
      body: `请于 ${t.talkDueOn} 前与报到的 ${member} 谈话，并记录谈话情况`,
      link: `/admin/transfers/${t.id}`,
      params: { dueOn: t.talkDueOn ?? '', member },
    });
  }

  /**
   * Whoever must act next is told whose transfer waits. Where the organisation holding it has no administrator, the
   * one above that serves it hears so in those words — it may act on the transfer's page, and may want to appoint one —
   * rather than a plain to-do that its own to-do list does not show. `served` is what applyHolder found for this step.
   */
  async notifyHolder(em: EntityManager, t: Transfer, served: NearestAdmins): Promise<void> {
    // The step the last to-do asked for has just been taken: those to-dos are settled before the next is sent.
    await this.notifications.settle(em, `/admin/transfers/${t.id}`, ['transfer.actionNeeded', 'transfer.holderUnstaffed', LETTER_EXPIRING_HOLDER]);
    const { userIds, orgId } = served;
    if (!userIds.length) return;
    const member = await memberNameOf(em, t);
    const state = TRANSFER_STATE_LABELS_ZH[t.state];
    const params = { state: t.state, destination: t.destinationName ?? '', member };
    if (t.holderOrgId !== null && orgId !== t.holderOrgId) {
      const [holder] = await em.query<{ name: string }[]>('SELECT short_name AS name FROM organizations WHERE id = ?', [t.holderOrgId]);
      await this.notifications.notify(em, userIds, {
        kind: 'transfer.holderUnstaffed',
        title: `待办（${holder?.name ?? ''} 尚无管理员）：${member} 的组织关系转接（${state}）`,
        body: '该党组织尚无管理员，请在转接页面代为办理；也可以为其设置管理员账号。',
        link: `/admin/transfers/${t.id}`,
        params: { ...params, holder: holder?.name ?? '' },
      });
      return;
    }
    await this.notifications.notify(em, userIds, {
      kind: 'transfer.actionNeeded',
      title: `待办：${member} 的组织关系转接（${state}）`,
      body: t.destinationName ? `转往 ${t.destinationName}` : '',
      link: `/admin/transfers/${t.id}`,
      params,
    });
  }
}

/** The member a transfer is for: on record, or as an arriving member's letter names them until their record is made. */
export async function memberNameOf(em: EntityManager, t: Pick<Transfer, 'memberId' | 'incomingMember'>): Promise<string> {
  if (t.memberId) {
    const [m] = await em.query<{ name: string }[]>('SELECT name FROM members WHERE id = ?', [t.memberId]);
    if (m) return m.name;
  }
  return t.incomingMember ? (JSON.parse(t.incomingMember) as { name: string }).name : '';
}
