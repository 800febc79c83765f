import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, TimestampColumn } from '../../common/database/columns';
import { ServiceCenter } from './service-center.entity';

/** Days a centre is closed (inclusive date range), with the reason members are told. */
@Entity('center_closures')
@Index('idx_center_closures_center', ['centerId', 'fromDate'])
export class CenterClosure {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  centerId: number;

  @ManyToOne(() => ServiceCenter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'center_id', foreignKeyConstraintName: 'fk_center_closures_center' })
  center?: ServiceCenter;

  @DateColumn()
  fromDate: string;

  @DateColumn()
  toDate: string;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'integer', nullable: true })
  createdByUserId: number | null;

  @TimestampColumn()
  createdAt: Date;
}
