import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, TimestampColumn } from '../../common/database/columns';

/** A study track (学习清单): ordered modules (track_modules) and an audience, for one year. */
@Entity('study_tracks')
@Index('idx_study_tracks_year', ['year', 'id'])
export class StudyTrack {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  description: string;

  @Column({ type: 'integer' })
  year: number;

  /** JSON TrackAudience. */
  @Column({ type: 'text' })
  audience: string;

  /** The audience's needs, comma-separated with leading and trailing commas (`,POLICY,SKILLS,`), for filtering. */
  @Column({ type: 'varchar', length: 200, default: '' })
  needs: string;

  @BoolColumn()
  published: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'integer', nullable: true })
  createdByUserId: number | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;
}
