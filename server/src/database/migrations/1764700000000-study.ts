import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, fk, idx } from './table-helpers';

/**
 * Tailored study (issue #5): the catalogue (modules, question banks, tracks), assignments and enrolments, progress
 * and quiz attempts, and the counter rows that let the follow-up read a subtree's figures without scanning
 * enrolments or progress.
 */
export class Study1764700000000 implements MigrationInterface {
  name = 'Study1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'study_modules',
        columns: [
          col.id(),
          col.str('kind', 8),
          col.str('title', 100),
          col.str('summary', 500, { default: "''" }),
          col.str('tags', 250, { default: "''" }),
          col.str('need', 16),
          col.int('class_tenths'),
          col.bool('published'),
          col.text('body', { isNullable: true }),
          col.int('min_read_seconds', { default: '0' }),
          col.str('video_url', 500, { isNullable: true }),
          col.int('duration_seconds', { default: '0' }),
          col.int('questions_per_attempt', { default: '0' }),
          col.int('pass_percent', { default: '0' }),
          col.int('attempts_allowed', { default: '0' }),
          col.int('time_limit_seconds', { default: '0' }),
          col.bool('show_answers'),
          col.int('version', { default: '1' }),
          col.int('created_by_user_id', { isNullable: true }),
          col.ts('created_at'),
          col.ts('updated_at'),
        ],
        indices: [idx('idx_study_modules_kind', ['kind', 'id']), idx('idx_study_modules_need', ['need', 'id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'quiz_questions',
        columns: [
          col.id(),
          col.int('module_id'),
          col.str('kind', 12),
          col.str('stem', 500),
          col.text('options'),
          col.str('answer', 40),
          col.str('explanation', 1000, { default: "''" }),
          col.bool('active', { default: '1' }),
          col.ts('created_at'),
          col.ts('updated_at'),
        ],
        indices: [idx('idx_quiz_questions_module', ['module_id', 'id'])],
        foreignKeys: [fk('fk_quiz_questions_module', 'module_id', 'study_modules', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'study_tracks',
        columns: [
          col.id(),
          col.str('title', 100),
          col.str('description', 1000, { default: "''" }),
          col.int('year'),
          col.text('audience'),
          col.str('needs', 200, { default: "''" }),
          col.bool('published'),
          col.int('version', { default: '1' }),
          col.int('created_by_user_id', { isNullable: true }),
          col.ts('created_at'),
          col.ts('updated_at'),
        ],
        indices: [idx('idx_study_tracks_year', ['year', 'id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'track_modules',
        columns: [col.id(), col.int('track_id'), col.int('module_id'), col.int('position'), col.bool('required', { default: '1' })],
        indices: [idx('uq_track_modules', ['track_id', 'module_id'], true), idx('idx_track_modules_module', ['module_id'])],
        foreignKeys: [fk('fk_track_modules_track', 'track_id', 'study_tracks', 'CASCADE'), fk('fk_track_modules_module', 'module_id', 'study_modules')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'study_assignments',
        columns: [
          col.id(),
          col.int('track_id'),
          col.int('org_id'),
          col.str('org_path', 255),
          col.int('year'),
          col.date('starts_on'),
          col.date('due_on'),
          col.str('status', 10, { default: "'ACTIVE'" }),
          col.int('assigned_by_user_id', { isNullable: true }),
          col.int('version', { default: '1' }),
          col.ts('created_at'),
          col.ts('updated_at'),
        ],
        indices: [
          idx('idx_study_assignments_org_path', ['org_path']),
          idx('idx_study_assignments_track', ['track_id']),
          idx('idx_study_assignments_due', ['due_on']),
        ],
        foreignKeys: [fk('fk_study_assignments_track', 'track_id', 'study_tracks'), fk('fk_study_assignments_org', 'org_id', 'organizations')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'study_enrolments',
        columns: [
          col.id(),
          col.int('assignment_id'),
          col.int('track_id'),
          col.int('member_id'),
          col.int('org_id'),
          col.str('org_path', 255),
          col.bool('active', { default: '1' }),
          col.ts('enrolled_at'),
          col.ts('left_at', { isNullable: true }),
          col.ts('completed_at', { isNullable: true }),
        ],
        indices: [
          idx('uq_study_enrolments', ['assignment_id', 'member_id'], true),
          idx('idx_study_enrolments_member', ['member_id', 'active']),
          idx('idx_study_enrolments_org', ['org_id', 'member_id']),
        ],
        foreignKeys: [
          fk('fk_study_enrolments_assignment', 'assignment_id', 'study_assignments', 'CASCADE'),
          fk('fk_study_enrolments_member', 'member_id', 'members', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'study_progress',
        columns: [
          col.id(),
          col.int('member_id'),
          col.int('module_id'),
          col.int('year'),
          col.str('status', 12),
          col.ts('started_at', { isNullable: true }),
          col.ts('completed_at', { isNullable: true }),
          col.ts('last_report_at', { isNullable: true }),
          col.int('position_seconds', { default: '0' }),
          col.int('covered_seconds', { default: '0' }),
          col.text('intervals', { isNullable: true }),
          col.int('attempts_used', { default: '0' }),
          col.int('best_score', { isNullable: true }),
          col.int('hours_tenths', { default: '0' }),
          col.int('version', { default: '1' }),
          col.ts('updated_at'),
        ],
        indices: [idx('uq_study_progress', ['member_id', 'module_id', 'year'], true), idx('idx_study_progress_module', ['module_id', 'status'])],
        foreignKeys: [
          fk('fk_study_progress_member', 'member_id', 'members', 'CASCADE'),
          fk('fk_study_progress_module', 'module_id', 'study_modules', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'quiz_attempts',
        columns: [
          col.id(),
          col.int('member_id'),
          col.int('module_id'),
          col.int('year'),
          col.text('question_ids'),
          col.ts('started_at'),
          col.ts('deadline_at', { isNullable: true }),
          col.str('status', 10),
          col.str('open_key', 40, { isNullable: true }),
          col.ts('submitted_at', { isNullable: true }),
          col.text('answers', { isNullable: true }),
          col.int('correct', { isNullable: true }),
          col.int('total'),
          col.int('score', { isNullable: true }),
          col.bool('passed'),
        ],
        indices: [idx('idx_quiz_attempts_member', ['member_id', 'module_id']), idx('uq_quiz_attempts_open', ['open_key'], true)],
        foreignKeys: [
          fk('fk_quiz_attempts_member', 'member_id', 'members', 'CASCADE'),
          fk('fk_quiz_attempts_module', 'module_id', 'study_modules', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'study_member_hours',
        columns: [col.id(), col.int('member_id'), col.int('year'), col.int('tenths', { default: '0' }), col.str('org_path', 255, { default: "''" })],
        indices: [idx('uq_study_member_hours', ['member_id', 'year'], true)],
        foreignKeys: [fk('fk_study_member_hours_member', 'member_id', 'members', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'study_org_counters',
        columns: [col.id(), col.int('org_id'), col.int('assignment_id'), col.int('enrolled', { default: '0' }), col.int('completed', { default: '0' })],
        indices: [idx('uq_study_org_counters', ['org_id', 'assignment_id'], true), idx('idx_study_org_counters_assignment', ['assignment_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'study_org_hours',
        columns: [col.id(), col.int('org_id'), col.int('year'), col.int('tenths', { default: '0' })],
        indices: [idx('uq_study_org_hours', ['org_id', 'year'], true)],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'study_org_hours',
      'study_org_counters',
      'study_member_hours',
      'quiz_attempts',
      'study_progress',
      'study_enrolments',
      'study_assignments',
      'track_modules',
      'study_tracks',
      'quiz_questions',
      'study_modules',
    ]) {
      await q.dropTable(t);
    }
  }
}
