import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';

/**
 * Append-only record of every change and every sensitive read. The application only ever inserts here;
 * `detail` is JSON and never carries a plaintext ID number or password.
 */
@Entity('audit_log')
@Index('idx_audit_log_target', ['targetType', 'targetId'])
@Index('idx_audit_log_at', ['at'])
@Index('idx_audit_log_action', ['action', 'id'])
export class AuditLog {
  @PrimaryGeneratedColumn()
  id: number;

  @TimestampColumn()
  at: Date;

  @Column({ type: 'integer', nullable: true })
  @Index('idx_audit_log_actor')
  actorUserId: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  @Column({ type: 'integer', nullable: true })
  actorOrgId: number | null;

  /** Dotted verb, e.g. `member.create`, `member.revealId`, `auth.login`. */
  @Column({ type: 'varchar', length: 48 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  targetType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  @Column({ type: 'varchar', length: 64, default: '' })
  ip: string;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  /**
   * Position in the hash chain, assigned by the sealer shortly after the record commits (sealing in commit order,
   * not id order, so a long transaction cannot break the chain). Null until sealed.
   */
  @Column({ type: 'integer', nullable: true })
  @Index('uq_audit_log_seq', { unique: true })
  seq: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  prevHash: string | null;

  /** SHA-256 over the previous hash and this record's fields: altering or removing any sealed record breaks the chain. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  hash: string | null;
}
