import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './table-helpers';

/**
 * What a booking request with an Idempotency-Key asked for, as a hash: a retry with the same key and the same body is
 * answered with the booking it made, and the same key with a different body is refused (422 IDEMPOTENCY_KEY_REUSED)
 * rather than silently answered with a booking the request did not ask for. Bookings made before have none, and their
 * retries are answered as before.
 */
export class BookingIdempotencyHash1764870000000 implements MigrationInterface {
  name = 'BookingIdempotencyHash1764870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('bookings', new TableColumn(col.str('idempotency_hash', 64, { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('bookings', 'idempotency_hash');
  }
}
