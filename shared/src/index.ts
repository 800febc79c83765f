export * from './common/errors';
export * from './common/pagination';
export * from './common/dates';
export * from './organizations/organization';
export * from './members/id-number';
export * from './members/member';
export * from './auth/roles';
