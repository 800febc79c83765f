/** One record of the audit log as `GET /api/audit` returns it (newest first, keyset-paginated). */
export interface AuditRecord {
  id: number;
  /** ISO 8601 instant. */
  at: string;
  actor: {
    userId: number | null;
    username: string | null;
    /** The role the action was done in (COUNTY_ADMIN…), null for the system or an anonymous request. */
    role: string | null;
    orgId: number | null;
    /** The short name of that role's organisation. */
    orgName: string | null;
  };
  /** `area.verb`, e.g. `member.revealId`, `transfer.preApprove`, `auth.loginFailed`. */
  action: string;
  /** What the action was about; `username` names an account target (a login is recorded before anyone is logged in). */
  target: { type: string; id: string | null; username: string | null };
  /** The client's address; empty for the platform's own scheduled jobs. */
  ip: string;
  /** What changed (before/after, counts, reasons): free-form JSON, as recorded. */
  detail: unknown;
  /** Whether the record has been chained into the log's hash chain yet (a few seconds after it is written). */
  sealed: boolean;
}

/** `GET /api/audit/verify`: the hash chain walked from the first record. */
export interface AuditChainReport {
  /** Records chained so far. */
  sealed: number;
  /** Records written but not yet chained (normal for a few seconds). */
  unsealed: number;
  ok: boolean;
  /** The first record found altered, missing or out of order. */
  firstBroken: { seq: number; id: number | null; reason: string } | null;
}

/**
 * The areas of the log, each the prefix its actions start with (`GET /api/audit?action=member.` lists all of an
 * area's); the search screen offers them as a choice.
 */
export const AUDIT_AREAS = ['auth', 'member', 'organization', 'transfer', 'letter', 'booking', 'center', 'calendar', 'study', 'user', 'audit', 'seed'] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];
