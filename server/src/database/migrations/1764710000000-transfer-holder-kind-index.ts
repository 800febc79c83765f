import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idx } from './table-helpers';

/**
 * The to-do queues ask for one tier's transfers within a subtree (`holder_kind = ? AND holder_org_path LIKE ?`).
 * Led by the path, the old index read every transfer for the county (every path starts with the root's), a scan that
 * grows with the province; led by the tier, it reads only the transfers waiting on that tier, oldest step first.
 */
export class TransferHolderKindIndex1764710000000 implements MigrationInterface {
  name = 'TransferHolderKindIndex1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('transfers', idx('idx_transfers_holder_kind', ['holder_kind', 'holder_org_path', 'step_started_at']));
    await q.dropIndex('transfers', 'idx_transfers_holder');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('transfers', idx('idx_transfers_holder', ['holder_org_path', 'state']));
    await q.dropIndex('transfers', 'idx_transfers_holder_kind');
  }
}
