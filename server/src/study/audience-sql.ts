import { AUDIENCE_GROUPS, CADRE_POSTS, ORG_TYPES, STUDY_NEEDS, youthBornAfter, type AudienceGroup, type TrackAudience } from '@zhdj/shared';

/**
 * The SQL twin of `matchesAudience` (shared/src/study/study-rules.ts) over `members m JOIN organizations o ON o.id =
 * m.org_id` (o is the member's branch): used where a whole subtree is matched in one statement (preview, bulk
 * enrolment). The spec beside this file checks the two agree.
 */
export function audienceSql(audience: TrackAudience, today: string): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (audience.orgTypes.length) {
    parts.push(`o.type IN (${audience.orgTypes.map(() => '?').join(',')})`);
    params.push(...audience.orgTypes);
  }
  if (audience.groups.length) {
    const any = audience.groups.map((g) => groupSql(g, today, params));
    parts.push(`(${any.join(' OR ')})`);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
}

function groupSql(group: AudienceGroup, today: string, params: unknown[]): string {
  switch (group) {
    case 'PROBATIONARY':
      return `m.category = 'PROBATIONARY'`;
    case 'YOUTH':
      params.push(youthBornAfter(today));
      return 'm.birth_date > ?';
    case 'MOBILE':
      return 'm.is_mobile = 1';
    case 'RETIRED':
      return 'm.is_retired = 1';
    case 'CADRES':
      return `m.post IN (${CADRE_POSTS.map((p) => `'${p}'`).join(',')})`;
    case 'GRADUATE':
      return 'm.is_graduate = 1';
  }
}

/** Reads a stored audience defensively: unknown values are dropped, so a stale row never breaks a query. */
export function parseAudience(json: string): TrackAudience {
  let raw: Partial<Record<keyof TrackAudience, unknown>> = {};
  try {
    raw = JSON.parse(json) as typeof raw;
  } catch {
    raw = {};
  }
  const pickFrom = <T extends string>(values: unknown, allowed: readonly T[]): T[] =>
    Array.isArray(values) ? [...new Set(values.filter((v): v is T => allowed.includes(v as T)))] : [];
  return { orgTypes: pickFrom(raw.orgTypes, ORG_TYPES), groups: pickFrom(raw.groups, AUDIENCE_GROUPS), needs: pickFrom(raw.needs, STUDY_NEEDS) };
}
