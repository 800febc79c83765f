import { HttpStatus, Injectable } from '@nestjs/common';
import {
  CHECKLIST_ITEMS,
  ErrorCode,
  Permission,
  chinaYearMonth,
  decide,
  decideTalk,
  incomingLetterKey,
  incomingValidityProblem,
  isFinalState,
  isReceiving,
  monthsBetween,
  probationOverdue,
  type Decision,
  type TransferAction,
  type TransferDetail,
  type TransferState,
} from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR, type Actor } from '../common/actor';
import { shanghaiDate, shanghaiInstant, workingDaysBetween } from '../common/calendar/china-calendar';
import { Db } from '../common/database/db.service';
import { AppException, badRequest, conflict, invalidField } from '../common/errors/app.exception';
import { LettersService } from '../letters/letters.service';
import { Member } from '../members/entities/member.entity';
import { MemberMoves } from '../members/member-moves';
import { NotificationsService } from '../notifications/notifications.service';
import { Organization } from '../organizations/entities/organization.entity';
import type { RecordTalkDto, TransferActionDto } from './dto/transfer.dto';
import { Transfer } from './entities/transfer.entity';
import { actorFacts, applyHolder, factsOf, mutableColumns } from './transfer-facts';
import { recount } from './transfer-recount';
import { tallyFacts } from './transfer-tally';
import { TransferTimeline } from './transfer-timeline';
import { TransfersService, incomingLetterTaken, isIncomingLetterViolation, refuseTakenLetter, type IncomingMember } from './transfers.service';

type ActionInput = Partial<Omit<TransferActionDto, 'action'>> & { action: TransferAction };

const STATE_CONFLICT = 'This transfer changed since you opened it (someone else acted first); reload to see its state';

/**
 * Performs one step of the state machine on a transfer, in one transaction: the version is claimed first (so of two
 * administrators acting at once exactly one wins and the other gets 409), then the step's effects — letters, the
 * member's branch and status — and its event, audit record and notifications.
 */
@Injectable()
export class TransferActionsService {
  constructor(
    private readonly db: Db,
    private readonly transfers: TransfersService,
    private readonly letters: LettersService,
    private readonly moves: MemberMoves,
    private readonly timeline: TransferTimeline,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async act(actor: Actor, id: number, input: TransferActionDto): Promise<TransferDetail> {
    try {
      await this.db.tx(async (em) => {
        const t = await this.transfers.findVisible(actor, id, em);
        if (input.version !== t.version) throw conflict(ErrorCode.TRANSFER_STATE_CONFLICT, STATE_CONFLICT, { currentVersion: t.version, state: t.state });
        const decision = decide(factsOf(t), input.action, actorFacts(actor));
        if (!decision.ok) throw refusal(decision);
        await this.apply(em, t, actor, input, decision.next);
      });
    } catch (e) {
      // An inbound re-issue racing a registration (or another re-issue) for one letter number: the index decided.
      if (isIncomingLetterViolation(e)) throw incomingLetterTaken();
      throw e;
    }
    return this.transfers.detail(actor, id);
  }

  /**
   * The receiving branch records its talk with a member who reported: once, on a day from their reporting to today,
   * with what was talked about. Not a step of the machine (the transfer stays completed), but claimed by its version
   * like one, so two administrators recording at once get one record and a 409; with its event and audit record.
   */
  async recordTalk(actor: Actor, id: number, dto: RecordTalkDto): Promise<TransferDetail> {
    await this.db.tx(async (em) => {
      const t = await this.transfers.findVisible(actor, id, em);
      if (dto.version !== t.version) throw conflict(ErrorCode.TRANSFER_STATE_CONFLICT, STATE_CONFLICT, { currentVersion: t.version, state: t.state });
      const decision = decideTalk(factsOf(t), actorFacts(actor));
      if (!decision.ok) throw refusal(decision);
      if (!t.talkDueOn) throw new AppException(HttpStatus.CONFLICT, ErrorCode.TRANSFER_ACTION_NOT_ALLOWED, 'No talk is tracked for this transfer (it completed before talks were recorded)');
      if (t.talkHeldOn) throw new AppException(HttpStatus.CONFLICT, ErrorCode.TRANSFER_ACTION_NOT_ALLOWED, `The talk is already recorded (held on ${t.talkHeldOn})`);
      const now = new Date();
      const reported = shanghaiDate(t.completedAt ?? now);
      // A day the calendar has (the body's IsCalendarDate), from the day the member reported to today in Xinyi.
      if (dto.heldOn < reported || dto.heldOn > shanghaiDate(now)) {
        throw invalidField('heldOn', 'range', `The talk is held from the day the member reported (${reported}) to today`);
      }
      const claimed = await em
        .createQueryBuilder()
        .update(Transfer)
        .set({ version: t.version + 1, talkHeldOn: dto.heldOn, talkNote: dto.note, updatedAt: now })
        .where('id = :id AND version = :version AND talk_held_on IS NULL', { id: t.id, version: t.version })
        .execute();
      if (!claimed.affected) throw conflict(ErrorCode.TRANSFER_STATE_CONFLICT, STATE_CONFLICT);
      t.version += 1;
      await this.timeline.record(em, t, actor, { action: 'recordTalk', from: t.state, to: t.state, comment: dto.note, detail: { heldOn: dto.heldOn } });
      await this.notifications.settle(em, `/admin/transfers/${t.id}`, ['transfer.talkDue', 'transfer.talkOverdue']);
      await this.audit.record(em, actor, {
        action: 'transfer.recordTalk',
        targetType: 'transfer',
        targetId: t.id,
        permission: Permission.TRANSFER_ACT,
        path: t.destinationBranchPath ?? undefined,
        detail: { heldOn: dto.heldOn, dueOn: t.talkDueOn, late: dto.heldOn > t.talkDueOn },
      });
    });
    return this.transfers.detail(actor, id);
  }

  /** The scheduler's step: a letter whose validity ended unused. Safe to run twice and from two processes. */
  async expire(id: number): Promise<boolean> {
    return this.db.tx(async (em) => {
      const t = await em.findOne(Transfer, { where: { id } });
      if (!t || t.state !== 'LETTER_ISSUED' || !t.letterValidUntil || t.letterValidUntil.getTime() >= Date.now()) return false;
      const decision = decide(factsOf(t), 'expire', actorFacts(SYSTEM_ACTOR, true));
      if (!decision.ok) return false;
      try {
        await this.apply(em, t, null, { action: 'expire', version: t.version }, decision.next);
        return true;
      } catch (e) {
        // Another process expired it first.
        if (e instanceof AppException && e.code === ErrorCode.TRANSFER_STATE_CONFLICT) return false;
        throw e;
      }
    });
  }

  private async apply(em: EntityManager, t: Transfer, actor: Actor | null, input: ActionInput, next: TransferState): Promise<void> {
    const from = t.state;
    let revokedSerial: string | null = null;
    // Where the step waited when the actor took it: the audit record's capacity is found there (the branch that
    // pre-reviewed, the committee that issued), not at the organisation the step passes to.
    const actedAt = t.holderOrgPath ?? t.sourceOrgPath ?? undefined;
    const counted = tallyFacts(t);
    const comment = input.comment?.trim() || null;
    this.checkInput(t, input, comment);
    // Claim the transfer: the row lock serialises concurrent steps and the version check lets only one through.
    // Every change of state bumps the version, so the key and version say it all; a `state` condition here let
    // MariaDB lock through the (state, due_at) index, and the winner's state change then deadlocked with the waiter.
    const claimed = await em
      .createQueryBuilder()
      .update(Transfer)
      .set({ version: t.version + 1 })
      .where('id = :id AND version = :version', { id: t.id, version: t.version })
      .execute();
    if (!claimed.affected) throw conflict(ErrorCode.TRANSFER_STATE_CONFLICT, STATE_CONFLICT);
    t.version += 1;
    const now = new Date();
    const detail: Record<string, unknown> = {};
    const member = t.memberId ? await em.findOneBy(Member, { id: t.memberId }) : null;

    switch (input.action) {
      case 'submit':
        this.transfers.requireComplete(t);
        if (member) await this.moves.setStatus(em, member.id, 'IN_TRANSFER');
        t.submittedAt ??= now;
        t.returnNote = null;
        break;
      case 'preApprove': {
        refuseOwedDues(member, now, 'return the application stating the months owed');
        refuseOverdueProbation(member, now);
        t.checklist = JSON.stringify(input.checklist);
        break;
      }
      case 'return':
        t.returnNote = JSON.stringify(input.missing);
        detail.missing = input.missing;
        break;
      case 'issueLetter':
      case 'reissue': {
        if (t.channel === 'INBOUND') {
          // The member brought a corrected or renewed letter from outside: its number is held from now on, the
          // replaced one's released.
          const key = incomingLetterKey(input.incomingLetterNo!);
          await refuseTakenLetter(em, key, t.id);
          t.incomingLetterNo = input.incomingLetterNo!;
          t.openIncomingLetter = key;
          t.letterValidUntil = new Date(shanghaiInstant(input.validUntil!, '23:59').getTime() + 59_999);
          detail.incomingLetterNo = t.incomingLetterNo;
          break;
        }
        // Probation may have ended since the pre-review, or a month turned: a letter for an overdue probationary member
        // is refused until the branch has decided on full membership, and one for a member whose dues stop short of
        // the month it is issued in (党费交至转出当月, domain.md §4) until the payment is on their record — the letter
        // prints the month paid through.
        refuseOwedDues(member, now, "record the payment on the member's record (duesPaidThrough), then issue the letter");
        refuseOverdueProbation(member, now);
        const previous = input.action === 'reissue' ? await this.letters.current(em, t.id) : null;
        await this.letters.close(em, previous, 'VOID');
        // 补开 (citing the old number) replaces a lost or lapsed letter; after a bounce the new letter is a
        // correction, and the bounced one is simply void (domain.md §4).
        const replaces = from === 'BOUNCED' ? null : previous;
        const letter = await this.letters.issue(em, t, actor ?? SYSTEM_ACTOR, replaces);
        t.letterValidUntil = letter.validUntil;
        detail.serial = letter.serial;
        if (replaces) detail.reissueOf = replaces.serial;
        else if (previous) detail.voided = previous.serial;
        break;
      }
      case 'accept': {
        const branch = await em.findOne(Organization, { where: { id: input.destinationBranchId! } });
        if (!branch || branch.level !== 'BRANCH' || !t.destinationCommitteePath || !branch.path.startsWith(t.destinationCommitteePath)) {
          throw invalidField('destinationBranchId', 'branch', 'Place the member in a branch (党支部) of the receiving committee');
        }
        if (t.sourceOrgId === branch.id) throw invalidField('destinationBranchId', 'different', 'That is the branch the member is leaving');
        t.destinationBranchId = branch.id;
        t.destinationBranchPath = branch.path;
        detail.branch = branch.name;
        if (t.channel === 'INBOUND') {
          const incoming = JSON.parse(t.incomingMember!) as IncomingMember;
          const memberId = await this.moves.placeIncoming(
            em,
            {
              ...incoming,
              education: incoming.education as Member['education'],
              post: null,
              isRetired: false,
              isMobile: false,
              isGraduate: false,
            },
            branch,
            t.id,
          );
          t.memberId = memberId;
          t.openMemberId = memberId;
          t.openIncomingHash = null;
        }
        break;
      }
      case 'bounce':
        await this.letters.close(em, await this.letters.current(em, t.id), 'VOID');
        break;
      case 'revoke': {
        const letter = await this.letters.current(em, t.id);
        await this.letters.close(em, letter, 'REVOKED');
        revokedSerial = letter?.serial ?? null;
        break;
      }
      case 'expire':
        await this.letters.close(em, await this.letters.current(em, t.id), 'EXPIRED');
        break;
      case 'recordReceipt': {
        // The receipt proves the letter was used, also one that lapsed while the receipt was on its way.
        const letter = await this.letters.current(em, t.id);
        await this.letters.close(em, letter, 'USED', from === 'EXPIRED' ? 'EXPIRED' : 'VALID');
        if (member) await this.moves.leaveCounty(em, member.id, t.id);
        detail.receiptHandler = input.receiptHandler ?? null;
        detail.receiptPhone = input.receiptPhone ?? null;
        break;
      }
      case 'confirmReported': {
        await this.letters.close(em, await this.letters.current(em, t.id), 'USED');
        const branch = await em.findOneByOrFail(Organization, { id: t.destinationBranchId! });
        if (t.channel === 'INBOUND') await this.moves.setStatus(em, t.memberId!, 'ACTIVE');
        else await this.moves.moveToBranch(em, t.memberId!, branch, t.id);
        break;
      }
      case 'withdraw':
      case 'reject':
        if (member && member.status === 'IN_TRANSFER') await this.moves.setStatus(em, member.id, 'ACTIVE');
        break;
      case 'approve':
        break;
    }

    t.state = next;
    const served = await applyHolder(em, t);
    t.stepStartedAt = now;
    t.dueAt = this.timeline.dueFor(t, now);
    t.updatedAt = now;
    if (isFinalState(next)) {
      t.openMemberId = null;
      t.openIncomingHash = null;
      t.openIncomingLetter = null;
      t.completedAt = next === 'COMPLETED' ? now : null;
      t.workingDays = next === 'COMPLETED' && t.submittedAt ? workingDaysBetween(t.submittedAt, now) : null;
      // The branch the member reported to talks with them within days (domain.md §4 Deadlines); notifyChange tells it.
      if (next === 'COMPLETED' && isReceiving(t.channel)) t.talkDueOn = this.timeline.talkDueOn(now);
    }
    await em.createQueryBuilder().update(Transfer).set(mutableColumns(t)).where('id = :id', { id: t.id }).execute();
    await this.timeline.record(em, t, actor, { action: input.action, from, to: next, comment, detail: Object.keys(detail).length ? detail : undefined });
    await this.audit.record(em, actor, {
      action: `transfer.${input.action}`,
      targetType: 'transfer',
      targetId: t.id,
      permission: Permission.TRANSFER_ACT,
      path: actedAt,
      // Enough for an auditor to read the step without the timeline: whose transfer, what was said, what was confirmed.
      detail: {
        from,
        to: next,
        ...(member ? { member: member.name } : {}),
        ...(comment ? { comment } : {}),
        ...(input.action === 'preApprove' && input.checklist ? { checklist: input.checklist } : {}),
        ...detail,
      },
    });
    const memberUsers = await this.notifications.userOfMember(em, t.memberId);
    await this.timeline.notifyChange(em, t, memberUsers, served);
    if (revokedSerial) await this.timeline.notifyLetterVoid(em, t, revokedSerial);
    if (next === 'APPROVED' && t.channel === 'OUT_OF_SYSTEM') {
      // A paper letter is handed over in person: suggest booking the visit as soon as it is approved.
      await this.notifications.notify(em, memberUsers, {
        kind: 'booking.suggested',
        title: '请预约领取纸质介绍信',
        body: '您的组织关系转接已审批通过，介绍信需到党群服务中心当面领取，请预约办理时间。',
        link: `/m/bookings/new?transferId=${t.id}&purpose=COLLECT_LETTER`,
        dedupeKey: `collect-letter:${t.id}`,
        params: {},
      });
    }
    // Last, so the overview's shared rows (the county's above all) stay locked for as short a time as possible.
    await recount(em, counted, t);
  }

  /** What each step needs besides permission: reasons for refusals, the checklist, the list of what is missing. */
  private checkInput(t: Transfer, input: ActionInput, comment: string | null): void {
    const needsReason: TransferAction[] = ['reject', 'bounce', 'revoke'];
    if (needsReason.includes(input.action) && !comment) {
      throw invalidField('comment', 'required', 'Give the reason: every refusal carries one');
    }
    if (input.action === 'preApprove') {
      const unchecked = CHECKLIST_ITEMS.filter((k) => !input.checklist?.[k]);
      if (unchecked.length) {
        throw badRequest(
          ErrorCode.VALIDATION_FAILED,
          `Confirm every pre-review item: ${unchecked.join(', ')}`,
          unchecked.map((k) => ({ field: `checklist.${k}`, constraint: 'confirmed', message: `${k} must be confirmed` })),
        );
      }
    }
    if (input.action === 'return' && !input.missing?.length) {
      throw invalidField('missing', 'required', 'List everything the member must add, all at once');
    }
    if (input.action === 'recordReceipt' && !input.receiptHandler?.trim()) {
      throw invalidField('receiptHandler', 'required', 'Give who handled the receipt at the receiving organisation, as written on it');
    }
    if (input.action === 'accept' && !input.destinationBranchId) {
      throw invalidField('destinationBranchId', 'required', 'Choose the branch the member is placed in');
    }
    if (t.channel === 'INBOUND' && input.action === 'reissue') {
      if (!input.incomingLetterNo || !input.validUntil) {
        throw invalidField('incomingLetterNo', 'required', 'Give the number and last valid day of the new letter the member brought');
      }
      // The new letter is held to the registration's rules: still valid, and for 180 days at most.
      const problem = incomingValidityProblem(input.validUntil, shanghaiDate(new Date()));
      if (problem) throw invalidField(problem.field, problem.constraint, problem.message);
    }
  }
}

function refusal(d: Extract<Decision, { ok: false }>): AppException {
  switch (d.reason) {
    case 'WRONG_STATE':
      return new AppException(HttpStatus.CONFLICT, ErrorCode.TRANSFER_STATE_CONFLICT, d.message, { reason: d.reason });
    case 'WRONG_CHANNEL':
      return new AppException(HttpStatus.CONFLICT, ErrorCode.TRANSFER_ACTION_NOT_ALLOWED, d.message, { reason: d.reason });
    default:
      return new AppException(HttpStatus.FORBIDDEN, ErrorCode.TRANSFER_ACTION_NOT_ALLOWED, d.message, { reason: d.reason });
  }
}

/** Dues must be paid up to the current month in Xinyi (the flag on the transfer says the same, `duesOwedMonths`). */
function refuseOwedDues(member: Member | null, now: Date, remedy: string): void {
  const owed = member ? monthsBetween(member.duesPaidThrough, chinaYearMonth(now)) : 0;
  if (owed > 0) {
    throw new AppException(HttpStatus.CONFLICT, ErrorCode.TRANSFER_ACTION_NOT_ALLOWED, `Dues are owed for ${owed} month(s) (paid through ${member!.duesPaidThrough}): ${remedy}`, { duesOwedMonths: owed });
  }
}

/** A probationary member whose probation has ended is decided on (full membership or not) before any transfer step. */
function refuseOverdueProbation(member: Member | null, now: Date): void {
  if (member && probationOverdue(member, shanghaiDate(now))) {
    throw new AppException(HttpStatus.CONFLICT, ErrorCode.TRANSFER_ACTION_NOT_ALLOWED, 'Probation has ended: decide on full membership before the transfer', { probationOverdue: true });
  }
}
