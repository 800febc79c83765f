import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';
import { Organization } from '../../organizations/entities/organization.entity';
import { Transfer } from '../../transfers/entities/transfer.entity';

export type LetterStatus = 'VALID' | 'USED' | 'EXPIRED' | 'REVOKED' | 'VOID';

/**
 * An introduction letter (介绍信): stub, letter and receipt share its serial number. Issued letters are never
 * edited — a correction is a new letter and this one becomes VOID. `snapshot` freezes what was printed.
 */
@Entity('letters')
export class Letter {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  @Index('idx_letters_transfer')
  transferId: number;

  @ManyToOne(() => Transfer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'transfer_id', foreignKeyConstraintName: 'fk_letters_transfer' })
  transfer?: Transfer;

  /** `{year}{issuer code}{sequence}`, unique. */
  @Column({ type: 'varchar', length: 48 })
  @Index('uq_letters_serial', { unique: true })
  serial: string;

  /** 128 random bits (base64url) for the public verification page; unguessable, unique. */
  @Column({ type: 'varchar', length: 32 })
  @Index('uq_letters_token', { unique: true })
  token: string;

  @Column({ type: 'integer' })
  issuerOrgId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_org_id', foreignKeyConstraintName: 'fk_letters_issuer' })
  issuer?: Organization;

  @TimestampColumn()
  issuedAt: Date;

  @TimestampColumn()
  validUntil: Date;

  @Column({ type: 'integer' })
  validityDays: number;

  @Column({ type: 'varchar', length: 10 })
  status: LetterStatus;

  @Column({ type: 'varchar', length: 100 })
  addressee: string;

  /** 补开: the serial of the letter this one replaces. */
  @Column({ type: 'varchar', length: 48, nullable: true })
  reissueOf: string | null;

  /** JSON of the printed fields; the ID number inside is encrypted. */
  @Column({ type: 'text' })
  snapshot: string;

  @Column({ type: 'integer', nullable: true })
  issuedByUserId: number | null;

  @TimestampColumn({ nullable: true })
  closedAt: Date | null;
}
