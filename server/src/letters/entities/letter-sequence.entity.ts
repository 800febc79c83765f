import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The last serial number each issuer used in a year; advanced with a conditional update inside the issuing transaction. */
@Entity('letter_sequences')
@Index('uq_letter_sequences', ['issuerOrgId', 'year'], { unique: true })
export class LetterSequence {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  issuerOrgId: number;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer', default: 0 })
  lastValue: number;
}
