import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, idx } from './table-helpers';

/**
 * Transfers by the branch the member was placed in: that branch's administrators see them in their lists (until now
 * only the receiving committee's did, so a branch lost sight of a member's transfer once it completed), read through
 * this index like the other sides.
 *
 * The talk (谈话) the receiving branch holds with a member after they report (domain.md §4: within 7 days): its last
 * day, set when an in-county or inbound transfer completes, and the day it was held with the branch's note. Transfers
 * completed before this are left without one — when their talks happened is not known, and calling them all overdue
 * would bury the ones that matter.
 */
export class TransferTalk1764810000000 implements MigrationInterface {
  name = 'TransferTalk1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('transfers', [
      new TableColumn(col.date('talk_due_on', { isNullable: true })),
      new TableColumn(col.date('talk_held_on', { isNullable: true })),
      new TableColumn(col.str('talk_note', 500, { isNullable: true })),
    ]);
    await q.createIndex('transfers', idx('idx_transfers_destination_branch', ['destination_branch_path']));
    // The reminder job's range: talks that fell due in the last week (TransferTalkJob).
    await q.createIndex('transfers', idx('idx_transfers_talk_due', ['talk_due_on']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('transfers', 'idx_transfers_talk_due');
    await q.dropIndex('transfers', 'idx_transfers_destination_branch');
    await q.dropColumns('transfers', ['talk_note', 'talk_held_on', 'talk_due_on']);
  }
}
