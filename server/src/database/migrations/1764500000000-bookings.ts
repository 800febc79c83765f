import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, fk, idx } from './table-helpers';

/** Service centres, their closures, bookable slots and bookings (issue #4). */
export class Bookings1764500000000 implements MigrationInterface {
  name = 'Bookings1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'service_centers',
        columns: [
          col.id(),
          col.int('org_id'),
          col.str('org_path', 255),
          col.str('name', 100),
          col.str('address', 200, { default: "''" }),
          col.str('phone', 30, { default: "''" }),
          col.text('weekly_hours'),
          col.int('slot_minutes', { default: '30' }),
          col.int('capacity', { default: '2' }),
          col.int('horizon_days', { default: '14' }),
          col.int('min_notice_minutes', { default: '120' }),
          col.int('cancel_cutoff_minutes', { default: '60' }),
          col.bool('accepts_proxy', { default: '1' }),
          col.bool('active', { default: '1' }),
          col.int('version', { default: '1' }),
          col.ts('created_at'),
          col.ts('updated_at'),
        ],
        indices: [idx('idx_service_centers_org', ['org_id'])],
        foreignKeys: [fk('fk_service_centers_org', 'org_id', 'organizations')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'center_closures',
        columns: [col.id(), col.int('center_id'), col.date('from_date'), col.date('to_date'), col.str('reason', 200), col.int('created_by_user_id', { isNullable: true }), col.ts('created_at')],
        indices: [idx('idx_center_closures_center', ['center_id', 'from_date'])],
        foreignKeys: [fk('fk_center_closures_center', 'center_id', 'service_centers', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'booking_slots',
        columns: [col.id(), col.int('center_id'), col.ts('start_at'), col.ts('end_at'), col.int('capacity'), col.int('booked', { default: '0' })],
        indices: [idx('uq_booking_slots', ['center_id', 'start_at'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'bookings',
        columns: [
          col.id(),
          col.int('center_id'),
          col.int('slot_id'),
          col.int('member_id'),
          col.int('user_id'),
          col.ts('start_at'),
          col.ts('end_at'),
          col.str('purpose', 20),
          col.str('status', 10),
          col.str('check_in_code', 8),
          col.int('transfer_id', { isNullable: true }),
          col.int('active_member_id', { isNullable: true }),
          col.int('active_transfer_id', { isNullable: true }),
          col.str('idempotency_key', 64, { isNullable: true }),
          col.str('note', 300, { default: "''" }),
          col.str('proxy_name', 50, { isNullable: true }),
          col.str('cancel_reason', 200, { isNullable: true }),
          col.int('version', { default: '1' }),
          col.ts('created_at'),
          col.ts('updated_at'),
          col.ts('attended_at', { isNullable: true }),
        ],
        indices: [
          idx('idx_bookings_center_start', ['center_id', 'start_at']),
          idx('idx_bookings_member_start', ['member_id', 'start_at']),
          idx('uq_bookings_member_slot', ['active_member_id', 'start_at'], true),
          idx('uq_bookings_transfer_purpose', ['active_transfer_id', 'purpose'], true),
          idx('uq_bookings_idempotency', ['user_id', 'idempotency_key'], true),
          idx('uq_bookings_code', ['center_id', 'check_in_code'], true),
        ],
        foreignKeys: [fk('fk_bookings_center', 'center_id', 'service_centers'), fk('fk_bookings_member', 'member_id', 'members')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['bookings', 'booking_slots', 'center_closures', 'service_centers']) await q.dropTable(t);
  }
}
