import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idx } from './table-helpers';

/** The overview reads the year's completed transfers in completion order: an index serves it without sorting. */
export class TransferCompletedIndex1764670000000 implements MigrationInterface {
  name = 'TransferCompletedIndex1764670000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('transfers', idx('idx_transfers_state_completed', ['state', 'completed_at']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('transfers', 'idx_transfers_state_completed');
  }
}
