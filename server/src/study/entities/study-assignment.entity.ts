import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, TimestampColumn } from '../../common/database/columns';
import { Organization } from '../../organizations/entities/organization.entity';
import { StudyTrack } from './study-track.entity';

/** A track assigned to an organisation's subtree for a period. `year` is the track's year. */
@Entity('study_assignments')
export class StudyAssignment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  @Index('idx_study_assignments_track')
  trackId: number;

  @ManyToOne(() => StudyTrack, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'track_id', foreignKeyConstraintName: 'fk_study_assignments_track' })
  track?: StudyTrack;

  @Column({ type: 'integer' })
  orgId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_study_assignments_org' })
  org?: Organization;

  @Column({ type: 'varchar', length: 255 })
  @Index('idx_study_assignments_org_path')
  orgPath: string;

  @Column({ type: 'integer' })
  year: number;

  @DateColumn()
  startsOn: string;

  @DateColumn()
  @Index('idx_study_assignments_due')
  dueOn: string;

  @Column({ type: 'varchar', length: 10, default: 'ACTIVE' })
  status: 'ACTIVE' | 'CANCELLED';

  @Column({ type: 'integer', nullable: true })
  assignedByUserId: number | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;
}
