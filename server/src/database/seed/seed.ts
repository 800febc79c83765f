import { chinaYearMonth, type MemberPost } from '@zhdj/shared';
import { AuditService } from '../../audit/audit.service';
import { RoleAssignment } from '../../auth/entities/role-assignment.entity';
import { User } from '../../auth/entities/user.entity';
import { Db } from '../../common/database/db.service';
import { Organization } from '../../organizations/entities/organization.entity';
import type { MemberWriter, NewMember } from '../../members/member-writer';
import { planCounty, type PlannedOrg } from './county-plan';
import { DEMO_ACCOUNTS, UNSTAFFED_COMMITTEES } from './demo-accounts';
import { PeopleFactory } from './people';
import { seededFaker } from './rng';
import { seedTransfers, type DemoIds } from './transfer-seed';
import { reserveOpenSteps } from '../../transfers/transfer-serving';
import { seedBookings } from './booking-seed';
import { seedStudy } from './study-seed';
import type { IdNumberCipher } from '../../common/crypto/id-number-cipher';

export const SEED_RANDOM_SEED = 20_261_128;

export interface SeedOptions {
  scale: number;
  /** argon2 hash given to every seeded account (demo only): one hash computed once keeps the seed fast. */
  passwordHash: string;
  today?: Date;
  onProgress?: (done: number, total: number) => void;
  /** Called as each phase ends, with its duration: the seed's time is reported phase by phase. */
  onPhase?: (phase: string, seconds: number) => void;
}

export interface SeedResult {
  skipped: boolean;
  organizations: number;
  members: number;
  transfers: number;
}

const BATCH = 2000;

/**
 * Seeds the county demo into an empty database, in one transaction: a half-finished seed never remains. If any
 * organisation already exists, nothing is done (idempotent: a second start reuses the data).
 */
export async function seedCounty(db: Db, writer: MemberWriter, cipher: IdNumberCipher, audit: AuditService, options: SeedOptions): Promise<SeedResult> {
  if ((await db.em.count(Organization)) > 0) return { skipped: true, organizations: 0, members: 0, transfers: 0 };
  const f = seededFaker(SEED_RANDOM_SEED);
  const today = options.today ?? new Date();
  const plan = planCounty(f, options.scale);
  const people = new PeopleFactory(f, today);
  const total = plan.reduce((s, o) => s + o.members, 0);

  let phaseStarted = Date.now();
  const phase = <T>(name: string, value: T): T => {
    options.onPhase?.(name, (Date.now() - phaseStarted) / 1000);
    phaseStarted = Date.now();
    return value;
  };
  return db.tx(async (em) => {
    const orgs = phase('organisations', await insertOrganizations(em, plan));
    let done = 0;
    let batch: NewMember[] = [];
    const byKey = new Map(plan.map((p, i) => [p.key, orgs[i]]));
    for (const p of plan) {
      if (p.members === 0) continue;
      const org = byKey.get(p.key)!;
      for (let i = 0; i < p.members; i++) batch.push(people.member({ id: org.id, path: org.path, type: p.type }, postFor(i, p.members)));
      if (batch.length >= BATCH) {
        await writer.insert(em, batch, options.passwordHash);
        done += batch.length;
        batch = [];
        options.onProgress?.(done, total);
      }
    }
    if (batch.length) await writer.insert(em, batch, options.passwordHash);
    options.onProgress?.(total, total);
    phase('members', null);
    const demo = await createDemoAccounts(em, orgs, options.passwordHash, today);
    const transfers = phase('transfers', await seedTransfers(em, f, people, writer, cipher, options.scale, demo, today));
    await creditDemoAdministrators(em);
    // Each open step served as the demo's administrators stand.
    await reserveOpenSteps((sql, params) => em.query(sql, params));
    const bookings = phase('bookings', await seedBookings(em, f, today, demo.committeeId));
    const study = phase('study', await seedStudy(db, em, f, today, demo.memberId));
    await audit.record(em, null, { action: 'seed.run', targetType: 'system', detail: { scale: options.scale, organizations: orgs.length, members: total, transfers, ...bookings, study } });
    return { skipped: false, organizations: orgs.length, members: total, transfers };
  });
}

/** The first member of a branch is its secretary; larger branches get a deputy and committee members. */
function postFor(i: number, size: number): MemberPost | null {
  if (i === 0) return 'SECRETARY';
  if (i === 1 && size >= 15) return 'DEPUTY_SECRETARY';
  if (size >= 7 && i <= (size >= 15 ? 4 : 3)) return 'COMMITTEE_MEMBER';
  return null;
}

/** Ids are assigned here (1, 2, …) so every path is known before the first insert. */
async function insertOrganizations(em: Db['em'], plan: PlannedOrg[]): Promise<Organization[]> {
  const now = new Date();
  const idOf = new Map(plan.map((p, i) => [p.key, i + 1]));
  const orgs: Organization[] = [];
  const byKey = new Map<number, Organization>();
  for (const p of plan) {
    const parent = p.parentKey === null ? null : byKey.get(p.parentKey)!;
    const id = idOf.get(p.key)!;
    const org = Object.assign(new Organization(), {
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      level: p.level,
      type: p.type,
      name: p.name,
      shortName: p.shortName.slice(0, 50),
      code: p.code,
      hasApprovalAuthority: p.hasApprovalAuthority,
      tags: p.tags,
      contactPerson: p.contactPerson,
      address: p.address,
      phone: p.phone,
      fax: p.fax,
      postcode: p.postcode,
      memberCount: 0,
      subtreeMemberCount: 0,
      descendantCount: 0,
      sortOrder: orgs.length,
      createdAt: now,
      updatedAt: now,
    });
    byKey.set(p.key, org);
    orgs.push(org);
  }
  // Descendant counts are known from the plan; member counts are added as members are written.
  for (const o of orgs) {
    for (const ancestorId of o.path.split('/').filter(Boolean).map(Number).slice(0, -1)) orgs[ancestorId - 1].descendantCount++;
  }
  for (let i = 0; i < orgs.length; i += 300) {
    await em.createQueryBuilder().insert().into(Organization).values(orgs.slice(i, i + 300)).updateEntity(false).execute();
  }
  return orgs;
}

/**
 * The seeded steps are written by name (新沂市委管理员, as the demo account is called). Those taken at a demo
 * administrator's organisation in their role become that account's own, so their 已办 list holds the history their
 * timelines show instead of nothing.
 */
async function creditDemoAdministrators(em: Db['em']): Promise<void> {
  await em.query(
    `UPDATE transfer_events SET actor_user_id = (
        SELECT MIN(u.id) FROM users u JOIN role_assignments r ON r.user_id = u.id
         WHERE r.org_id = transfer_events.actor_org_id AND r.role = transfer_events.actor_role AND u.display_name = transfer_events.actor_name)
      WHERE actor_user_id IS NULL AND actor_org_id IS NOT NULL`,
  );
}

async function createDemoAccounts(em: Db['em'], orgs: Organization[], passwordHash: string, now: Date): Promise<DemoIds> {
  const root = orgs[0];
  const committee = orgs.find((o) => o.level === 'COMMITTEE' && o.shortName.startsWith('新安街道'))!;
  // A community branch of a good size (not the committee's own office branch).
  const communityBranch = (c: Organization) => orgs.find((o) => o.level === 'BRANCH' && o.path.startsWith(c.path) && o.shortName.includes('社区') && !o.shortName.includes('机关'))!;
  const branch = communityBranch(committee);
  // A second committee and one of its branches, so that an in-county transfer can be followed to the receiving end.
  const committee2 = orgs.find((o) => o.level === 'COMMITTEE' && o.shortName.startsWith('北沟街道'))!;
  const branch2 = communityBranch(committee2);
  const [member] = await em.query(
    `SELECT id FROM members WHERE org_id = ? AND post IS NULL AND category = 'FULL' AND is_retired = ? ORDER BY id LIMIT 1`,
    [branch.id, false],
  );
  // Paid up to this month, whatever the generator drew for them: the demo's first transfer starts from a clean record
  // (the journeys' pre-review expects no flag), and a look at the member app should not open on arrears.
  await em.query('UPDATE members SET dues_paid_through = ? WHERE id = ?', [chinaYearMonth(now), Number(member.id)]);
  const account = (username: string, displayName: string) => ({
    username,
    passwordHash,
    displayName,
    memberId: null,
    failedLogins: 0,
    lockedUntil: null,
    disabled: false,
    passwordChangedAt: now,
    lastLoginAt: null,
    createdAt: now,
  });
  const scopes: Record<string, Organization> = { admin: root, committee, branch, committee2, branch2 };
  for (const a of DEMO_ACCOUNTS) {
    if (a.role === 'MEMBER') {
      // The demo member logs in as "member" rather than by their mobile number.
      await em.update(User, { memberId: Number(member.id) }, { username: a.username });
      continue;
    }
    const org = scopes[a.username];
    const user = await em.save(User, account(a.username, `${org.shortName}管理员`));
    await em.insert(RoleAssignment, { userId: user.id, role: a.role, orgId: org.id, createdAt: now });
  }
  // Every other town, street and system committee has its administrator too (named by its code: xy-05), as in a county
  // on the platform — but those just joining (UNSTAFFED_COMMITTEES), whose steps the county serves in their stead.
  const staffed = new Set(Object.values(scopes).map((o) => o.id));
  for (const c of orgs.filter((o) => o.level === 'COMMITTEE' && o.depth === 1 && !staffed.has(o.id) && !UNSTAFFED_COMMITTEES.includes(o.shortName))) {
    const user = await em.save(User, account(c.code.toLowerCase(), `${c.shortName}管理员`));
    await em.insert(RoleAssignment, { userId: user.id, role: 'COMMITTEE_ADMIN', orgId: c.id, createdAt: now });
  }
  return { committeeId: committee.id, branchId: branch.id, memberId: Number(member.id) };
}
