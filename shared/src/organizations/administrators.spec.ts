import { describe, expect, it } from 'vitest';
import { administratorRoleFor, mayAppoint } from './administrators';

describe('administrators of organisations', () => {
  it('gives each level its one administrator role', () => {
    expect(administratorRoleFor('BRANCH')).toBe('BRANCH_ADMIN');
    expect(administratorRoleFor('GENERAL_BRANCH')).toBe('BRANCH_ADMIN');
    expect(administratorRoleFor('COMMITTEE')).toBe('COMMITTEE_ADMIN');
    expect(administratorRoleFor('COUNTY_COMMITTEE')).toBe('COUNTY_ADMIN');
  });

  const county = { role: 'COUNTY_ADMIN' as const, orgPath: '/1/' };
  const committee = { role: 'COMMITTEE_ADMIN' as const, orgPath: '/1/2/' };
  const branch = { role: 'BRANCH_ADMIN' as const, orgPath: '/1/2/3/' };

  it('lets a tier appoint the tiers below it within its subtree', () => {
    expect(mayAppoint([committee], '/1/2/3/', 'BRANCH_ADMIN')).toBe(true);
    expect(mayAppoint([committee], '/1/2/9/', 'BRANCH_ADMIN')).toBe(true);
    expect(mayAppoint([county], '/1/2/', 'COMMITTEE_ADMIN')).toBe(true);
    expect(mayAppoint([county], '/1/2/3/', 'BRANCH_ADMIN')).toBe(true);
  });

  it('refuses outside the subtree, peers below the county, members and branch administrators', () => {
    expect(mayAppoint([committee], '/1/5/3/', 'BRANCH_ADMIN')).toBe(false);
    expect(mayAppoint([committee], '/1/2/', 'COMMITTEE_ADMIN')).toBe(false);
    expect(mayAppoint([committee], '/1/2/7/', 'COMMITTEE_ADMIN')).toBe(false);
    expect(mayAppoint([branch], '/1/2/3/', 'BRANCH_ADMIN')).toBe(false);
    expect(mayAppoint([{ role: 'MEMBER', orgPath: '/1/2/3/' }], '/1/2/3/', 'BRANCH_ADMIN')).toBe(false);
    expect(mayAppoint([{ role: 'SYSTEM_ADMIN', orgPath: '/' }], '/1/2/', 'COMMITTEE_ADMIN')).toBe(false);
    // Nobody gives roles the tiers do not have.
    expect(mayAppoint([county], '/1/', 'SYSTEM_ADMIN')).toBe(false);
    expect(mayAppoint([county], '/1/', 'MEMBER')).toBe(false);
  });

  it('lets the county department appoint its own colleagues', () => {
    expect(mayAppoint([county], '/1/', 'COUNTY_ADMIN')).toBe(true);
    // A county administrator of another county's tree reaches nothing here.
    expect(mayAppoint([{ role: 'COUNTY_ADMIN', orgPath: '/8/' }], '/1/', 'COUNTY_ADMIN')).toBe(false);
  });
});
