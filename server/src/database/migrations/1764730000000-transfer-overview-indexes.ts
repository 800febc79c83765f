import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idx } from './table-helpers';

/**
 * The overview's figures answered from indexes alone: the year's completion times (median working days) carry the
 * submission time beside the completion time, and the overdue counts per holder carry the holder beside the due
 * time. Each replaces an index it extends, so every query the old ones served is still served.
 */
export class TransferOverviewIndexes1764730000000 implements MigrationInterface {
  name = 'TransferOverviewIndexes1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('transfers', idx('idx_transfers_state_completed_submitted', ['state', 'completed_at', 'submitted_at']));
    await q.dropIndex('transfers', 'idx_transfers_state_completed');
    await q.createIndex('transfers', idx('idx_transfers_state_due_holder', ['state', 'due_at', 'holder_org_id']));
    await q.dropIndex('transfers', 'idx_transfers_state_due');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('transfers', idx('idx_transfers_state_due', ['state', 'due_at']));
    await q.dropIndex('transfers', 'idx_transfers_state_due_holder');
    await q.createIndex('transfers', idx('idx_transfers_state_completed', ['state', 'completed_at']));
    await q.dropIndex('transfers', 'idx_transfers_state_completed_submitted');
  }
}
