import type { Education, MemberCategory, MemberPost, MemberStatus, Sex } from '@zhdj/shared';
import { Organization } from '../../organizations/entities/organization.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, DateColumn, TimestampColumn } from '../../common/database/columns';

/**
 * A Party member. The citizen ID number is never stored in clear: `idNumberEnc` holds it under AES-256-GCM,
 * `idNumberHash` is a keyed HMAC for look-up and uniqueness, and `idNumberMasked` is the only form shown.
 */
@Entity('members')
@Index('idx_members_org_path_id', ['orgPath', 'id'])
@Index('idx_members_name_id', ['name', 'id'])
export class Member {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 1 })
  sex: Sex;

  @Column({ type: 'varchar', length: 10 })
  ethnicity: string;

  @DateColumn()
  birthDate: string;

  @Column({ type: 'varchar', length: 120 })
  idNumberEnc: string;

  @Column({ type: 'varchar', length: 64 })
  @Index('uq_members_id_number_hash', { unique: true })
  idNumberHash: string;

  @Column({ type: 'varchar', length: 18 })
  idNumberMasked: string;

  @Column({ type: 'varchar', length: 11 })
  @Index('uq_members_phone', { unique: true })
  phone: string;

  @Column({ type: 'varchar', length: 10 })
  education: Education;

  @Column({ type: 'varchar', length: 12 })
  category: MemberCategory;

  @DateColumn()
  joinedAt: string;

  @DateColumn({ nullable: true })
  probationEndsAt: string | null;

  /** The member's branch. */
  @Column({ type: 'integer' })
  @Index('idx_members_org')
  orgId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_members_org' })
  org?: Organization;

  /** Copy of the branch's path, so a subtree's members are one index range (rewritten when organisations move). */
  @Column({ type: 'varchar', length: 255 })
  orgPath: string;

  /** Dues paid through this month (`YYYY-MM`, 党费交至). */
  @Column({ type: 'varchar', length: 7 })
  duesPaidThrough: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  post: MemberPost | null;

  @BoolColumn()
  isRetired: boolean;

  @BoolColumn()
  isMobile: boolean;

  @BoolColumn()
  isGraduate: boolean;

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: MemberStatus;

  /** Optimistic-concurrency version: writes are `WHERE id = ? AND version = ?`. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;
}
