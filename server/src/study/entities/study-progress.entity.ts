import type { ProgressStatus } from '@zhdj/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';
import { Member } from '../../members/entities/member.entity';
import { StudyModule } from './study-module.entity';

/**
 * A member's progress on a module in a year (Xinyi's calendar year when they studied). The status moves to COMPLETED
 * only through a conditional update, so class hours are given once per year however often the module is studied.
 */
@Entity('study_progress')
@Index('uq_study_progress', ['memberId', 'moduleId', 'year'], { unique: true })
@Index('idx_study_progress_module', ['moduleId', 'status'])
export class StudyProgress {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  memberId: number;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_study_progress_member' })
  member?: Member;

  @Column({ type: 'integer' })
  moduleId: number;

  @ManyToOne(() => StudyModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'fk_study_progress_module' })
  module?: StudyModule;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 12 })
  status: ProgressStatus;

  @TimestampColumn({ nullable: true })
  startedAt: Date | null;

  @TimestampColumn({ nullable: true })
  completedAt: Date | null;

  /** Video: when the previous report arrived (or the start): the wall clock a report's coverage must fit in. */
  @TimestampColumn({ nullable: true })
  lastReportAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  positionSeconds: number;

  @Column({ type: 'integer', default: 0 })
  coveredSeconds: number;

  /** Video: merged watched intervals, JSON `[[from, to], …]` in seconds. */
  @Column({ type: 'text', nullable: true })
  intervals: string | null;

  @Column({ type: 'integer', default: 0 })
  attemptsUsed: number;

  @Column({ type: 'integer', nullable: true })
  bestScore: number | null;

  /** Class hours given by this completion, in tenths (0 until completed). */
  @Column({ type: 'integer', default: 0 })
  hoursTenths: number;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @TimestampColumn()
  updatedAt: Date;
}
