import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';

/** Each download or print of a letter: who and when. */
@Entity('letter_prints')
export class LetterPrint {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  @Index('idx_letter_prints_letter')
  letterId: number;

  @Column({ type: 'integer', nullable: true })
  userId: number | null;

  @TimestampColumn()
  at: Date;
}
