import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, TimestampColumn } from '../../common/database/columns';
import { Organization } from '../../organizations/entities/organization.entity';

/** A Party-mass service centre (党群服务中心) where members book visits; it belongs to an organisation. */
@Entity('service_centers')
export class ServiceCenter {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  @Index('idx_service_centers_org')
  orgId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_service_centers_org' })
  org?: Organization;

  @Column({ type: 'varchar', length: 255 })
  orgPath: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  address: string;

  @Column({ type: 'varchar', length: 30, default: '' })
  phone: string;

  /** JSON WeeklyHours: opening periods per ISO weekday. */
  @Column({ type: 'text' })
  weeklyHours: string;

  @Column({ type: 'integer', default: 30 })
  slotMinutes: number;

  /** Places per slot: the number of windows. */
  @Column({ type: 'integer', default: 2 })
  capacity: number;

  @Column({ type: 'integer', default: 14 })
  horizonDays: number;

  @Column({ type: 'integer', default: 120 })
  minNoticeMinutes: number;

  @Column({ type: 'integer', default: 60 })
  cancelCutoffMinutes: number;

  @BoolColumn({ default: true })
  acceptsProxy: boolean;

  @BoolColumn({ default: true })
  active: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;
}
