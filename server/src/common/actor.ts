import { hasPermission, ROLE_PERMISSIONS, type Permission, type Role } from '@zhdj/shared';

export interface ActorAssignment {
  role: Role;
  orgId: number | null;
  /** Materialized path of the organisation the role covers; `/` (everything) for SYSTEM_ADMIN. */
  orgPath: string;
  orgName: string | null;
  orgShortName: string | null;
}

/**
 * Who is calling, and over which subtrees each of their permissions reaches. Services start every method that
 * touches organisation data by asking the actor (architecture.md §3); outside scope answers 404.
 */
export class Actor {
  constructor(
    readonly userId: number,
    readonly username: string,
    readonly displayName: string,
    readonly memberId: number | null,
    readonly assignments: ActorAssignment[],
    readonly sessionId: number | null,
    readonly ip: string,
    /** An administrator who must enrol TOTP first: the guard lets only enrolment, /me and logout through. */
    readonly mfaEnrolmentRequired = false,
  ) {}

  /** MEMBER is implied by a linked member record. */
  get roles(): Role[] {
    const roles = new Set<Role>(this.assignments.map((a) => a.role));
    if (this.memberId !== null) roles.add('MEMBER');
    return [...roles];
  }

  can(permission: Permission): boolean {
    return hasPermission(this.roles, permission);
  }

  /** The subtree roots (paths) over which this permission reaches. */
  scopes(permission: Permission): string[] {
    const paths = this.assignments.filter((a) => ROLE_PERMISSIONS[a.role].includes(permission)).map((a) => a.orgPath);
    // Drop paths already covered by a broader one, so queries get the fewest conditions.
    return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
  }

  covers(path: string, permission: Permission): boolean {
    return this.scopes(permission).some((s) => path.startsWith(s));
  }

  /**
   * The role and organisation recorded in the audit log (and a transfer's timeline) for an action done under a
   * permission: the most specific assignment granting it over the first of `paths` one covers (the organisation
   * acted on, or each end of a transfer in turn). An administrator may act where none of their roles covers the
   * organisation named — a committee revoking its letter while the step waits at the receiver, the receiver printing
   * the letter another committee issued — and is then recorded in the most specific role granting the permission;
   * someone acting as a member (no role grants it) as MEMBER, their branch filled in by the audit service.
   */
  auditIdentity(permission?: Permission, paths?: string | readonly string[]): { role: Role | null; orgId: number | null } {
    const granting = permission ? this.assignments.filter((a) => ROLE_PERMISSIONS[a.role].includes(permission)) : this.assignments;
    const wanted = paths === undefined ? [] : typeof paths === 'string' ? [paths] : paths;
    for (const path of wanted) {
      const best = deepest(granting.filter((a) => path.startsWith(a.orgPath)));
      if (best) return { role: best.role, orgId: best.orgId };
    }
    const best = deepest(granting);
    if (best) return { role: best.role, orgId: best.orgId };
    return { role: this.memberId !== null ? 'MEMBER' : null, orgId: null };
  }
}

/** The most specific assignment (deepest path): the capacity the person acted in. */
function deepest(assignments: ActorAssignment[]): ActorAssignment | undefined {
  return [...assignments].sort((a, b) => b.orgPath.length - a.orgPath.length)[0];
}

/** Used for work done by the system itself (seed, scheduled jobs, command-line tools). */
export const SYSTEM_ACTOR = new Actor(0, 'system', 'system', null, [], null, '');
