import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, idx } from './table-helpers';

/** Days entered into the working-day calendar by the county's administrators (calendar.service.ts). */
export class CalendarDays1764770000000 implements MigrationInterface {
  name = 'CalendarDays1764770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'calendar_days',
        columns: [col.id(), col.date('date'), col.bool('working'), col.str('name', 30), col.int('updated_by_user_id', { isNullable: true }), col.ts('updated_at')],
        indices: [idx('uq_calendar_days_date', ['date'], true)],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('calendar_days');
  }
}
