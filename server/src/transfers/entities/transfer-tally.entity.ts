import type { TransferState } from '@zhdj/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';

/**
 * How many transfers each organisation's overview counts in each state: a transfer counts once in every
 * organisation above its source branch or its destination committee (the union of the two paths). Kept in the same
 * transaction as every change of a transfer (transfer-tally.ts), so the overview reads one row per state whatever
 * the number of transfers.
 */
@Entity('transfer_org_states')
@Index('uq_transfer_org_states', ['orgId', 'state'], { unique: true })
export class TransferOrgState {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  orgId: number;

  @Column({ type: 'varchar', length: 20 })
  state: TransferState;

  @Column({ type: 'integer', default: 0 })
  n: number;
}

/**
 * Completed transfers per organisation (counted as above), Xinyi month of completion and working days taken
 * (-1 when the submission time is unknown): "completed this month" and the median over twelve months, by bucket.
 */
@Entity('transfer_org_completions')
@Index('uq_transfer_org_completions', ['orgId', 'month', 'workingDays'], { unique: true })
export class TransferOrgCompletion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  orgId: number;

  /** `YYYY-MM` in Xinyi. */
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'integer' })
  workingDays: number;

  @Column({ type: 'integer', default: 0 })
  n: number;
}

/**
 * Open steps past their deadline as of the roll-up's clock (transfer-overdue.ts), per organisation whose overview
 * counts the transfer and per organisation holding it; `holderOrgId` 0 is the organisation's total. A step becomes
 * late by the clock, not by a change, so a job moves the clock on every minute and adds the steps that fell due;
 * every change of a transfer moves its own count in the same transaction.
 */
@Entity('transfer_overdue_rollup')
@Index('uq_transfer_overdue_rollup', ['orgId', 'holderOrgId'], { unique: true })
@Index('idx_transfer_overdue_rollup_rank', ['orgId', 'n', 'holderOrgId'])
export class TransferOverdueRollup {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  orgId: number;

  @Column({ type: 'integer' })
  holderOrgId: number;

  @Column({ type: 'integer', default: 0 })
  n: number;
}

/** The roll-up's clock: one row (id 1), the instant up to which deadlines have been counted. */
@Entity('transfer_overdue_clock')
export class TransferOverdueClock {
  @PrimaryGeneratedColumn()
  id: number;

  @TimestampColumn({ nullable: true })
  computedAt: Date | null;
}
