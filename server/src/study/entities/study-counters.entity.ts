import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Member } from '../../members/entities/member.entity';

/**
 * Enrolled and completed members per (organisation, assignment), kept on every ancestor of the member's branch in
 * the same transaction as each change (like organizations.subtree_member_count): a subtree's figures cost one row
 * per assignment, whatever the number of members.
 */
@Entity('study_org_counters')
@Index('uq_study_org_counters', ['orgId', 'assignmentId'], { unique: true })
export class StudyOrgCounter {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  orgId: number;

  @Column({ type: 'integer' })
  @Index('idx_study_org_counters_assignment')
  assignmentId: number;

  @Column({ type: 'integer', default: 0 })
  enrolled: number;

  @Column({ type: 'integer', default: 0 })
  completed: number;
}

/**
 * Class hours (tenths) earned in a year by the members now in an organisation's subtree, and how many of them have
 * reached the year's requirement (32 hours, 56 for cadres: `requiredClassHours` of their post now).
 */
@Entity('study_org_hours')
@Index('uq_study_org_hours', ['orgId', 'year'], { unique: true })
export class StudyOrgHours {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  orgId: number;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer', default: 0 })
  tenths: number;

  @Column({ type: 'integer', default: 0 })
  met: number;
}

/**
 * A member's class hours in a year (tenths), and the branch path where they are counted now ('' once the member has
 * left the county): the hours follow the member from branch to branch.
 */
@Entity('study_member_hours')
@Index('uq_study_member_hours', ['memberId', 'year'], { unique: true })
export class StudyMemberHours {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  memberId: number;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_study_member_hours_member' })
  member?: Member;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer', default: 0 })
  tenths: number;

  @Column({ type: 'varchar', length: 255, default: '' })
  orgPath: string;
}
