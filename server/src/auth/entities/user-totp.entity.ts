import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';
import { User } from './user.entity';

/**
 * A user's TOTP (RFC 6238) secret, AES-256-GCM encrypted. `pendingEnc` holds a secret being enrolled until a code
 * confirms it; `lastStep` is the last time step accepted, so a code is never accepted twice.
 */
@Entity('user_totp')
export class UserTotp {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  @Index('uq_user_totp_user', { unique: true })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_totp_user' })
  user?: User;

  @Column({ type: 'varchar', length: 255, nullable: true })
  secretEnc: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  pendingEnc: string | null;

  @TimestampColumn({ nullable: true })
  enabledAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  lastStep: number | null;

  @TimestampColumn()
  updatedAt: Date;
}
