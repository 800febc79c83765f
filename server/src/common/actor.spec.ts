import { describe, expect, it } from 'vitest';
import { Actor, type ActorAssignment } from './actor';

const assignment = (role: ActorAssignment['role'], orgId: number | null, orgPath: string): ActorAssignment => ({ role, orgId, orgPath, orgName: null, orgShortName: null });

describe('Actor', () => {
  it('reaches a permission only over the subtrees of the roles that grant it', () => {
    const sut = new Actor(1, 'u', 'U', null, [assignment('BRANCH_ADMIN', 3, '/1/2/3/'), assignment('COMMITTEE_ADMIN', 7, '/1/7/')], 9, '');
    expect(sut.scopes('member.read')).toEqual(['/1/2/3/', '/1/7/']);
    expect(sut.scopes('org.manage')).toEqual(['/1/7/']);
    expect(sut.covers('/1/7/8/', 'org.manage')).toBe(true);
    expect(sut.covers('/1/2/3/', 'org.manage')).toBe(false);
    expect(sut.covers('/1/2/4/', 'member.read')).toBe(false);
    // Path prefixes are whole ids: /1/7/ does not cover /1/70/.
    expect(sut.covers('/1/70/', 'member.read')).toBe(false);
  });

  it('drops scopes inside broader ones', () => {
    const sut = new Actor(1, 'u', 'U', null, [assignment('BRANCH_ADMIN', 3, '/1/2/3/'), assignment('COUNTY_ADMIN', 1, '/1/')], 9, '');
    expect(sut.scopes('member.read')).toEqual(['/1/']);
  });

  it('is a member by having a member record, and a member reads only themself', () => {
    const sut = new Actor(1, 'm', 'M', 42, [], 9, '');
    expect(sut.roles).toEqual(['MEMBER']);
    expect(sut.can('member.readSelf')).toBe(true);
    expect(sut.can('member.read')).toBe(false);
    expect(sut.scopes('member.read')).toEqual([]);
  });

  it('records the most specific capacity an action was done in', () => {
    const sut = new Actor(1, 'u', 'U', 42, [assignment('COUNTY_ADMIN', 1, '/1/'), assignment('BRANCH_ADMIN', 3, '/1/2/3/')], 9, '');
    expect(sut.auditIdentity('member.write', '/1/2/3/')).toEqual({ role: 'BRANCH_ADMIN', orgId: 3 });
    expect(sut.auditIdentity('member.write', '/1/5/')).toEqual({ role: 'COUNTY_ADMIN', orgId: 1 });
    expect(sut.auditIdentity('org.manage', '/1/2/3/')).toEqual({ role: 'COUNTY_ADMIN', orgId: 1 });
    expect(new Actor(2, 'm', 'M', 42, [], 9, '').auditIdentity('member.readSelf')).toEqual({ role: 'MEMBER', orgId: null });
  });

  it('records the role that grants the permission where none covers the organisation named, and never a blank one', () => {
    const committee = new Actor(1, 'c', 'C', 42, [assignment('COMMITTEE_ADMIN', 7, '/1/7/')], 9, '');
    // Revoking its own letter while the step waits at another committee's (/1/9/).
    expect(committee.auditIdentity('transfer.act', '/1/9/')).toEqual({ role: 'COMMITTEE_ADMIN', orgId: 7 });
    // The first end it covers wins: the issuer here, though the destination is named first.
    const both = new Actor(1, 'b', 'B', null, [assignment('COMMITTEE_ADMIN', 7, '/1/7/'), assignment('BRANCH_ADMIN', 10, '/1/9/10/')], 9, '');
    expect(both.auditIdentity('transfer.act', ['/1/2/', '/1/7/8/', '/1/9/10/'])).toEqual({ role: 'COMMITTEE_ADMIN', orgId: 7 });
    // A permission no role grants (a member's study): as a member.
    expect(committee.auditIdentity('study.learn', '/1/7/8/')).toEqual({ role: 'MEMBER', orgId: null });
    expect(new Actor(3, 'x', 'X', null, [], 9, '').auditIdentity('transfer.act', '/1/')).toEqual({ role: null, orgId: null });
  });
});
