import { INCOMING_LETTER_KEY_MAX, incomingLetterKey } from '@zhdj/shared';
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, idx } from './table-helpers';

/**
 * One open inbound registration per incoming letter number, held by a unique index (as one per arriving person is by
 * InboundOpenHash): two registrations of one letter, however concurrent, cannot both be made. Registrations already
 * open hold their numbers, the earliest of any duplicates keeping it.
 */
export class IncomingLetterOpen1764860000000 implements MigrationInterface {
  name = 'IncomingLetterOpen1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('transfers', new TableColumn(col.str('open_incoming_letter', INCOMING_LETTER_KEY_MAX, { isNullable: true })));
    const open: { id: number; no: string }[] = await q.query(
      `SELECT id, incoming_letter_no AS no FROM transfers WHERE channel = 'INBOUND' AND state <> 'COMPLETED' AND incoming_letter_no IS NOT NULL ORDER BY id`,
    );
    const held = new Set<string>();
    for (const t of open) {
      const key = incomingLetterKey(t.no);
      if (held.has(key)) continue;
      held.add(key);
      await q.query('UPDATE transfers SET open_incoming_letter = ? WHERE id = ?', [key, t.id]);
    }
    // Not prefixed by the name of uq_transfers_open_incoming: MySQL's duplicate-key message names the index, and a
    // refusal tells the two apart by it.
    await q.createIndex('transfers', idx('uq_transfers_incoming_letter', ['open_incoming_letter'], true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('transfers', 'uq_transfers_incoming_letter');
    await q.dropColumn('transfers', 'open_incoming_letter');
  }
}
