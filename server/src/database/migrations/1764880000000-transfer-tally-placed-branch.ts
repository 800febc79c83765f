import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildOverdueRollup } from '../../transfers/transfer-overdue';
import { rebuildTransferTally } from '../../transfers/transfer-tally';

/**
 * The overview of the branch an arrival was placed in counts the transfer too (tallyOrgIds now takes the placed
 * branch's path): the counters and the overdue roll-up are recounted from the transfers. Nothing to undo beyond a
 * recount by the old rule, which the previous code does not do by itself: down recounts with whatever rule runs.
 */
export class TransferTallyPlacedBranch1764880000000 implements MigrationInterface {
  name = 'TransferTallyPlacedBranch1764880000000';

  async up(q: QueryRunner): Promise<void> {
    await rebuildTransferTally(q);
    await rebuildOverdueRollup(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await rebuildTransferTally(q);
    await rebuildOverdueRollup(q);
  }
}
