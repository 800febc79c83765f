import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type Role } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { Actor, type ActorAssignment } from '../common/actor';
import { Db, toBool, toDate } from '../common/database/db.service';
import { unauthorized } from '../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../config/app.config';

interface Row {
  id: number;
  username: string;
  display_name: string;
  member_id: number | null;
  disabled: number | boolean;
  session_revoked: unknown;
  session_expires: unknown;
  totp_enabled_at: unknown;
  role: Role | null;
  org_id: number | null;
  path: string | null;
  name: string | null;
  short_name: string | null;
}

/** The caller's session, account and roles in one indexed query; parameters: session id, user id. (bench/baseline.mjs runs it too.) */
export const ACTOR_SQL = `SELECT u.id, u.username, u.display_name, u.member_id, u.disabled,
              s.revoked_at AS session_revoked, s.expires_at AS session_expires, t.enabled_at AS totp_enabled_at,
              ra.role, ra.org_id, o.path, o.name, o.short_name
         FROM users u
         JOIN sessions s ON s.id = ? AND s.user_id = u.id
         LEFT JOIN user_totp t ON t.user_id = u.id
         LEFT JOIN role_assignments ra ON ra.user_id = u.id
         LEFT JOIN organizations o ON o.id = ra.org_id
        WHERE u.id = ?`;

/**
 * Builds the Actor for a request from the database, so a revoked session, a disabled account or a role taken away
 * takes effect at once, not when the access token expires. One indexed query.
 */
@Injectable()
export class ActorLoader {
  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async load(userId: number, sessionId: number, ip: string, em?: EntityManager): Promise<Actor> {
    const rows = await this.db.query<Row>(
      ACTOR_SQL,
      [sessionId, userId],
      em,
    );
    const first = rows[0];
    if (!first || toBool(first.disabled) || first.session_revoked || (toDate(first.session_expires)?.getTime() ?? 0) < Date.now()) {
      throw unauthorized(ErrorCode.UNAUTHENTICATED, 'Your session has ended; please log in again');
    }
    const assignments: ActorAssignment[] = rows
      .filter((r) => r.role)
      .map((r) => ({
        role: r.role!,
        orgId: r.org_id,
        orgPath: r.path ?? '/',
        orgName: r.name,
        orgShortName: r.short_name,
      }));
    // Read at every request, like the roles: turning the switch on, or a role given, takes effect at once.
    const mfaEnrolmentRequired = this.config.auth.mfaRequiredForAdmins && assignments.length > 0 && !first.totp_enabled_at;
    return new Actor(first.id, first.username, first.display_name, first.member_id, assignments, sessionId, ip, mfaEnrolmentRequired);
  }
}
