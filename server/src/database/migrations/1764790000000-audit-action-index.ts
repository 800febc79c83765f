import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idx } from './table-helpers';

/**
 * The audit log by action, newest first (the audit screen's search by an exact action, e.g. every `member.revealId`).
 * Without it the search read back through the whole log until it found a page, which for a rare action in a year's
 * log is most of the log. The id in the index keeps the newest-first order and the keyset cursor inside the index.
 */
export class AuditActionIndex1764790000000 implements MigrationInterface {
  name = 'AuditActionIndex1764790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('audit_log', idx('idx_audit_log_action', ['action', 'id']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('audit_log', 'idx_audit_log_action');
  }
}
