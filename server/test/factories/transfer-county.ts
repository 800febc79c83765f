import type { OrgLevel, OrgType, Role } from '@zhdj/shared';
import { User } from '../../src/auth/entities/user.entity';
import { PasswordService } from '../../src/auth/password.service';
import { Db } from '../../src/common/database/db.service';
import { MemberWriter, type NewMember } from '../../src/members/member-writer';
import { Organization } from '../../src/organizations/entities/organization.entity';
import type { TestApp } from '../support/test-app';
import { memberInput } from './mini-county';
import { appointAdministrator } from '../../src/auth/appoint-administrator';
import { AuditService } from '../../src/audit/audit.service';

/**
 * Additions to the mini county that transfer tests need, kept out of the shared factory:
 *   committeeA ── villageA (a village committee WITHOUT approval authority) ── branchV1
 * and the accounts `villageA` (its committee admin) and `branchB1` (branch admin of branchB1, the destination branch).
 */
export interface TransferCounty {
  villageA: Organization;
  branchV1: Organization;
}

export async function extendForTransfers(t: TestApp): Promise<TransferCounty> {
  const { committeeA, branchB1 } = t.county.orgs;
  const villageA = await addOrg(t, 'villageA', committeeA, 'COMMITTEE', 'RURAL', false);
  const branchV1 = await addOrg(t, 'branchV1', villageA, 'BRANCH', 'RURAL', false);
  await addAdmin(t, 'villageA', 'COMMITTEE_ADMIN', villageA);
  await addAdmin(t, 'branchB1', 'BRANCH_ADMIN', branchB1);
  return { villageA, branchV1 };
}

/** An administrator account (the fixture password) holding `role` over `org`; returns the user's id. */
/** An administrator appointed as the create-admin command appoints one (appointAdministrator). */
export async function addAdmin(t: TestApp, username: string, role: Role, org: Organization): Promise<number> {
  const passwordHash = await t.app.get(PasswordService).hash(t.county.password);
  const id = await t.app.get(Db).tx((em) => appointAdministrator(em, t.app.get(AuditService), { username, passwordHash, displayName: username, role, org, via: 'test' }));
  t.county.users[username] = id;
  return id;
}

export async function addOrg(t: TestApp, key: string, parent: Organization, level: OrgLevel, type: OrgType, authority: boolean): Promise<Organization> {
  return t.app.get(Db).tx(async (em) => {
    const now = new Date();
    const o = em.create(Organization, {
      parentId: parent.id,
      path: 'pending',
      depth: parent.depth + 1,
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
    o.path = `${parent.path}${o.id}/`;
    await em.update(Organization, { id: o.id }, { path: o.path });
    await em.query(`UPDATE organizations SET descendant_count = descendant_count + 1 WHERE id IN (${o.path.split('/').filter(Boolean).slice(0, -1).join(',')})`);
    return o;
  });
}

/** Adds members who can log in (username = the given name, fixture password); returns their ids in order. */
export async function addLoginMembers(t: TestApp, org: Organization, names: string[], overrides: Partial<NewMember> = {}): Promise<number[]> {
  const db = t.app.get(Db);
  const hash = await t.app.get(PasswordService).hash(t.county.password);
  const fresh = await db.em.findOneByOrFail(Organization, { id: org.id });
  return db.tx(async (em) => {
    const ids = await t.app.get(MemberWriter).insert(
      em,
      names.map((n) => memberInput(n, fresh, overrides)),
      hash,
    );
    for (const [i, name] of names.entries()) {
      await em.update(User, { memberId: ids[i] }, { username: name });
      t.county.members[name] = ids[i];
      t.county.users[name] = (await em.findOneByOrFail(User, { username: name })).id;
    }
    return ids;
  });
}
