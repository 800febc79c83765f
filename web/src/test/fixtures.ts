import type { LoginResponse, Role, SessionUser } from '@zhdj/shared';
import { ROLE_PERMISSIONS } from '@zhdj/shared';

const org = { id: 1, name: '中共新沂市委员会', shortName: '新沂市委', path: '/1/' };

/** A session user as GET /api/me returns it, for the given roles (MEMBER implies a linked member record). */
export function sessionUser(roles: Role[], overrides: Partial<SessionUser> = {}): SessionUser {
  const isMember = roles.includes('MEMBER');
  return {
    id: 7,
    username: 'someone',
    displayName: '王建国',
    memberId: isMember ? 75 : null,
    roles: roles.map((role) => ({ role, org: role === 'MEMBER' || role === 'SYSTEM_ADMIN' ? null : org })),
    permissions: [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]))],
    ...overrides,
  };
}

export function loginResponse(roles: Role[], accessToken = 'access-1', refreshToken = 'refresh-1'): LoginResponse {
  return { accessToken, refreshToken, expiresIn: 900, user: sessionUser(roles) };
}
