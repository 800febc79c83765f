import type { HolderKind, TransferChannel, TransferReason, TransferState } from '@zhdj/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, DateColumn, TimestampColumn } from '../../common/database/columns';
import { Member } from '../../members/entities/member.entity';

/**
 * An organisation-relationship transfer (党员组织关系转接). The organisations involved are kept with their paths so
 * that queues and scope checks are index ranges; `holder*` names who must act now and is rewritten at every step.
 */
@Entity('transfers')
@Index('idx_transfers_holder_kind', ['holderKind', 'holderOrgPath', 'stepStartedAt'])
@Index('idx_transfers_served', ['holderKind', 'servedOrgPath', 'holderOrgPath'])
@Index('idx_transfers_source', ['sourceOrgPath'])
@Index('idx_transfers_issuer', ['issuerOrgPath'])
@Index('idx_transfers_destination', ['destinationCommitteePath'])
@Index('idx_transfers_destination_branch', ['destinationBranchPath'])
@Index('idx_transfers_state_due_holder', ['state', 'dueAt', 'holderOrgId'])
@Index('idx_transfers_state_valid', ['state', 'letterValidUntil'])
@Index('idx_transfers_state_completed_days', ['state', 'completedAt', 'workingDays'])
@Index('idx_transfers_updated', ['updatedAt', 'id'])
@Index('idx_transfers_submitted', ['submittedAt', 'id'])
export class Transfer {
  @PrimaryGeneratedColumn()
  id: number;

  /** Null for an inbound transfer until the member is placed in a branch. */
  @Column({ type: 'integer', nullable: true })
  @Index('idx_transfers_member')
  memberId: number | null;

  @ManyToOne(() => Member, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_transfers_member' })
  member?: Member | null;

  /**
   * The member id while the transfer is open, null once it ends: its unique index lets the database refuse a
   * second open transfer for the same member, whatever the concurrency.
   */
  @Column({ type: 'integer', nullable: true })
  @Index('uq_transfers_open_member', { unique: true })
  openMemberId: number | null;

  /**
   * Inbound, before the arriving member has a record: the keyed hash of their ID number while the registration is
   * open. Its unique index refuses a second registration of the same person, however concurrent.
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  @Index('uq_transfers_open_incoming', { unique: true })
  openIncomingHash: string | null;

  /**
   * Inbound, while the registration is open: its letter's number as compared (incomingLetterKey). Its unique index
   * refuses a second open registration of one letter, however concurrent; a re-issue moves it to the new letter's.
   */
  @Column({ type: 'varchar', length: 150, nullable: true })
  @Index('uq_transfers_incoming_letter', { unique: true })
  openIncomingLetter: string | null;

  @Column({ type: 'varchar', length: 16 })
  channel: TransferChannel;

  @Column({ type: 'varchar', length: 20 })
  state: TransferState;

  @Column({ type: 'integer', default: 1 })
  version: number;

  /**
   * '' while a draft has no reason chosen (the API says null): the column stays NOT NULL, as SQLite could only make it
   * nullable by rebuilding a table that other tables' keys point at. Submitting requires a reason.
   */
  @Column({ type: 'varchar', length: 12 })
  reason: TransferReason | '';

  @Column({ type: 'varchar', length: 500, default: '' })
  reasonDetail: string;

  @Column({ type: 'varchar', length: 7, default: '' })
  duesPaidThrough: string;

  @Column({ type: 'varchar', length: 11, default: '' })
  phone: string;

  @Column({ type: 'integer', nullable: true })
  sourceOrgId: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  sourceOrgPath: string | null;

  /** The committee that approves after pre-review (nearest committee above the branch). */
  @Column({ type: 'integer', nullable: true })
  sourceCommitteeId: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  sourceCommitteePath: string | null;

  /** Who issues the letter: the source committee if it has authority, otherwise the county. */
  @Column({ type: 'integer', nullable: true })
  issuerOrgId: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  issuerOrgPath: string | null;

  @BoolColumn()
  countyApprovalRequired: boolean;

  /** In-county: the organisation chosen from the tree. */
  @Column({ type: 'integer', nullable: true })
  destinationOrgId: number | null;

  /** Full official name of the destination (copied from the tree in-county; typed for outside). */
  @Column({ type: 'varchar', length: 100, default: '' })
  destinationName: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  destinationRegion: string | null;

  /** 抬头: the committee with authority the letter is addressed to. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  destinationAddressee: string | null;

  @Column({ type: 'integer', nullable: true })
  destinationCommitteeId: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  destinationCommitteePath: string | null;

  @Column({ type: 'integer', nullable: true })
  destinationBranchId: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  destinationBranchPath: string | null;

  @Column({ type: 'varchar', length: 10 })
  holderKind: HolderKind;

  @Column({ type: 'integer', nullable: true })
  holderOrgId: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  holderOrgPath: string | null;

  /**
   * The organisation whose administrators must take the step: the holder's own, or the nearest above it with an
   * administrator of that tier (transfer-serving.ts). The to-do lists read it; null when no one can.
   */
  @Column({ type: 'varchar', length: 255, nullable: true })
  servedOrgPath: string | null;

  /** When the current step is due (working days on the official calendar); null when no organisation is waited on. */
  @TimestampColumn({ nullable: true })
  dueAt: Date | null;

  @TimestampColumn()
  stepStartedAt: Date;

  /** The last valid moment of the current letter (ours, or the one an inbound member brought); drives expiry. */
  @TimestampColumn({ nullable: true })
  letterValidUntil: Date | null;

  /** JSON: everything the member must add (一次性告知), from the last return. */
  @Column({ type: 'text', nullable: true })
  returnNote: string | null;

  /** JSON: the pre-review checklist as the reviewer confirmed it. */
  @Column({ type: 'text', nullable: true })
  checklist: string | null;

  /** Inbound: the number of the letter the member brought. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  incomingLetterNo: string | null;

  /** Inbound: the arriving member's particulars (ID number encrypted), until their record is created. */
  @Column({ type: 'text', nullable: true })
  incomingMember: string | null;

  @Column({ type: 'integer', nullable: true })
  createdByUserId: number | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;

  @TimestampColumn({ nullable: true })
  submittedAt: Date | null;

  @TimestampColumn({ nullable: true })
  completedAt: Date | null;

  /** Working days from submission to completion (Xinyi's calendar), written when the transfer completes. */
  @Column({ type: 'integer', nullable: true })
  workingDays: number | null;

  /**
   * The receiving branch's talk (谈话) with the member: its last day (Xinyi's date), set when a transfer into one of
   * the county's branches completes; then the day it was held and the branch's note. Null where none is tracked.
   */
  @DateColumn({ nullable: true })
  @Index('idx_transfers_talk_due')
  talkDueOn: string | null;

  @DateColumn({ nullable: true })
  talkHeldOn: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  talkNote: string | null;
}
