import type { EntityManager } from 'typeorm';
import { shanghaiDate } from '../common/calendar/china-calendar';
import { audienceSql, parseAudience } from './audience-sql';

/**
 * "Every required module of the enrolment's track is complete, in the assignment's year or later", as a condition
 * correlated with the `study_enrolments` row being updated.
 */
export const REQUIRED_DONE = `NOT EXISTS (
  SELECT 1 FROM track_modules tm WHERE tm.track_id = study_enrolments.track_id AND tm.required = 1
     AND NOT EXISTS (SELECT 1 FROM study_progress p WHERE p.member_id = study_enrolments.member_id AND p.module_id = tm.module_id
                        AND p.status = 'COMPLETED' AND p.year >= (SELECT a.year FROM study_assignments a WHERE a.id = study_enrolments.assignment_id)))`;

/** When the enrolment's member completed the last of its track's required modules (counting this year's and later). */
export const LAST_REQUIRED_DONE_AT = `(
  SELECT MAX(p.completed_at) FROM track_modules tm JOIN study_progress p ON p.module_id = tm.module_id AND p.member_id = study_enrolments.member_id
   WHERE tm.track_id = study_enrolments.track_id AND tm.required = 1 AND p.status = 'COMPLETED'
     AND p.year >= (SELECT a.year FROM study_assignments a WHERE a.id = study_enrolments.assignment_id))`;

/** Enrols every member of an assignment's subtree whom the track's audience matches, in one INSERT … SELECT. */
export async function insertSubtreeEnrolments(em: EntityManager, a: { id: number; trackId: number; orgPath: string }, audienceJson: string, now: Date): Promise<void> {
  const cond = audienceSql(parseAudience(audienceJson), shanghaiDate(now));
  await em.query(
    `INSERT INTO study_enrolments (assignment_id, track_id, member_id, org_id, org_path, active, enrolled_at)
     SELECT ?, ?, m.id, m.org_id, m.org_path, 1, ? FROM members m JOIN organizations o ON o.id = m.org_id
      WHERE m.org_path LIKE ? AND m.status <> 'TRANSFERRED_OUT' AND ${cond.sql}`,
    [a.id, a.trackId, now, a.orgPath + '%', ...cond.params],
  );
}
