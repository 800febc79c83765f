import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idx } from './table-helpers';

/**
 * A committee's or a branch's watching queue matches transfers on any of three paths (source, issuer, destination).
 * With an index on each, the database reads three small ranges of the subtree's transfers; without the issuer's it
 * read every open transfer of the county to count one branch's.
 */
export class TransferIssuerIndex1764720000000 implements MigrationInterface {
  name = 'TransferIssuerIndex1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('transfers', idx('idx_transfers_issuer', ['issuer_org_path']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('transfers', 'idx_transfers_issuer');
  }
}
