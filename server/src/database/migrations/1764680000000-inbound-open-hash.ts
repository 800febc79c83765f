import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, idx } from './table-helpers';

/** One open inbound registration per arriving person, held by a unique index rather than a check in code. */
export class InboundOpenHash1764680000000 implements MigrationInterface {
  name = 'InboundOpenHash1764680000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('transfers', new TableColumn(col.str('open_incoming_hash', 64, { isNullable: true })));
    await q.createIndex('transfers', idx('uq_transfers_open_incoming', ['open_incoming_hash'], true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('transfers', 'uq_transfers_open_incoming');
    await q.dropColumn('transfers', 'open_incoming_hash');
  }
}
