import type { TransferState } from '@zhdj/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

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
