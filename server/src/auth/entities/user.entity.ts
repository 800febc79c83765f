import { Member } from '../../members/entities/member.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, TimestampColumn } from '../../common/database/columns';

/** A login. A member's account links to their member record; administrators' powers are in role_assignments. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  @Index('uq_users_username', { unique: true })
  username: string;

  /** argon2id, PHC string format. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 50 })
  displayName: string;

  @Column({ type: 'integer', nullable: true })
  @Index('uq_users_member', { unique: true })
  memberId: number | null;

  @ManyToOne(() => Member, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_users_member' })
  member?: Member | null;

  /** Consecutive failed logins; reset by a successful one. */
  @Column({ type: 'integer', default: 0 })
  failedLogins: number;

  @TimestampColumn({ nullable: true })
  lockedUntil: Date | null;

  @BoolColumn()
  disabled: boolean;

  @TimestampColumn({ nullable: true })
  passwordChangedAt: Date | null;

  @TimestampColumn({ nullable: true })
  lastLoginAt: Date | null;

  @TimestampColumn()
  createdAt: Date;
}
