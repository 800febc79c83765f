import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idx } from './table-helpers';

/**
 * Notifications by what they link to: once a transfer's step is taken, the to-dos sent about it are settled (marked
 * read) for everyone who was told — found through their link rather than by reading every user's notifications.
 */
export class NotificationLinkIndex1764830000000 implements MigrationInterface {
  name = 'NotificationLinkIndex1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('notifications', idx('idx_notifications_link', ['link']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('notifications', 'idx_notifications_link');
  }
}
