import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { rebuildOverdueRollup } from '../../transfers/transfer-overdue';
import { col, idx } from './table-helpers';

/** The overview's overdue roll-up and its clock (transfer-overdue.ts), filled from the open transfers. */
export class TransferOverdueRollup1764760000000 implements MigrationInterface {
  name = 'TransferOverdueRollup1764760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'transfer_overdue_rollup',
        columns: [col.id(), col.int('org_id'), col.int('holder_org_id'), col.int('n', { default: '0' })],
        indices: [idx('uq_transfer_overdue_rollup', ['org_id', 'holder_org_id'], true), idx('idx_transfer_overdue_rollup_rank', ['org_id', 'n', 'holder_org_id'])],
      }),
    );
    await q.createTable(new Table({ name: 'transfer_overdue_clock', columns: [col.id(), col.ts('computed_at', { isNullable: true })] }));
    await q.query('INSERT INTO transfer_overdue_clock (id, computed_at) VALUES (1, NULL)');
    await rebuildOverdueRollup(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('transfer_overdue_clock');
    await q.dropTable('transfer_overdue_rollup');
  }
}
