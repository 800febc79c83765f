import { mayAppoint, type Role } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import type { Db } from '../common/database/db.service';
import { forbidden, type AppException } from '../common/errors/app.exception';

/**
 * Whether a member's login account holds an administrator role that the caller could not have given. Such an account
 * is looked after by the tier that appoints it: a branch administrator keeps the branch's records, but issuing a
 * password to, or changing the login (mobile number) or name of, the committee administrator whose record happens to
 * sit in the branch would hand the branch the committee's account. Nobody is held above themself.
 */
export async function accountHeldAbove(db: Db, actor: Actor, memberId: number, em?: EntityManager): Promise<boolean> {
  if (actor.memberId === memberId) return false;
  const held = await db.query<{ role: Role; path: string | null }>(
    `SELECT ra.role, o.path FROM users u JOIN role_assignments ra ON ra.user_id = u.id LEFT JOIN organizations o ON o.id = ra.org_id
      WHERE u.member_id = ? AND ra.role <> 'MEMBER'`,
    [memberId],
    em,
  );
  // A role over no organisation (the system administrator's) is given outside the app, so nobody in it may take it over.
  return held.some((h) => h.path === null || !mayAppoint(actor.assignments, h.path, h.role));
}

export const heldAboveRefusal = (): AppException =>
  forbidden("This member's account administers an organisation: only the tier that appoints its administrators may issue its password or change its login or name");
