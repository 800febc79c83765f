import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './table-helpers';

/**
 * The facts a notification was written from (a centre's name, a transfer's state, a date), as JSON beside its
 * Chinese title and text: the web app words a notification in English from its kind and these when English is
 * chosen. Notifications sent before this have none and are shown as they were written.
 */
export class NotificationParams1764820000000 implements MigrationInterface {
  name = 'NotificationParams1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('notifications', new TableColumn(col.str('params', 500, { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('notifications', 'params');
  }
}
