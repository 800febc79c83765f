import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idx } from './table-helpers';

/**
 * Visits still booked, by time: what a day entered off in the working-day calendar must cancel, looked up by every API
 * instance each minute (calendar.service.ts) without reading the bookings' history.
 */
export class BookingStatusStartIndex1764780000000 implements MigrationInterface {
  name = 'BookingStatusStartIndex1764780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('bookings', idx('idx_bookings_status_start', ['status', 'start_at']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('bookings', 'idx_bookings_status_start');
  }
}
