import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns';

/** An in-app notification for one user. `dedupeKey` makes scheduled reminders safe to send twice. */
@Entity('notifications')
@Index('idx_notifications_user', ['userId', 'id'])
// A transfer's to-dos are settled by their link once the step is taken (NotificationsService.settle).
@Index('idx_notifications_link', ['link'])
export class Notification {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  /** e.g. `transfer.changed`, `transfer.actionNeeded`, `booking.reminder`. */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  body: string;

  /** Where the web app should go: a client route like `/m/transfers/12`. */
  @Column({ type: 'varchar', length: 200, default: '' })
  link: string;

  /** The facts it was written from, as JSON (NotificationInput.params); null before they were kept, or if too long. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  params: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  @Index('uq_notifications_dedupe', { unique: true })
  dedupeKey: string | null;

  @TimestampColumn({ nullable: true })
  readAt: Date | null;

  @TimestampColumn()
  createdAt: Date;
}
