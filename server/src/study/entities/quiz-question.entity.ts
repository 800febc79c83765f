import type { QuestionKind } from '@zhdj/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, TimestampColumn } from '../../common/database/columns';
import { StudyModule } from './study-module.entity';

/** A question in a quiz module's bank. Retired questions stay (inactive) so past attempts can still be graded. */
@Entity('quiz_questions')
@Index('idx_quiz_questions_module', ['moduleId', 'id'])
export class QuizQuestion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  moduleId: number;

  @ManyToOne(() => StudyModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'fk_quiz_questions_module' })
  module?: StudyModule;

  @Column({ type: 'varchar', length: 12 })
  kind: QuestionKind;

  @Column({ type: 'varchar', length: 500 })
  stem: string;

  /** JSON `[{ key, text }]`. */
  @Column({ type: 'text' })
  options: string;

  /** The right keys, comma-separated (`B`, `A,C`, `T`). Never sent to a learner before grading. */
  @Column({ type: 'varchar', length: 40 })
  answer: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  explanation: string;

  @BoolColumn({ default: true })
  active: boolean;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;
}
