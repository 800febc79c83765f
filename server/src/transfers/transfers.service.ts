import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ErrorCode,
  applicationProblems,
  Permission,
  allowedActions,
  decideTalk,
  chinaYearMonth,
  incomingLetterKey,
  incomingValidityProblem,
  isFinalState,
  memberDateProblems,
  monthsBetween,
  pathIds,
  probationOverdue,
  type MemberCategory,
  type Sex,
  type TransferDetail,
  type TransferEventView,
} from '@zhdj/shared';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { changesOf, phonesMasked } from '../common/changes';
import { IdNumberCipher } from '../common/crypto/id-number-cipher';
import { Db } from '../common/database/db.service';
import { rewriteSubtreePaths } from '../common/database/subtree-sql';
import { isUniqueViolation } from '../common/database/db-errors';
import { badRequest, conflict, forbidden, invalidField, notFound } from '../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { LettersService } from '../letters/letters.service';
import { Member } from '../members/entities/member.entity';
import { canReadMember, MembersService } from '../members/members.service';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import type { CreateTransferDto, RegisterInboundDto, TransferFieldsDto, UpdateTransferDto } from './dto/transfer.dto';
import { TransferEvent } from './entities/transfer-event.entity';
import { Transfer } from './entities/transfer.entity';
import { reserveOpenSteps } from './transfer-serving';
import { actorFacts, applyHolder, factsOf, mutableColumns, pathsOf } from './transfer-facts';
import { DETAIL_NAMES, detailOrgs, namedSummary, servedOnBehalf, type NamedTransfer } from './transfer-view';
import { lockOverdueClock, rebuildOverdueRollup } from './transfer-overdue';
import { recount } from './transfer-recount';
import { rebuildTransferTally, tallyFacts } from './transfer-tally';
import { TransferTimeline, memberNameOf } from './transfer-timeline';
import { shanghaiDate, shanghaiInstant } from '../common/calendar/china-calendar';

/** Each timeline event's actor's organisation, read with the event. */
const EVENT_ORG = { from: 'LEFT JOIN organizations eo ON eo.id = e.actor_org_id', values: { actorOrgShortName: 'eo.short_name' } };

const notFoundTransfer = (): never => {
  throw notFound('Transfer');
};

export interface IncomingMember {
  name: string;
  sex: 'M' | 'F';
  ethnicity: string;
  birthDate: string;
  idNumberEnc: string;
  idNumberHash: string;
  idNumberMasked: string;
  phone: string;
  education: string;
  category: 'FULL' | 'PROBATIONARY';
  joinedAt: string;
  probationEndsAt: string | null;
  duesPaidThrough: string;
  sourceOrgName: string;
  sourceRegion: string | null;
}

/** A 409 naming the field, so a form shows it beside the letter's number. */
export const incomingLetterTaken = () =>
  conflict(ErrorCode.INCOMING_LETTER_TAKEN, 'A letter with this number is already registered for another arriving member, still open', [
    { field: 'incomingLetterNo', constraint: 'unique', message: 'This letter number is on another open inbound registration' },
  ]);

/** The letter-number index refused a write (its SQLite column, or its MySQL index, is named in the message). */
export const isIncomingLetterViolation = (e: unknown) => isUniqueViolation(e, 'open_incoming_letter') || isUniqueViolation(e, 'uq_transfers_incoming_letter');

/**
 * An incoming letter's number is held by one open inbound registration at a time. Not for ever: numbers are their
 * issuers', and hand-numbered letters from outside may repeat across issuers over the years; a finished registration's
 * member has a record, which refuses them arriving again (ID_NUMBER_TAKEN). Read first for a clear refusal; the
 * unique index decides between concurrent registrations.
 */
export async function refuseTakenLetter(em: EntityManager, key: string, self: number | null): Promise<void> {
  const holder = await em.findOne(Transfer, { where: { openIncomingLetter: key }, select: { id: true } });
  if (holder && holder.id !== self) throw incomingLetterTaken();
}

/** Every stored organisation path of a transfer. */
const TRANSFER_PATH_COLUMNS = ['source_org_path', 'source_committee_path', 'issuer_org_path', 'destination_committee_path', 'destination_branch_path', 'holder_org_path', 'served_org_path'];

/**
 * What an applicant edits on a draft or a returned application, as an audit record compares it before and after. The
 * receiving committee and whether the county approves follow from the channel and the destination, so they are not
 * repeated.
 */
function applicationFields(t: Transfer) {
  return {
    channel: t.channel,
    reason: t.reason,
    reasonDetail: t.reasonDetail,
    phone: t.phone,
    duesPaidThrough: t.duesPaidThrough,
    destinationOrgId: t.destinationOrgId,
    destinationName: t.destinationName,
    destinationRegion: t.destinationRegion,
    destinationAddressee: t.destinationAddressee,
  };
}

/** Applications (drafts), reading transfers with their timeline, and registering inbound members. */
@Injectable()
export class TransfersService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationsService,
    private readonly members: MembersService,
    private readonly letters: LettersService,
    private readonly cipher: IdNumberCipher,
    private readonly timeline: TransferTimeline,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.orgs.onSubtreeMoved((em, oldPath, newPath) => this.subtreeMoved(em, oldPath, newPath));
  }

  /**
   * An organisation moved with its subtree: the transfers' stored paths follow it, as members' do (queues, scope
   * checks and the overview read them), and the overview's counters are computed again — a rare administrative act.
   */
  private async subtreeMoved(em: EntityManager, oldPath: string, newPath: string): Promise<void> {
    for (const column of TRANSFER_PATH_COLUMNS) await rewriteSubtreePaths(em, 'transfers', column, oldPath, newPath);
    // Its steps are now served from the new ancestors (an unstaffed branch moved under a staffed committee is its).
    await reserveOpenSteps((sql, params) => em.query(sql, params), newPath);
    await rebuildTransferTally(em);
    await lockOverdueClock(em);
    await rebuildOverdueRollup(em);
  }

  /** A transfer the actor may read — the member themself, or an administrator covering either side — or 404. */
  async findVisible(actor: Actor, id: number, em: EntityManager = this.db.em): Promise<Transfer> {
    const [t] = await this.db.load(Transfer, 'id = ?', [id], '', em);
    if (!t) throw notFound('Transfer');
    return this.visible(actor, t);
  }

  /** The transfer if the actor may see it; otherwise 404, as for one that does not exist. */
  private visible<T extends Transfer>(actor: Actor, t: T): T {
    const own = actor.memberId !== null && t.memberId === actor.memberId;
    // A draft is the source side's business until it is submitted: the receiving side does not see it yet.
    const paths = t.state === 'DRAFT' ? [t.sourceOrgPath, t.issuerOrgPath].filter((p): p is string => !!p) : pathsOf(t);
    if (!own && !paths.some((p) => actor.covers(p, Permission.TRANSFER_READ))) throw notFound('Transfer');
    return t;
  }

  async create(actor: Actor, dto: CreateTransferDto): Promise<TransferDetail> {
    const id = await this.db.tx(async (em) => {
      let member: Member;
      if (dto.memberId !== undefined && dto.memberId !== actor.memberId) {
        // An administrator applies for a member of their subtree (e.g. one without a smartphone).
        member = await this.members.findVisible(actor, dto.memberId, Permission.TRANSFER_APPLY, em);
      } else {
        if (actor.memberId === null) throw invalidField('memberId', 'required', 'memberId is required: you have no member record of your own');
        member = await em.findOneByOrFail(Member, { id: actor.memberId });
      }
      if (member.status === 'TRANSFERRED_OUT') throw conflict(ErrorCode.TRANSFER_ACTION_NOT_ALLOWED, 'This member has already transferred out of the county');
      const branch = await em.findOneByOrFail(Organization, { id: member.orgId });
      const { committee, issuer } = await this.sourceApprovers(em, branch);
      const now = new Date();
      const t = em.create(Transfer, {
        memberId: member.id,
        openMemberId: member.id,
        channel: dto.channel ?? 'IN_COUNTY',
        state: 'DRAFT',
        version: 1,
        // None until the member chooses one (stored as ''): a default would be submitted unread.
        reason: dto.reason ?? '',
        reasonDetail: dto.reasonDetail ?? '',
        duesPaidThrough: dto.duesPaidThrough ?? member.duesPaidThrough,
        phone: dto.phone ?? member.phone,
        sourceOrgId: branch.id,
        sourceOrgPath: branch.path,
        sourceCommitteeId: committee.id,
        sourceCommitteePath: committee.path,
        issuerOrgId: issuer.id,
        issuerOrgPath: issuer.path,
        countyApprovalRequired: false,
        destinationOrgId: null,
        destinationName: '',
        destinationRegion: null,
        destinationAddressee: null,
        destinationCommitteeId: null,
        destinationCommitteePath: null,
        destinationBranchId: null,
        destinationBranchPath: null,
        dueAt: null,
        stepStartedAt: now,
        letterValidUntil: null,
        returnNote: null,
        checklist: null,
        incomingLetterNo: null,
        incomingMember: null,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
        submittedAt: null,
        completedAt: null,
        workingDays: null,
      });
      await this.applyFields(em, t, dto, committee);
      await applyHolder(em, t);
      try {
        await em.insert(Transfer, t);
      } catch (e) {
        // Of registrations racing with one letter, the index decides (the read above saw none of the others).
        if (isIncomingLetterViolation(e)) throw incomingLetterTaken();
        if (isUniqueViolation(e)) throw conflict(ErrorCode.TRANSFER_ALREADY_OPEN, 'This member already has an open transfer');
        throw e;
      }
      await this.timeline.record(em, t, actor, { action: 'create', from: null, to: 'DRAFT' });
      await this.audit.record(em, actor, {
        action: 'transfer.create',
        targetType: 'transfer',
        targetId: t.id,
        permission: Permission.TRANSFER_APPLY,
        path: branch.path,
        detail: { memberId: member.id, channel: t.channel },
      });
      await recount(em, null, t);
      return t.id;
    });
    return this.detail(actor, id);
  }

  /** Edits a draft or a returned application (the member, or an administrator of their branch). */
  async update(actor: Actor, id: number, dto: UpdateTransferDto): Promise<TransferDetail> {
    await this.db.tx(async (em) => {
      const t = await this.findVisible(actor, id, em);
      if (t.state !== 'DRAFT' && t.state !== 'RETURNED') {
        throw conflict(ErrorCode.TRANSFER_STATE_CONFLICT, 'Only a draft or a returned application can be edited');
      }
      // Editing is the applicant's act: the same people who may submit.
      if (!allowedActions(factsOf(t), actorFacts(actor)).includes('submit')) throw forbidden('Only the applicant or their branch may edit this application');
      if (dto.version !== t.version) throw conflict(ErrorCode.TRANSFER_STATE_CONFLICT, 'This application changed since you opened it; reload and try again');
      const committee = await em.findOneByOrFail(Organization, { id: t.sourceCommitteeId! });
      const before = applicationFields(t);
      const counted = tallyFacts(t);
      await this.applyFields(em, t, dto, committee);
      t.updatedAt = new Date();
      const version = t.version;
      const result = await em.createQueryBuilder().update(Transfer).set({ ...mutableColumns(t), version: version + 1 }).where('id = :id AND version = :version', { id, version }).execute();
      if (!result.affected) throw conflict(ErrorCode.TRANSFER_STATE_CONFLICT, 'This application changed since you opened it; reload and try again');
      t.version = version + 1;
      await this.timeline.record(em, t, actor, { action: 'edit', from: t.state, to: t.state });
      await this.audit.record(em, actor, { action: 'transfer.update', targetType: 'transfer', targetId: id, permission: Permission.TRANSFER_APPLY, path: t.sourceOrgPath ?? undefined, detail: { member: await memberNameOf(em, t), ...phonesMasked(changesOf(before, applicationFields(t))) } });
      // A new destination moves the application into another committee's overview.
      await recount(em, counted, t);
    });
    return this.detail(actor, id);
  }

  /** Deletes a draft (never a submitted application: those are withdrawn and stay on record). */
  async deleteDraft(actor: Actor, id: number): Promise<void> {
    await this.db.tx(async (em) => {
      const t = await this.findVisible(actor, id, em);
      if (t.state !== 'DRAFT') throw conflict(ErrorCode.TRANSFER_STATE_CONFLICT, 'Only a draft can be deleted; withdraw a submitted application instead');
      if (!allowedActions(factsOf(t), actorFacts(actor)).includes('submit')) throw forbidden('Only the applicant or their branch may delete this draft');
      await em.delete(TransferEvent, { transferId: id });
      await em.delete(Transfer, { id, state: 'DRAFT' });
      // The draft is gone with its events: the record alone says whose it was and where it was going.
      await this.audit.record(em, actor, {
        action: 'transfer.deleteDraft',
        targetType: 'transfer',
        targetId: id,
        permission: Permission.TRANSFER_APPLY,
        path: t.sourceOrgPath ?? undefined,
        detail: { memberId: t.memberId, member: await memberNameOf(em, t), channel: t.channel, destinationOrgId: t.destinationOrgId, destinationName: t.destinationName },
      });
      await recount(em, t, null);
    });
  }

  /** Registers a member arriving from outside the county from the letter they bring; it waits for acceptance. */
  async registerInbound(actor: Actor, dto: RegisterInboundDto): Promise<TransferDetail> {
    this.members.checkConsistency(dto);
    // Everything wrong with the letter's and the person's dates at once, before anything is read or written.
    const today = shanghaiDate(new Date());
    const problems = [incomingValidityProblem(dto.validUntil, today), ...memberDateProblems(dto, today)].filter((p) => p !== null);
    if (problems.length) throw badRequest(ErrorCode.VALIDATION_FAILED, problems.map((p) => p.message).join('; '), problems);
    const letterKey = incomingLetterKey(dto.incomingLetterNo);
    const id = await this.db.tx(async (em) => {
      const dest = await this.orgs.findInScope(actor, dto.destinationOrgId, Permission.TRANSFER_REGISTER_INBOUND, em);
      const committee = await this.receivingCommittee(em, dest);
      const hash = this.cipher.hash(dto.idNumber);
      const existing = await em.findOne(Member, { where: { idNumberHash: hash } });
      // A member who left and comes back keeps one record ("report once"); an active one cannot arrive twice.
      if (existing && existing.status !== 'TRANSFERRED_OUT') {
        throw conflict(ErrorCode.ID_NUMBER_TAKEN, 'A member with this ID number is already registered in the county');
      }
      await refuseTakenLetter(em, letterKey, null);
      const p = this.cipher.protect(dto.idNumber);
      const incoming: IncomingMember = {
        name: dto.name,
        sex: dto.sex,
        ethnicity: dto.ethnicity,
        birthDate: dto.birthDate,
        idNumberEnc: p.enc,
        idNumberHash: p.hash,
        idNumberMasked: p.masked,
        phone: dto.phone,
        education: dto.education,
        category: dto.category,
        joinedAt: dto.joinedAt,
        probationEndsAt: dto.probationEndsAt ?? null,
        duesPaidThrough: dto.duesPaidThrough,
        sourceOrgName: dto.sourceOrgName,
        sourceRegion: dto.sourceRegion ?? null,
      };
      const now = new Date();
      const t = em.create(Transfer, {
        memberId: existing?.id ?? null,
        openMemberId: existing?.id ?? null,
        // Someone new has no record until accepted: their open registration is held by the hash of their ID number.
        openIncomingHash: existing ? null : p.hash,
        openIncomingLetter: letterKey,
        channel: 'INBOUND',
        state: 'LETTER_ISSUED',
        version: 1,
        reason: dto.reason,
        reasonDetail: dto.reasonDetail ?? '',
        duesPaidThrough: dto.duesPaidThrough,
        phone: dto.phone,
        sourceOrgId: null,
        sourceOrgPath: null,
        sourceCommitteeId: null,
        sourceCommitteePath: null,
        issuerOrgId: null,
        issuerOrgPath: null,
        countyApprovalRequired: false,
        destinationOrgId: dest.id,
        destinationName: dest.name,
        destinationRegion: null,
        destinationAddressee: committee.name,
        destinationCommitteeId: committee.id,
        destinationCommitteePath: committee.path,
        destinationBranchId: null,
        destinationBranchPath: null,
        dueAt: null,
        stepStartedAt: now,
        letterValidUntil: new Date(shanghaiInstant(dto.validUntil, '23:59').getTime() + 59_999),
        returnNote: null,
        checklist: null,
        incomingLetterNo: dto.incomingLetterNo,
        incomingMember: JSON.stringify(incoming),
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
        submittedAt: now,
        completedAt: null,
        workingDays: null,
      });
      const served = await applyHolder(em, t);
      t.dueAt = this.timeline.dueFor(t, now);
      try {
        await em.insert(Transfer, t);
      } catch (e) {
        // Of registrations racing with one letter, the index decides (the read above saw none of the others).
        if (isIncomingLetterViolation(e)) throw incomingLetterTaken();
        if (isUniqueViolation(e)) throw conflict(ErrorCode.TRANSFER_ALREADY_OPEN, 'This member already has an open transfer');
        throw e;
      }
      await this.timeline.record(em, t, actor, { action: 'register', from: null, to: 'LETTER_ISSUED', detail: { incomingLetterNo: dto.incomingLetterNo } });
      await this.audit.record(em, actor, {
        action: 'transfer.registerInbound',
        targetType: 'transfer',
        targetId: t.id,
        permission: Permission.TRANSFER_REGISTER_INBOUND,
        path: committee.path,
        detail: { incomingLetterNo: dto.incomingLetterNo, destinationOrgId: dest.id, returning: !!existing },
      });
      await this.timeline.notifyHolder(em, t, served);
      await recount(em, null, t);
      return t.id;
    });
    return this.detail(actor, id);
  }

  /**
   * `opened`: the caller opened the transfer (GET /api/transfers/:id), rather than receiving it back from an action
   * they took (itself audited) — an administrator opening someone's transfer reads their phone and particulars, and
   * who did so is kept, as for a member's record.
   */
  async detail(actor: Actor, id: number, loaded?: NamedTransfer, opened = false): Promise<TransferDetail> {
    // The transfer with its names, its timeline with each actor's organisation, and its letters: three statements.
    const t = this.visible(actor, loaded ?? (await this.named('t.id = ?', [id]))[0] ?? notFoundTransfer());
    const own = actor.memberId !== null && t.memberId === actor.memberId;
    if (opened && !own) {
      await this.audit.record(this.db.em, actor, { action: 'transfer.read', targetType: 'transfer', targetId: id, permission: Permission.TRANSFER_READ, path: pathsOf(t).find((p) => actor.covers(p, Permission.TRANSFER_READ)), detail: { member: t.memberName ?? null } });
    }
    const events = await this.db.loadJoined(TransferEvent, 'e.transfer_id = ?', [id], { alias: 'e', joined: EVENT_ORG, tail: 'ORDER BY e.id ASC' });
    const orgs = detailOrgs(t);
    // Only what the summary and the flags show of the member, read with the transfer.
    const member = t.memberId && t.memberName !== null ? { category: t.memberCategory, probationEndsAt: t.memberProbationEndsAt, duesPaidThrough: t.memberDuesPaidThrough ?? '' } : null;
    const incoming = t.incomingMember ? (JSON.parse(t.incomingMember) as IncomingMember) : null;
    // An arrival is flagged from what its letter states until it is placed in a branch (a returning member's old
    // record says nothing of the time away); from then on, from the record the acceptance wrote from the letter.
    const flagged = incoming && !t.destinationBranchId ? incoming : member;
    const letters = (await this.letters.views([id], orgs)).get(id) ?? [];
    const month = chinaYearMonth();
    const summary = namedSummary(t);
    // A receiving side sees the member's particulars once a letter is addressed to it (an arrival from outside is its
    // own from registration); before that, or if it never is (withdrawn, rejected at the source), their name only.
    const sourceSide = [t.sourceOrgPath, t.issuerOrgPath].some((p) => !!p && actor.covers(p, Permission.TRANSFER_READ));
    const particulars = own || sourceSide || t.channel === 'INBOUND' || letters.length > 0;
    return {
      ...summary,
      servedBy: servedOnBehalf(t),
      reasonDetail: t.reasonDetail,
      duesPaidThrough: t.duesPaidThrough,
      phone: particulars ? t.phone : null,
      returnNote: t.returnNote ? (JSON.parse(t.returnNote) as string[]) : null,
      checklist: t.checklist ? JSON.parse(t.checklist) : null,
      countyApprovalRequired: t.countyApprovalRequired,
      incomingLetterNo: t.incomingLetterNo,
      incomingValidUntil: t.channel === 'INBOUND' && t.letterValidUntil ? shanghaiDate(t.letterValidUntil) : null,
      incomingMember: incoming
        ? {
            name: incoming.name,
            sex: incoming.sex,
            category: incoming.category,
            idNumberMasked: incoming.idNumberMasked,
            sourceOrgName: incoming.sourceOrgName,
            sourceRegion: incoming.sourceRegion,
          }
        : null,
      memberFacts:
        particulars && t.memberId && t.memberName !== null
          ? {
              sex: t.memberSex as Sex,
              birthDate: t.memberBirthDate ?? '',
              ethnicity: t.memberEthnicity ?? '',
              category: t.memberCategory as MemberCategory,
              joinedAt: t.memberJoinedAt ?? '',
              probationEndsAt: t.memberProbationEndsAt,
            }
          : null,
      destinationBranch: t.destinationBranchId ? (orgs.get(t.destinationBranchId) ?? null) : null,
      letter: letters[0] ?? null,
      letters,
      events: events.map((e): TransferEventView => {
        const detail = e.detail
          ? (JSON.parse(e.detail) as {
              missing?: string[];
              serial?: string;
              reissueOf?: string;
              branch?: string;
              receiptHandler?: string | null;
              receiptPhone?: string | null;
              incomingLetterNo?: string;
              heldOn?: string;
            })
          : null;
        return {
          id: e.id,
          at: e.at.toISOString(),
          action: e.action as TransferEventView['action'],
          fromState: e.fromState,
          toState: e.toState,
          actorName: e.actorName,
          actorRole: e.actorRole,
          actorOrg: e.actorOrgShortName,
          comment: e.comment,
          ...(detail?.missing ? { missing: detail.missing } : {}),
          ...(detail?.serial ? { letterSerial: detail.serial } : {}),
          ...(detail?.reissueOf ? { reissueOf: detail.reissueOf } : {}),
          ...(detail?.branch ? { branch: detail.branch } : {}),
          ...(e.action === 'recordReceipt' ? { receiptHandler: detail?.receiptHandler ?? null, receiptPhone: detail?.receiptPhone ?? null } : {}),
          ...(detail?.incomingLetterNo ? { incomingLetterNo: detail.incomingLetterNo } : {}),
          ...(e.action === 'recordTalk' && detail?.heldOn ? { talkHeldOn: detail.heldOn } : {}),
        };
      }),
      allowedActions: allowedActions(factsOf(t), actorFacts(actor)),
      flags: {
        duesOwedMonths: flagged ? Math.max(0, monthsBetween(flagged.duesPaidThrough, month)) : 0,
        // The Xinyi date, as preApprove checks it: the flag must warn exactly when pre-approval will be refused.
        probationOverdue: !!flagged && probationOverdue(flagged, shanghaiDate(new Date())),
      },
      completedAt: t.completedAt?.toISOString() ?? null,
      talk: t.talkDueOn ? { dueOn: t.talkDueOn, heldOn: t.talkHeldOn, note: t.talkNote, overdue: !t.talkHeldOn && t.talkDueOn < shanghaiDate(new Date()) } : null,
      canRecordTalk: !!t.talkDueOn && !t.talkHeldOn && decideTalk(factsOf(t), actorFacts(actor)).ok,
      memberRecordReadable: !!t.memberId && t.memberOrgPath !== null && canReadMember(actor, t.memberId, t.memberOrgPath),
    };
  }

  /** The member's current (open, or else latest) transfer, for the tracker on their home screen. */
  async mine(actor: Actor): Promise<TransferDetail | null> {
    if (actor.memberId === null) return null;
    const [t] = await this.named('t.member_id = ?', [actor.memberId], 'ORDER BY t.id DESC LIMIT 1');
    return t ? this.detail(actor, t.id, t) : null;
  }

  /** Transfers with the names their detail shows (DETAIL_NAMES), the table aliased `t`. */
  private named(where: string, params: unknown[], tail = ''): Promise<NamedTransfer[]> {
    return this.db.loadJoined(Transfer, where, params, { alias: 't', joined: DETAIL_NAMES, tail });
  }

  /** The grassroots committee above a branch (approves), and the nearest organisation with authority (issues letters). */
  async sourceApprovers(em: EntityManager, branch: Organization): Promise<{ committee: Organization; issuer: Organization }> {
    const ancestors = await this.ancestorsOf(em, branch);
    const committee = ancestors.find((o) => o.level === 'COMMITTEE' || o.level === 'COUNTY_COMMITTEE')!;
    const issuer = ancestors.find((o) => o.hasApprovalAuthority) ?? ancestors[ancestors.length - 1];
    return { committee, issuer };
  }

  /** Only a committee with authority receives letters: the destination itself if it has it, else the nearest above. */
  async receivingCommittee(em: EntityManager, dest: Organization): Promise<Organization> {
    const chain = [dest, ...(await this.ancestorsOf(em, dest))];
    return chain.find((o) => o.hasApprovalAuthority && o.level !== 'BRANCH' && o.level !== 'GENERAL_BRANCH') ?? chain[chain.length - 1];
  }

  /** Ancestors nearest first (not including the organisation itself). */
  private async ancestorsOf(em: EntityManager, org: Organization): Promise<Organization[]> {
    const ids = pathIds(org.path).slice(0, -1);
    const rows = ids.length ? await em.find(Organization, { where: { id: In(ids) } }) : [];
    return rows.sort((a, b) => b.depth - a.depth);
  }

  private async applyFields(em: EntityManager, t: Transfer, dto: TransferFieldsDto, committee: Organization): Promise<void> {
    if (dto.channel !== undefined) t.channel = dto.channel;
    if (dto.reason !== undefined) t.reason = dto.reason;
    if (dto.reasonDetail !== undefined) t.reasonDetail = dto.reasonDetail.trim();
    if (dto.duesPaidThrough !== undefined) t.duesPaidThrough = dto.duesPaidThrough;
    if (dto.phone !== undefined) t.phone = dto.phone;
    if (t.channel === 'IN_COUNTY') {
      if (dto.destinationOrgId !== undefined) {
        const dest = await em.findOne(Organization, { where: { id: dto.destinationOrgId } });
        if (!dest) throw invalidField('destinationOrgId', 'exists', 'No such organisation in the county');
        if (t.sourceOrgPath && t.sourceOrgPath.startsWith(dest.path) && dest.level === 'BRANCH') {
          throw invalidField('destinationOrgId', 'different', 'The destination is the member’s own branch');
        }
        const receiver = await this.receivingCommittee(em, dest);
        t.destinationOrgId = dest.id;
        t.destinationName = dest.name;
        t.destinationRegion = null;
        t.destinationAddressee = receiver.name;
        t.destinationCommitteeId = receiver.id;
        t.destinationCommitteePath = receiver.path;
      }
    } else {
      // Leaving the county: the destination is typed, not picked.
      t.destinationOrgId = null;
      t.destinationCommitteeId = null;
      t.destinationCommitteePath = null;
      if (dto.destinationName !== undefined) t.destinationName = dto.destinationName.trim();
      if (dto.destinationRegion !== undefined) t.destinationRegion = dto.destinationRegion.trim() || null;
      if (dto.destinationAddressee !== undefined) t.destinationAddressee = dto.destinationAddressee.trim() || null;
    }
    t.countyApprovalRequired = t.channel === 'CROSS_PROVINCE' || t.channel === 'OUT_OF_SYSTEM' || !committee.hasApprovalAuthority;
    if (isFinalState(t.state)) {
      t.openMemberId = null;
      t.openIncomingHash = null;
      t.openIncomingLetter = null;
    }
  }

  requireComplete(t: Transfer): void {
    // The same rules the member's wizard checks step by step (shared), every problem listed at once.
    const problems = applicationProblems({ ...t, reason: t.reason || null });
    if (problems.length) throw badRequest(ErrorCode.TRANSFER_INCOMPLETE, problems.map((p) => p.message).join('; '), problems);
  }

  get stepDays(): number {
    return this.config.transfers.stepWorkingDays;
  }
}
