import type { MemberDetail, SessionUser } from '@zhdj/shared';

export interface OwnRecordDeps {
  fetchMe(): Promise<SessionUser>;
  fetchMember(id: number): Promise<MemberDetail>;
  /** The member the stored session was linked to (null when none or not logged in). */
  storedMemberId: number | null;
  /** Receives the fresh user record (roles and the linked member may have changed since login). */
  onUser(user: SessionUser): void;
}

export type OwnRecord = { kind: 'member'; member: MemberDetail } | { kind: 'unlinked' };

/**
 * The member's own record for their home screen. GET /api/me decides whose record it is, but waiting for it before
 * asking for the record cost a round trip on every visit (felt on a slow phone network): the record of the member
 * the stored session names is asked for at the same time, and used only if /api/me still names that member.
 * Otherwise — the link changed, or that early request failed — the right record is asked for after /api/me.
 */
export async function loadOwnRecord(deps: OwnRecordDeps): Promise<OwnRecord> {
  const guess = deps.storedMemberId;
  // Settled into a value at once, so that a failure here is never an unhandled rejection when it goes unused.
  const early = guess === null ? null : deps.fetchMember(guess).then((member) => member, () => null);
  const me = await deps.fetchMe();
  deps.onUser(me);
  if (me.memberId === null) return { kind: 'unlinked' };
  const member = me.memberId === guess && early ? await early : null;
  return { kind: 'member', member: member ?? (await deps.fetchMember(me.memberId)) };
}
