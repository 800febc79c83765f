import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn } from '../../common/database/columns';
import { StudyModule } from './study-module.entity';
import { StudyTrack } from './study-track.entity';

@Entity('track_modules')
@Index('uq_track_modules', ['trackId', 'moduleId'], { unique: true })
export class TrackModule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  trackId: number;

  @ManyToOne(() => StudyTrack, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'track_id', foreignKeyConstraintName: 'fk_track_modules_track' })
  track?: StudyTrack;

  @Column({ type: 'integer' })
  @Index('idx_track_modules_module')
  moduleId: number;

  @ManyToOne(() => StudyModule, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'fk_track_modules_module' })
  module?: StudyModule;

  @Column({ type: 'integer' })
  position: number;

  @BoolColumn({ default: true })
  required: boolean;
}
