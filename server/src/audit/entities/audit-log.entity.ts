import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';

/**
 * Append-only record of every change and every sensitive read. The application only ever inserts here;
 * `detail` is JSON and never carries a plaintext ID number or password.
 */
@Entity('audit_log')
@Index('idx_audit_log_target', ['targetType', 'targetId'])
@Index('idx_audit_log_at', ['at'])
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
}
