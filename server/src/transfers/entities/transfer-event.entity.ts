import type { TransferState } from '@zhdj/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';
import { Transfer } from './transfer.entity';

/** One step of a transfer's timeline: who (name, role, organisation), from → to, comment, when. */
@Entity('transfer_events')
@Index('idx_transfer_events_transfer', ['transferId', 'id'])
@Index('idx_transfer_events_actor', ['actorUserId', 'transferId'])
export class TransferEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  transferId: number;

  @ManyToOne(() => Transfer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transfer_id', foreignKeyConstraintName: 'fk_transfer_events_transfer' })
  transfer?: Transfer;

  @TimestampColumn()
  at: Date;

  @Column({ type: 'integer', nullable: true })
  actorUserId: number | null;

  @Column({ type: 'varchar', length: 50 })
  actorName: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  @Column({ type: 'integer', nullable: true })
  actorOrgId: number | null;

  @Column({ type: 'varchar', length: 20 })
  action: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromState: TransferState | null;

  @Column({ type: 'varchar', length: 20 })
  toState: TransferState;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;

  /** JSON: action-specific facts (missing items, letter serial, branch placed in, receipt handler). */
  @Column({ type: 'text', nullable: true })
  detail: string | null;
}
