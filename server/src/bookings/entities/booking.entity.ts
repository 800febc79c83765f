import type { BookingPurpose, BookingStatus } from '@zhdj/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';
import { Member } from '../../members/entities/member.entity';
import { ServiceCenter } from './service-center.entity';

/** A member's booked visit. The `active*` columns are set while it is booked, so unique indexes can guard it. */
@Entity('bookings')
@Index('idx_bookings_center_start', ['centerId', 'startAt'])
@Index('idx_bookings_member_start', ['memberId', 'startAt'])
@Index('idx_bookings_status_start', ['status', 'startAt'])
@Index('uq_bookings_member_slot', ['activeMemberId', 'startAt'], { unique: true })
@Index('uq_bookings_transfer_purpose', ['activeTransferId', 'purpose'], { unique: true })
@Index('uq_bookings_idempotency', ['userId', 'idempotencyKey'], { unique: true })
@Index('uq_bookings_code', ['centerId', 'checkInCode'], { unique: true })
export class Booking {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  centerId: number;

  @ManyToOne(() => ServiceCenter, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'center_id', foreignKeyConstraintName: 'fk_bookings_center' })
  center?: ServiceCenter;

  @Column({ type: 'integer' })
  slotId: number;

  @Column({ type: 'integer' })
  memberId: number;

  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_bookings_member' })
  member?: Member;

  /** Who made the booking (the member's own account). */
  @Column({ type: 'integer' })
  userId: number;

  @TimestampColumn()
  startAt: Date;

  @TimestampColumn()
  endAt: Date;

  @Column({ type: 'varchar', length: 20 })
  purpose: BookingPurpose;

  @Column({ type: 'varchar', length: 10 })
  status: BookingStatus;

  @Column({ type: 'varchar', length: 8 })
  checkInCode: string;

  @Column({ type: 'integer', nullable: true })
  transferId: number | null;

  @Column({ type: 'integer', nullable: true })
  activeMemberId: number | null;

  @Column({ type: 'integer', nullable: true })
  activeTransferId: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of what the keyed request asked for (bookingRequestHash): the same key with another body is refused. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  idempotencyHash: string | null;

  @Column({ type: 'varchar', length: 300, default: '' })
  note: string;

  /** Someone coming on the member's behalf (both ID cards and a written authorisation needed). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  proxyName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  cancelReason: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;

  @TimestampColumn({ nullable: true })
  attendedAt: Date | null;
}
