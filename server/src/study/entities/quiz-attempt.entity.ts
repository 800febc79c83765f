import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, TimestampColumn } from '../../common/database/columns';
import { Member } from '../../members/entities/member.entity';
import { StudyModule } from './study-module.entity';

/**
 * A drawn quiz attempt. `openKey` (`member:module`) is set while it is open, so a unique index keeps one open
 * attempt per member and quiz however many devices ask at once.
 */
@Entity('quiz_attempts')
@Index('idx_quiz_attempts_member', ['memberId', 'moduleId'])
export class QuizAttempt {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  memberId: number;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_quiz_attempts_member' })
  member?: Member;

  @Column({ type: 'integer' })
  moduleId: number;

  @ManyToOne(() => StudyModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'fk_quiz_attempts_module' })
  module?: StudyModule;

  @Column({ type: 'integer' })
  year: number;

  /** JSON array of the issued question ids, in the order shown. */
  @Column({ type: 'text' })
  questionIds: string;

  @TimestampColumn()
  startedAt: Date;

  @TimestampColumn({ nullable: true })
  deadlineAt: Date | null;

  @Column({ type: 'varchar', length: 10 })
  status: 'OPEN' | 'SUBMITTED' | 'EXPIRED';

  @Column({ type: 'varchar', length: 40, nullable: true })
  @Index('uq_quiz_attempts_open', { unique: true })
  openKey: string | null;

  @TimestampColumn({ nullable: true })
  submittedAt: Date | null;

  /** JSON `[{ questionId, selected }]` as submitted. */
  @Column({ type: 'text', nullable: true })
  answers: string | null;

  @Column({ type: 'integer', nullable: true })
  correct: number | null;

  @Column({ type: 'integer' })
  total: number;

  @Column({ type: 'integer', nullable: true })
  score: number | null;

  @BoolColumn()
  passed: boolean;
}
