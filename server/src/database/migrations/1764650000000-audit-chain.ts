import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, idx } from './table-helpers';

/** The audit log becomes a hash chain (issue #7): each sealed record carries the previous record's hash. */
export class AuditChain1764650000000 implements MigrationInterface {
  name = 'AuditChain1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('audit_log', [
      new TableColumn(col.int('seq', { isNullable: true })),
      new TableColumn(col.str('prev_hash', 64, { isNullable: true })),
      new TableColumn(col.str('hash', 64, { isNullable: true })),
    ]);
    await q.createIndex('audit_log', idx('uq_audit_log_seq', ['seq'], true));
    await q.createTable(
      new Table({
        name: 'audit_chain',
        columns: [{ name: 'id', type: 'integer', isPrimary: true }, col.int('last_seq', { default: '0' }), col.str('last_hash', 64)],
      }),
    );
    await q.query(`INSERT INTO audit_chain (id, last_seq, last_hash) VALUES (1, 0, '${'0'.repeat(64)}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_chain');
    await q.dropIndex('audit_log', 'uq_audit_log_seq');
    await q.dropColumns('audit_log', ['seq', 'prev_hash', 'hash']);
  }
}
