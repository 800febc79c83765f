/** The documented demo accounts (README); they exist only in a demo seed. */
export const DEMO_PASSWORD = 'Demo-2026-zhdj';

export const DEMO_ACCOUNTS = [
  { username: 'admin', role: 'COUNTY_ADMIN', describe: 'county organisation department, whole county' },
  { username: 'committee', role: 'COMMITTEE_ADMIN', describe: '新安街道党工委 (a street committee)' },
  { username: 'branch', role: 'BRANCH_ADMIN', describe: 'a community branch under 新安街道' },
  { username: 'member', role: 'MEMBER', describe: 'a member of that branch' },
  { username: 'committee2', role: 'COMMITTEE_ADMIN', describe: '北沟街道党工委 (a second street committee: receives in-county transfers)' },
  { username: 'branch2', role: 'BRANCH_ADMIN', describe: 'a community branch under 北沟街道' },
] as const;

/**
 * The committees of the demo county with no administrator account yet (office buildings, just joining the platform): the
 * county is told of their members' transfers and holds those steps in its to-do list. Every other town, street and
 * system committee has an administrator who logs in by the committee's code in lower case (xy-05).
 */
export const UNSTAFFED_COMMITTEES = ['商务楼宇党委'];
