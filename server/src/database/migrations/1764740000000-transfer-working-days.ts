import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { workingDaysBetween } from '../../common/calendar/china-calendar';
import { toDate } from '../../common/database/db.service';
import { col, idx } from './table-helpers';

/**
 * Each completed transfer keeps its working days from submission to completion, written when it completes. The
 * overview's median is then a histogram read from one index — (state, completed_at, working_days) — instead of a
 * year of completions fetched and counted through the calendar at every request. Completed transfers are filled in.
 */
/** Computes `working_days` for every completed transfer from its submission and completion times. */
export async function fillWorkingDays(db: { query(sql: string, params?: unknown[]): Promise<unknown> }): Promise<void> {
  const rows = (await db.query(
    `SELECT id, submitted_at, completed_at FROM transfers WHERE state = 'COMPLETED' AND submitted_at IS NOT NULL AND completed_at IS NOT NULL`,
  )) as { id: number; submitted_at: unknown; completed_at: unknown }[];
  // One statement per distinct value (a few dozen), not one per transfer.
  const byDays = new Map<number, number[]>();
  for (const r of rows) {
    const days = workingDaysBetween(toDate(r.submitted_at)!, toDate(r.completed_at)!);
    byDays.set(days, [...(byDays.get(days) ?? []), Number(r.id)]);
  }
  for (const [days, ids] of byDays) {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await db.query(`UPDATE transfers SET working_days = ? WHERE id IN (${chunk.map(() => '?').join(',')})`, [days, ...chunk]);
    }
  }
}

export class TransferWorkingDays1764740000000 implements MigrationInterface {
  name = 'TransferWorkingDays1764740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('transfers', new TableColumn(col.int('working_days', { isNullable: true })));
    await fillWorkingDays(q);
    await q.createIndex('transfers', idx('idx_transfers_state_completed_days', ['state', 'completed_at', 'working_days']));
    await q.dropIndex('transfers', 'idx_transfers_state_completed_submitted');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('transfers', idx('idx_transfers_state_completed_submitted', ['state', 'completed_at', 'submitted_at']));
    await q.dropIndex('transfers', 'idx_transfers_state_completed_days');
    await q.dropColumn('transfers', 'working_days');
  }
}
