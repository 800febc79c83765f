import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, DateColumn, TimestampColumn } from '../../common/database/columns';

/** A day the county's administrators entered into the working-day calendar; it overrides the official package. */
@Entity('calendar_days')
@Index('uq_calendar_days_date', ['date'], { unique: true })
export class CalendarDay {
  @PrimaryGeneratedColumn()
  id: number;

  @DateColumn()
  date: string;

  /** A working day (调休上班) or a day off (放假). */
  @BoolColumn()
  working: boolean;

  @Column({ type: 'varchar', length: 30 })
  name: string;

  @Column({ type: 'integer', nullable: true })
  updatedByUserId: number | null;

  @TimestampColumn()
  updatedAt: Date;
}
