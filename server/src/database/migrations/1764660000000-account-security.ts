import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, fk, idx } from './table-helpers';

/**
 * Account security (issue #7): TOTP for administrators (secrets encrypted at rest), one-time recovery codes (hashed)
 * and password history (for the 等保 no-reuse rule). New tables only: on SQLite, adding columns to `users` would
 * rebuild the table that sessions and role assignments cascade from.
 */
export class AccountSecurity1764660000000 implements MigrationInterface {
  name = 'AccountSecurity1764660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'user_totp',
        columns: [
          col.id(),
          col.int('user_id'),
          col.str('secret_enc', 255, { isNullable: true }),
          col.str('pending_enc', 255, { isNullable: true }),
          col.ts('enabled_at', { isNullable: true }),
          col.int('last_step', { isNullable: true }),
          col.ts('updated_at'),
        ],
        indices: [idx('uq_user_totp_user', ['user_id'], true)],
        foreignKeys: [fk('fk_user_totp_user', 'user_id', 'users', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'recovery_codes',
        columns: [col.id(), col.int('user_id'), col.str('code_hash', 64), col.ts('created_at'), col.ts('used_at', { isNullable: true })],
        indices: [idx('uq_recovery_codes_hash', ['code_hash'], true), idx('idx_recovery_codes_user', ['user_id'])],
        foreignKeys: [fk('fk_recovery_codes_user', 'user_id', 'users', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'password_history',
        columns: [col.id(), col.int('user_id'), col.str('password_hash', 255), col.ts('created_at')],
        indices: [idx('idx_password_history_user', ['user_id'])],
        foreignKeys: [fk('fk_password_history_user', 'user_id', 'users', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('password_history');
    await q.dropTable('recovery_codes');
    await q.dropTable('user_totp');
  }
}
