import { hoursToTenths, pathIds, requiredClassHours } from '@zhdj/shared';
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './table-helpers';

/**
 * The follow-up counts, per organisation and year, the members who have reached the year's class-hour requirement
 * (32, or 56 for cadres), kept beside the hours' sum like it. Existing databases get the counts from members' hours.
 */
export class StudyHoursMet1764840000000 implements MigrationInterface {
  name = 'StudyHoursMet1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('study_org_hours', new TableColumn(col.int('met', { default: '0' })));
    const rows: { year: number; tenths: number; org_path: string; post: string | null }[] = await q.query(
      `SELECT h.year, h.tenths, h.org_path, m.post FROM study_member_hours h JOIN members m ON m.id = h.member_id WHERE h.org_path <> ''`,
    );
    const met = new Map<string, number>();
    for (const r of rows) {
      if (Number(r.tenths) < hoursToTenths(requiredClassHours(r.post))) continue;
      for (const orgId of pathIds(r.org_path)) met.set(`${orgId}:${Number(r.year)}`, (met.get(`${orgId}:${Number(r.year)}`) ?? 0) + 1);
    }
    for (const [key, n] of met) {
      const [orgId, year] = key.split(':').map(Number);
      await q.query('UPDATE study_org_hours SET met = ? WHERE org_id = ? AND year = ?', [n, orgId, year]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('study_org_hours', 'met');
  }
}
