import type { StudyModuleKind, StudyNeed } from '@zhdj/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, TimestampColumn } from '../../common/database/columns';

/** One unit of study: an article, a video or a quiz. Kind-specific columns are unused (zero/null) for other kinds. */
@Entity('study_modules')
@Index('idx_study_modules_kind', ['kind', 'id'])
@Index('idx_study_modules_need', ['need', 'id'])
export class StudyModule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 8 })
  kind: StudyModuleKind;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  summary: string;

  /** Topic tags, comma-separated. */
  @Column({ type: 'varchar', length: 250, default: '' })
  tags: string;

  @Column({ type: 'varchar', length: 16 })
  need: StudyNeed;

  /** Class hours in whole tenths of an hour (15 = 1.5 学时). */
  @Column({ type: 'integer' })
  classTenths: number;

  @BoolColumn()
  published: boolean;

  /** Article: HTML, sanitised on the way in. */
  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ type: 'integer', default: 0 })
  minReadSeconds: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  videoUrl: string | null;

  @Column({ type: 'integer', default: 0 })
  durationSeconds: number;

  @Column({ type: 'integer', default: 0 })
  questionsPerAttempt: number;

  @Column({ type: 'integer', default: 0 })
  passPercent: number;

  @Column({ type: 'integer', default: 0 })
  attemptsAllowed: number;

  /** 0 = no limit. */
  @Column({ type: 'integer', default: 0 })
  timeLimitSeconds: number;

  @BoolColumn()
  showAnswers: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'integer', nullable: true })
  createdByUserId: number | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;
}
