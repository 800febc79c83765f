import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, fk, idx } from './table-helpers';

/** Transfers, their timeline, introduction letters and in-app notifications (issue #3). */
export class Transfers1764400000000 implements MigrationInterface {
  name = 'Transfers1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const path = (name: string) => col.str(name, 255, { isNullable: true });
    const optInt = (name: string) => col.int(name, { isNullable: true });
    await q.createTable(
      new Table({
        name: 'transfers',
        columns: [
          col.id(),
          optInt('member_id'),
          optInt('open_member_id'),
          col.str('channel', 16),
          col.str('state', 20),
          col.int('version', { default: '1' }),
          col.str('reason', 12),
          col.str('reason_detail', 500, { default: "''" }),
          col.str('dues_paid_through', 7, { default: "''" }),
          col.str('phone', 11, { default: "''" }),
          optInt('source_org_id'),
          path('source_org_path'),
          optInt('source_committee_id'),
          path('source_committee_path'),
          optInt('issuer_org_id'),
          path('issuer_org_path'),
          col.bool('county_approval_required'),
          optInt('destination_org_id'),
          col.str('destination_name', 100, { default: "''" }),
          col.str('destination_region', 100, { isNullable: true }),
          col.str('destination_addressee', 100, { isNullable: true }),
          optInt('destination_committee_id'),
          path('destination_committee_path'),
          optInt('destination_branch_id'),
          path('destination_branch_path'),
          col.str('holder_kind', 10),
          optInt('holder_org_id'),
          path('holder_org_path'),
          col.ts('due_at', { isNullable: true }),
          col.ts('step_started_at'),
          col.ts('letter_valid_until', { isNullable: true }),
          col.text('return_note', { isNullable: true }),
          col.text('checklist', { isNullable: true }),
          col.str('incoming_letter_no', 50, { isNullable: true }),
          col.text('incoming_member', { isNullable: true }),
          optInt('created_by_user_id'),
          col.ts('created_at'),
          col.ts('updated_at'),
          col.ts('submitted_at', { isNullable: true }),
          col.ts('completed_at', { isNullable: true }),
        ],
        indices: [
          idx('idx_transfers_member', ['member_id']),
          idx('uq_transfers_open_member', ['open_member_id'], true),
          idx('idx_transfers_holder', ['holder_org_path', 'state']),
          idx('idx_transfers_source', ['source_org_path']),
          idx('idx_transfers_destination', ['destination_committee_path']),
          idx('idx_transfers_state_due', ['state', 'due_at']),
          idx('idx_transfers_state_valid', ['state', 'letter_valid_until']),
          idx('idx_transfers_updated', ['updated_at', 'id']),
        ],
        foreignKeys: [fk('fk_transfers_member', 'member_id', 'members')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'transfer_events',
        columns: [
          col.id(),
          col.int('transfer_id'),
          col.ts('at'),
          optInt('actor_user_id'),
          col.str('actor_name', 50),
          col.str('actor_role', 20, { isNullable: true }),
          optInt('actor_org_id'),
          col.str('action', 20),
          col.str('from_state', 20, { isNullable: true }),
          col.str('to_state', 20),
          col.str('comment', 1000, { isNullable: true }),
          col.text('detail', { isNullable: true }),
        ],
        indices: [idx('idx_transfer_events_transfer', ['transfer_id', 'id']), idx('idx_transfer_events_actor', ['actor_user_id', 'transfer_id'])],
        foreignKeys: [fk('fk_transfer_events_transfer', 'transfer_id', 'transfers', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'letters',
        columns: [
          col.id(),
          col.int('transfer_id'),
          col.str('serial', 48),
          col.str('token', 32),
          col.int('issuer_org_id'),
          col.ts('issued_at'),
          col.ts('valid_until'),
          col.int('validity_days'),
          col.str('status', 10),
          col.str('addressee', 100),
          col.str('reissue_of', 48, { isNullable: true }),
          col.text('snapshot'),
          optInt('issued_by_user_id'),
          col.ts('closed_at', { isNullable: true }),
        ],
        indices: [
          idx('idx_letters_transfer', ['transfer_id']),
          idx('uq_letters_serial', ['serial'], true),
          idx('uq_letters_token', ['token'], true),
        ],
        foreignKeys: [fk('fk_letters_transfer', 'transfer_id', 'transfers'), fk('fk_letters_issuer', 'issuer_org_id', 'organizations')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'letter_sequences',
        columns: [col.id(), col.int('issuer_org_id'), col.int('year'), col.int('last_value', { default: '0' })],
        indices: [idx('uq_letter_sequences', ['issuer_org_id', 'year'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'letter_prints',
        columns: [col.id(), col.int('letter_id'), optInt('user_id'), col.ts('at')],
        indices: [idx('idx_letter_prints_letter', ['letter_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          col.id(),
          col.int('user_id'),
          col.str('kind', 40),
          col.str('title', 200),
          col.str('body', 500, { default: "''" }),
          col.str('link', 200, { default: "''" }),
          col.str('dedupe_key', 100, { isNullable: true }),
          col.ts('read_at', { isNullable: true }),
          col.ts('created_at'),
        ],
        indices: [idx('idx_notifications_user', ['user_id', 'id']), idx('uq_notifications_dedupe', ['dedupe_key'], true)],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notifications', 'letter_prints', 'letter_sequences', 'letters', 'transfer_events', 'transfers']) await q.dropTable(t);
  }
}
