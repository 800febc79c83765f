import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { reserveOpenSteps } from '../../transfers/transfer-serving';
import { col, idx } from './table-helpers';

/**
 * Each transfer names the organisation whose administrators must take its step (`served_org_path`, the holder's own
 * or the nearest above it with an administrator), so that a to-do list asks for its organisation's steps by one index
 * lookup instead of reading who administers where at every request. Existing open steps are served as the staffing
 * stands.
 */
export class TransferServedOrg1764850000000 implements MigrationInterface {
  name = 'TransferServedOrg1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('transfers', new TableColumn(col.str('served_org_path', 255, { isNullable: true })));
    await q.createIndex('transfers', idx('idx_transfers_served', ['holder_kind', 'served_org_path', 'holder_org_path']));
    await reserveOpenSteps((sql, params) => q.query(sql, params));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('transfers', 'idx_transfers_served');
    await q.dropColumn('transfers', 'served_org_path');
  }
}
