import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, fk, idx } from './table-helpers';

/** Organisations, members, accounts, sessions and the audit log (issue #2). */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'organizations',
        columns: [
          col.id(),
          col.int('parent_id', { isNullable: true }),
          col.str('path', 255),
          col.int('depth'),
          col.str('level', 20),
          col.str('type', 24),
          col.str('name', 100),
          col.str('short_name', 50),
          col.str('code', 32),
          col.bool('has_approval_authority'),
          col.str('tags', 200, { default: "''" }),
          col.str('contact_person', 50, { default: "''" }),
          col.str('address', 200, { default: "''" }),
          col.str('phone', 30, { default: "''" }),
          col.str('fax', 30, { default: "''" }),
          col.str('postcode', 6, { default: "''" }),
          col.int('member_count', { default: '0' }),
          col.int('subtree_member_count', { default: '0' }),
          col.int('descendant_count', { default: '0' }),
          col.int('sort_order', { default: '0' }),
          col.ts('created_at'),
          col.ts('updated_at'),
        ],
        indices: [
          idx('idx_organizations_parent', ['parent_id']),
          idx('idx_organizations_path', ['path']),
          idx('idx_organizations_name', ['name']),
          idx('uq_organizations_code', ['code'], true),
        ],
        foreignKeys: [fk('fk_organizations_parent', 'parent_id', 'organizations')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'members',
        columns: [
          col.id(),
          col.str('name', 50),
          col.str('sex', 1),
          col.str('ethnicity', 10),
          col.date('birth_date'),
          col.str('id_number_enc', 120),
          col.str('id_number_hash', 64),
          col.str('id_number_masked', 18),
          col.str('phone', 11),
          col.str('education', 10),
          col.str('category', 12),
          col.date('joined_at'),
          col.date('probation_ends_at', { isNullable: true }),
          col.int('org_id'),
          col.str('org_path', 255),
          col.str('dues_paid_through', 7),
          col.str('post', 20, { isNullable: true }),
          col.bool('is_retired'),
          col.bool('is_mobile'),
          col.bool('is_graduate'),
          col.str('status', 16, { default: "'ACTIVE'" }),
          col.int('version', { default: '1' }),
          col.ts('created_at'),
          col.ts('updated_at'),
        ],
        indices: [
          idx('idx_members_org_path_id', ['org_path', 'id']),
          idx('idx_members_name_id', ['name', 'id']),
          idx('uq_members_id_number_hash', ['id_number_hash'], true),
          idx('uq_members_phone', ['phone'], true),
          idx('idx_members_org', ['org_id']),
        ],
        foreignKeys: [fk('fk_members_org', 'org_id', 'organizations')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'member_org_history',
        columns: [
          col.id(),
          col.int('member_id'),
          col.int('org_id'),
          col.date('from_date'),
          col.date('to_date', { isNullable: true }),
          col.int('transfer_id', { isNullable: true }),
        ],
        indices: [
          idx('idx_member_org_history_member', ['member_id', 'from_date']),
          idx('idx_member_org_history_org', ['org_id']),
        ],
        foreignKeys: [
          fk('fk_member_org_history_member', 'member_id', 'members', 'CASCADE'),
          fk('fk_member_org_history_org', 'org_id', 'organizations'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          col.id(),
          col.str('username', 64),
          col.str('password_hash', 255),
          col.str('display_name', 50),
          col.int('member_id', { isNullable: true }),
          col.int('failed_logins', { default: '0' }),
          col.ts('locked_until', { isNullable: true }),
          col.bool('disabled'),
          col.ts('password_changed_at', { isNullable: true }),
          col.ts('last_login_at', { isNullable: true }),
          col.ts('created_at'),
        ],
        indices: [idx('uq_users_username', ['username'], true), idx('uq_users_member', ['member_id'], true)],
        foreignKeys: [fk('fk_users_member', 'member_id', 'members', 'SET NULL')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'role_assignments',
        columns: [col.id(), col.int('user_id'), col.str('role', 20), col.int('org_id', { isNullable: true }), col.ts('created_at')],
        indices: [idx('uq_role_assignments', ['user_id', 'role', 'org_id'], true), idx('idx_role_assignments_org', ['org_id'])],
        foreignKeys: [
          fk('fk_role_assignments_user', 'user_id', 'users', 'CASCADE'),
          fk('fk_role_assignments_org', 'org_id', 'organizations'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          col.id(),
          col.int('user_id'),
          col.ts('created_at'),
          col.ts('last_used_at'),
          col.ts('expires_at'),
          col.ts('revoked_at', { isNullable: true }),
          col.str('revoked_reason', 32, { isNullable: true }),
          col.str('ip', 64, { default: "''" }),
          col.str('user_agent', 200, { default: "''" }),
        ],
        indices: [idx('idx_sessions_user', ['user_id'])],
        foreignKeys: [fk('fk_sessions_user', 'user_id', 'users', 'CASCADE')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          col.id(),
          col.int('session_id'),
          col.str('token_hash', 64),
          col.ts('created_at'),
          col.ts('expires_at'),
          col.ts('used_at', { isNullable: true }),
        ],
        indices: [idx('idx_refresh_tokens_session', ['session_id']), idx('uq_refresh_tokens_hash', ['token_hash'], true)],
        foreignKeys: [fk('fk_refresh_tokens_session', 'session_id', 'sessions', 'CASCADE')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          col.id(),
          col.ts('at'),
          col.int('actor_user_id', { isNullable: true }),
          col.str('actor_role', 20, { isNullable: true }),
          col.int('actor_org_id', { isNullable: true }),
          col.str('action', 48),
          col.str('target_type', 32),
          col.str('target_id', 64, { isNullable: true }),
          col.str('ip', 64, { default: "''" }),
          col.text('detail', { isNullable: true }),
        ],
        indices: [
          idx('idx_audit_log_target', ['target_type', 'target_id']),
          idx('idx_audit_log_at', ['at']),
          idx('idx_audit_log_actor', ['actor_user_id']),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_log', 'refresh_tokens', 'sessions', 'role_assignments', 'users', 'member_org_history', 'members', 'organizations']) {
      await q.dropTable(t);
    }
  }
}
