import type { Role } from '@zhdj/shared';
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from './user.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';

/** One (role, organisation) pair held by a user. MEMBER is implied by a linked member record, not stored here. */
@Entity('role_assignments')
@Index('uq_role_assignments', ['userId', 'role', 'orgId'], { unique: true })
export class RoleAssignment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_role_assignments_user' })
  user?: User;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  /** The organisation whose subtree the role covers; null only for SYSTEM_ADMIN. */
  @Column({ type: 'integer', nullable: true })
  @Index('idx_role_assignments_org')
  orgId: number | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_role_assignments_org' })
  org?: Organization | null;

  @TimestampColumn()
  createdAt: Date;
}
