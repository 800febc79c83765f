import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, TimestampColumn } from '../../common/database/columns';
import { Member } from '../../members/entities/member.entity';
import { StudyAssignment } from './study-assignment.entity';

/**
 * A member enrolled by an assignment. `orgId`/`orgPath` are the branch the enrolment counts for while active; a
 * member who leaves the assigned subtree keeps the row, marked inactive, and it stops counting anywhere.
 */
@Entity('study_enrolments')
@Index('uq_study_enrolments', ['assignmentId', 'memberId'], { unique: true })
@Index('idx_study_enrolments_member', ['memberId', 'active'])
@Index('idx_study_enrolments_org', ['orgId', 'memberId'])
export class StudyEnrolment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  assignmentId: number;

  @ManyToOne(() => StudyAssignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_study_enrolments_assignment' })
  assignment?: StudyAssignment;

  @Column({ type: 'integer' })
  trackId: number;

  @Column({ type: 'integer' })
  memberId: number;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_study_enrolments_member' })
  member?: Member;

  @Column({ type: 'integer' })
  orgId: number;

  @Column({ type: 'varchar', length: 255 })
  orgPath: string;

  @BoolColumn({ default: true })
  active: boolean;

  @TimestampColumn()
  enrolledAt: Date;

  @TimestampColumn({ nullable: true })
  leftAt: Date | null;

  /** When every required module of the track was complete. */
  @TimestampColumn({ nullable: true })
  completedAt: Date | null;
}
