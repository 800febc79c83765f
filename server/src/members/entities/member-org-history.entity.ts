import { Organization } from '../../organizations/entities/organization.entity';
import { Member } from './member.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn } from '../../common/database/columns';

/** Where a member has belonged: one row per stay in a branch; the open row has `toDate` null. */
@Entity('member_org_history')
@Index('idx_member_org_history_member', ['memberId', 'fromDate'])
export class MemberOrgHistory {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  memberId: number;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_member_org_history_member' })
  member?: Member;

  @Column({ type: 'integer' })
  @Index('idx_member_org_history_org')
  orgId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_member_org_history_org' })
  org?: Organization;

  @DateColumn()
  fromDate: string;

  @DateColumn({ nullable: true })
  toDate: string | null;

  /** The transfer that ended or began this stay, when there was one. */
  @Column({ type: 'integer', nullable: true })
  transferId: number | null;
}
