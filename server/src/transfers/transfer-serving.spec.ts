import { describe, expect, it } from 'vitest';
import { servedPathOf, type Staffing } from './transfer-serving';

describe('servedPathOf: whose administrators take a step', () => {
  // root 1 ─┬─ committee 2 (admin) ─┬─ branch 3 (admin)
  //         │                       └─ branch 4 ── (none)
  //         └─ committee 5 (none) ── branch 6 (none)
  const staffing: Staffing = [
    { path: '/1/', role: 'COUNTY_ADMIN' },
    { path: '/1/2/', role: 'COMMITTEE_ADMIN' },
    { path: '/1/2/3/', role: 'BRANCH_ADMIN' },
  ];

  it('is the holder’s own organisation where it has an administrator of that tier', () => {
    expect(servedPathOf('BRANCH', '/1/2/3/', staffing)).toBe('/1/2/3/');
    expect(servedPathOf('COMMITTEE', '/1/2/', staffing)).toBe('/1/2/');
    expect(servedPathOf('COUNTY', '/1/', staffing)).toBe('/1/');
  });

  it('is the nearest organisation above with one, where the holder has none', () => {
    expect(servedPathOf('BRANCH', '/1/2/4/', staffing)).toBe('/1/2/');
    expect(servedPathOf('BRANCH', '/1/5/6/', staffing)).toBe('/1/');
    expect(servedPathOf('COMMITTEE', '/1/5/', staffing)).toBe('/1/');
  });

  it('passes over administrators of a lower tier, and a path that merely shares a prefix', () => {
    // A branch administrator does not serve a committee's step; /1/2/ is not above /1/23/.
    expect(servedPathOf('COMMITTEE', '/1/2/3/', staffing)).toBe('/1/2/');
    expect(servedPathOf('BRANCH', '/1/23/', staffing)).toBe('/1/');
  });

  it('is null for a member’s step, a closed transfer, or where no one above is staffed', () => {
    expect(servedPathOf('MEMBER', '/1/2/3/', staffing)).toBeNull();
    expect(servedPathOf('NONE', null, staffing)).toBeNull();
    expect(servedPathOf('BRANCH', '/1/5/6/', staffing.slice(1))).toBeNull();
  });
});
