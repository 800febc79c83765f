import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';
import { User } from './user.entity';

/** A one-time recovery code, stored as a keyed hash only; spent by a conditional update. */
@Entity('recovery_codes')
export class RecoveryCode {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  @Index('idx_recovery_codes_user')
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_recovery_codes_user' })
  user?: User;

  @Column({ type: 'varchar', length: 64 })
  @Index('uq_recovery_codes_hash', { unique: true })
  codeHash: string;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  usedAt: Date | null;
}
