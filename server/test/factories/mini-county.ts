import type { INestApplicationContext } from '@nestjs/common';
import { chinaYearMonth, idCheckChar, type OrgLevel, type OrgType, type Role } from '@zhdj/shared';
import { RoleAssignment } from '../../src/auth/entities/role-assignment.entity';
import { User } from '../../src/auth/entities/user.entity';
import { PasswordService } from '../../src/auth/password.service';
import { Db } from '../../src/common/database/db.service';
import { MemberWriter, type NewMember } from '../../src/members/member-writer';
import { Organization } from '../../src/organizations/entities/organization.entity';

export const FIXTURE_PASSWORD = 'Fixture-pass-2026';

export interface MiniCounty {
  password: string;
  orgs: Record<'root' | 'committeeA' | 'branchA1' | 'branchA2' | 'generalA' | 'branchAG1' | 'committeeB' | 'branchB1', Organization>;
  /** Member ids by fixture name. */
  members: Record<string, number>;
  users: Record<string, number>;
}

let idSeq = 0;
/** A valid, unique ID number (region 320399, assigned to no district) for a birth date and sex. */
export function fakeIdNumber(birthDate: string, sex: 'M' | 'F'): string {
  idSeq += 2;
  const seq = (idSeq % 998) + (sex === 'M' ? 1 : 0);
  const first17 = '320399' + birthDate.replaceAll('-', '') + String(seq).padStart(3, '0');
  return first17 + idCheckChar(first17);
}

let phoneSeq = 0;
export const fakePhone = () => `139${String(10_000_000 + ++phoneSeq * 7919).slice(-8)}`;

export function memberInput(name: string, org: Organization, overrides: Partial<NewMember> = {}): NewMember {
  const sex = overrides.sex ?? 'M';
  const birthDate = overrides.birthDate ?? '1985-06-15';
  return {
    name,
    sex,
    ethnicity: '汉族',
    birthDate,
    idNumber: overrides.idNumber ?? fakeIdNumber(birthDate, sex),
    phone: fakePhone(),
    education: 'BACHELOR',
    category: 'FULL',
    joinedAt: '2010-07-01',
    probationEndsAt: null,
    orgId: org.id,
    orgPath: org.path,
    duesPaidThrough: chinaYearMonth(), // Xinyi's month: for eight hours of a month's last day UTC is still in it
    post: null,
    isRetired: false,
    isMobile: false,
    isGraduate: false,
    ...overrides,
  };
}

/**
 * A small county for HTTP tests:
 *   root (county) ─┬─ committeeA (authority) ─┬─ branchA1, branchA2
 *                  │                          └─ generalA ── branchAG1
 *                  └─ committeeB (authority) ── branchB1
 * Accounts: county, committeeA, branchA1 (admins), memberA1 (a member of branchA1), committeeB, sysadmin.
 */
export async function buildMiniCounty(app: INestApplicationContext): Promise<MiniCounty> {
  const db = app.get(Db);
  const writer = app.get(MemberWriter);
  const passwordHash = await app.get(PasswordService).hash(FIXTURE_PASSWORD);
  return db.tx(async (em) => {
    const now = new Date();
    const mk = async (key: string, parent: Organization | null, level: OrgLevel, type: OrgType, authority = false) => {
      const o = em.create(Organization, {
        parentId: parent?.id ?? null,
        path: 'pending',
        depth: parent ? parent.depth + 1 : 0,
        level,
        type,
        name: `中共测试${key}委员会`,
        shortName: `测试${key}`,
        code: `T-${key}`,
        hasApprovalAuthority: authority,
        tags: '',
        contactPerson: '联系人',
        address: '测试地址',
        phone: '0516-88000000',
        fax: '',
        postcode: '221400',
        memberCount: 0,
        subtreeMemberCount: 0,
        descendantCount: 0,
        sortOrder: 0,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(Organization, o);
      o.path = `${parent?.path ?? '/'}${o.id}/`;
      await em.update(Organization, { id: o.id }, { path: o.path });
      const ancestors = o.path.split('/').filter(Boolean).map(Number).slice(0, -1);
      if (ancestors.length) await em.query(`UPDATE organizations SET descendant_count = descendant_count + 1 WHERE id IN (${ancestors.join(',')})`);
      return o;
    };
    const root = await mk('root', null, 'COUNTY_COMMITTEE', 'ORGAN', true);
    const committeeA = await mk('committeeA', root, 'COMMITTEE', 'COMMUNITY', true);
    const branchA1 = await mk('branchA1', committeeA, 'BRANCH', 'COMMUNITY');
    const branchA2 = await mk('branchA2', committeeA, 'BRANCH', 'COMMUNITY');
    const generalA = await mk('generalA', committeeA, 'GENERAL_BRANCH', 'COMMUNITY');
    const branchAG1 = await mk('branchAG1', generalA, 'BRANCH', 'COMMUNITY');
    const committeeB = await mk('committeeB', root, 'COMMITTEE', 'RURAL', true);
    const branchB1 = await mk('branchB1', committeeB, 'BRANCH', 'RURAL');
    const orgs = { root, committeeA, branchA1, branchA2, generalA, branchAG1, committeeB, branchB1 };

    const people: [string, Organization, Partial<NewMember>?][] = [
      ['memberA1', branchA1],
      ['secretaryA1', branchA1, { post: 'SECRETARY' }],
      ['probationaryA1', branchA1, { category: 'PROBATIONARY', joinedAt: '2026-03-01', probationEndsAt: '2027-03-01', sex: 'F', birthDate: '2000-02-29' }],
      ['memberA2', branchA2],
      ['memberAG1', branchAG1],
      ['memberB1', branchB1],
      ['retiredB1', branchB1, { isRetired: true, birthDate: '1950-01-01' }],
    ];
    const ids = await writer.insert(
      em,
      people.map(([name, org, o]) => memberInput(name, org, o)),
      passwordHash,
    );
    const members = Object.fromEntries(people.map(([name], i) => [name, ids[i]]));
    const users: Record<string, number> = {};
    // The member fixture logs in by name; other members keep their mobile-number usernames.
    await em.update(User, { memberId: members.memberA1 }, { username: 'memberA1' });
    await em.update(User, { memberId: members.memberB1 }, { username: 'memberB1' });
    for (const name of ['memberA1', 'memberB1']) users[name] = (await em.findOneByOrFail(User, { username: name })).id;
    const admins: [string, Role, Organization | null][] = [
      ['county', 'COUNTY_ADMIN', root],
      ['committeeA', 'COMMITTEE_ADMIN', committeeA],
      ['branchA1', 'BRANCH_ADMIN', branchA1],
      ['committeeB', 'COMMITTEE_ADMIN', committeeB],
      ['sysadmin', 'SYSTEM_ADMIN', null],
    ];
    for (const [username, role, org] of admins) {
      const u = await em.save(User, {
        username,
        passwordHash,
        displayName: username,
        memberId: null,
        failedLogins: 0,
        lockedUntil: null,
        disabled: false,
        passwordChangedAt: now,
        lastLoginAt: null,
        createdAt: now,
      });
      await em.insert(RoleAssignment, { userId: u.id, role, orgId: org?.id ?? null, createdAt: now });
      users[username] = u.id;
    }
    return { password: FIXTURE_PASSWORD, orgs, members, users };
  });
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
const GIVEN = ['小明', '建国', '秀英', '海峰', '丽', '志强', '小红', '国庆', '敏'];

/** Adds `count` plausible members to a branch (names cycle through common Chinese names); returns their ids. */
export async function addMembers(app: INestApplicationContext, org: Organization, count: number, vary: (i: number) => Partial<NewMember> = () => ({})): Promise<number[]> {
  const db = app.get(Db);
  const writer = app.get(MemberWriter);
  const fresh = await db.em.findOneByOrFail(Organization, { id: org.id });
  const input = Array.from({ length: count }, (_, i) =>
    memberInput(SURNAMES[i % SURNAMES.length] + GIVEN[(i * 5) % GIVEN.length], fresh, { birthDate: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, sex: i % 3 ? 'M' : 'F', ...vary(i) }),
  );
  return db.tx((em) => writer.insert(em, input));
}
