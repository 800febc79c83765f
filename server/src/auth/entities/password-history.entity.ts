import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';
import { User } from './user.entity';

/** A password a user had before (argon2id), for the no-reuse rule of the 等保 profile. */
@Entity('password_history')
export class PasswordHistory {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  @Index('idx_password_history_user')
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_password_history_user' })
  user?: User;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @TimestampColumn()
  createdAt: Date;
}
