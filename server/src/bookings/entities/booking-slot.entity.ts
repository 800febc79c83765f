import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';

/**
 * One bookable time at a centre, created the first time someone books it. `booked` only ever moves through
 * `UPDATE … SET booked = booked + 1 WHERE id = ? AND booked < capacity`, so the database, not the application,
 * guarantees a slot is never booked beyond its windows.
 */
@Entity('booking_slots')
@Index('uq_booking_slots', ['centerId', 'startAt'], { unique: true })
export class BookingSlot {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  centerId: number;

  @TimestampColumn()
  startAt: Date;

  @TimestampColumn()
  endAt: Date;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer', default: 0 })
  booked: number;
}
