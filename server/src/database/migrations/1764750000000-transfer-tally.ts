import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { rebuildTransferTally } from '../../transfers/transfer-tally';
import { col, idx } from './table-helpers';

/**
 * The overview's counters per organisation: transfers by state, and completions by Xinyi month and working days
 * (transfer-tally.ts). Filled from the transfers already there.
 */
export class TransferTally1764750000000 implements MigrationInterface {
  name = 'TransferTally1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'transfer_org_states',
        columns: [col.id(), col.int('org_id'), col.str('state', 20), col.int('n', { default: '0' })],
        indices: [idx('uq_transfer_org_states', ['org_id', 'state'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'transfer_org_completions',
        columns: [col.id(), col.int('org_id'), col.str('month', 7), col.int('working_days'), col.int('n', { default: '0' })],
        indices: [idx('uq_transfer_org_completions', ['org_id', 'month', 'working_days'], true)],
      }),
    );
    await rebuildTransferTally(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('transfer_org_completions');
    await q.dropTable('transfer_org_states');
  }
}
