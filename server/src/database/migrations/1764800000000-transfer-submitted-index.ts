import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idx } from './table-helpers';

/**
 * Transfers by the day they were submitted: the ledger's export is in that order (an inspection reads a ledger by
 * date) and its filter by submission days is a range of it. The id keeps the order total and the export's keyset
 * cursor inside the index, so each page of the county's history is a range read, not a sort of everything in scope.
 */
export class TransferSubmittedIndex1764800000000 implements MigrationInterface {
  name = 'TransferSubmittedIndex1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('transfers', idx('idx_transfers_submitted', ['submitted_at', 'id']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('transfers', 'idx_transfers_submitted');
  }
}
