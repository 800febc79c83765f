import type { OrgLevel, OrgType } from '@zhdj/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, TimestampColumn } from '../../common/database/columns';

/**
 * A node of the organisation tree. The tree is a materialized path (`/1/23/456/`, the ids from the root down):
 * a subtree is one indexed prefix range, and a move rewrites the subtree's paths in one transaction.
 */
@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer', nullable: true })
  @Index('idx_organizations_parent')
  parentId: number | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_organizations_parent' })
  parent?: Organization | null;

  @Column({ type: 'varchar', length: 255 })
  @Index('idx_organizations_path')
  path: string;

  @Column({ type: 'integer' })
  depth: number;

  @Column({ type: 'varchar', length: 20 })
  level: OrgLevel;

  @Column({ type: 'varchar', length: 24 })
  type: OrgType;

  /** Full official name, as on the seal and on letters. */
  @Column({ type: 'varchar', length: 100 })
  @Index('idx_organizations_name')
  name: string;

  @Column({ type: 'varchar', length: 50 })
  shortName: string;

  @Column({ type: 'varchar', length: 32 })
  @Index('uq_organizations_code', { unique: true })
  code: string;

  /** Authority to approve probationary members: only such committees send or receive letters anywhere. */
  @BoolColumn()
  hasApprovalAuthority: boolean;

  /** Free tags such as 园区 / 楼宇 (parks and office buildings), comma-separated. */
  @Column({ type: 'varchar', length: 200, default: '' })
  tags: string;

  @Column({ type: 'varchar', length: 50, default: '' })
  contactPerson: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  address: string;

  @Column({ type: 'varchar', length: 30, default: '' })
  phone: string;

  @Column({ type: 'varchar', length: 30, default: '' })
  fax: string;

  @Column({ type: 'varchar', length: 6, default: '' })
  postcode: string;

  /** Members directly in this organisation (branches only). */
  @Column({ type: 'integer', default: 0 })
  memberCount: number;

  /**
   * Members and organisations in the whole subtree (not counting itself for organisations). Kept up to date on
   * every change along the ancestors' path (a handful of rows), so no read ever counts a subtree.
   */
  @Column({ type: 'integer', default: 0 })
  subtreeMemberCount: number;

  @Column({ type: 'integer', default: 0 })
  descendantCount: number;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;
}
