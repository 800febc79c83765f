import Database from 'better-sqlite3';
import { AUDIENCE_GROUPS, ORG_TYPES, matchesAudience, type AudienceGroup, type OrgType, type TrackAudience } from '@zhdj/shared';
import { describe, expect, it } from 'vitest';
import { audienceSql, parseAudience } from './audience-sql';

/** A deterministic spread of members over every group and org type, to check the SQL against the rule. */
function population() {
  const out = [];
  let i = 0;
  for (const type of ORG_TYPES) {
    for (const birthDate of ['1950-03-01', '1985-07-15', '1991-11-28', '1991-11-29', '2001-02-28']) {
      for (const category of ['FULL', 'PROBATIONARY']) {
        for (const post of [null, 'SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER']) {
          i++;
          out.push({ id: i, type, birthDate, category, post, isRetired: i % 3 === 0, isMobile: i % 5 === 0, isGraduate: i % 7 === 0 });
        }
      }
    }
  }
  return out;
}

describe('audience SQL', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE organizations (id INTEGER PRIMARY KEY, type TEXT);
           CREATE TABLE members (id INTEGER PRIMARY KEY, org_id INTEGER, birth_date TEXT, category TEXT, post TEXT, is_retired INTEGER, is_mobile INTEGER, is_graduate INTEGER);`);
  const people = population();
  const orgIds = new Map(ORG_TYPES.map((t, k) => [t, k + 1]));
  for (const [t, id] of orgIds) db.prepare('INSERT INTO organizations VALUES (?, ?)').run(id, t);
  const ins = db.prepare('INSERT INTO members VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const p of people) ins.run(p.id, orgIds.get(p.type as OrgType), p.birthDate, p.category, p.post, +p.isRetired, +p.isMobile, +p.isGraduate);
  const today = '2026-11-28';

  const audiences: TrackAudience[] = [
    { orgTypes: [], groups: [], needs: [] },
    { orgTypes: ['RURAL'], groups: [], needs: ['SKILLS'] },
    { orgTypes: ['COMMUNITY', 'SCHOOL'], groups: ['YOUTH'], needs: [] },
    ...AUDIENCE_GROUPS.map((g) => ({ orgTypes: [], groups: [g as AudienceGroup], needs: [] })),
    { orgTypes: ['ORGAN', 'INSTITUTION'], groups: ['CADRES', 'PROBATIONARY', 'MOBILE'], needs: ['POLICY'] },
    { orgTypes: [], groups: ['RETIRED', 'GRADUATE'], needs: [] },
  ];

  it.each(audiences.map((a) => [JSON.stringify(a), a] as const))('selects exactly the members the rule matches: %s', (_, audience) => {
    const { sql, params } = audienceSql(audience, today);
    const got = (db.prepare(`SELECT m.id FROM members m JOIN organizations o ON o.id = m.org_id WHERE ${sql} ORDER BY m.id`).all(...(params as string[])) as { id: number }[]).map((r) => r.id);
    const want = people.filter((p) => matchesAudience(p, p.type as OrgType, audience, today)).map((p) => p.id);
    expect(got).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
  });

  it('reads a stored audience, dropping values it does not know', () => {
    expect(parseAudience('{"orgTypes":["RURAL","MARS"],"groups":["YOUTH","YOUTH"],"needs":["POLICY",3]}')).toEqual({ orgTypes: ['RURAL'], groups: ['YOUTH'], needs: ['POLICY'] });
    expect(parseAudience('not json')).toEqual({ orgTypes: [], groups: [], needs: [] });
  });
});
