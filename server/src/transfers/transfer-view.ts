import type { OrgRef, TransferSummary } from '@zhdj/shared';
import type { Transfer } from './entities/transfer.entity';

/** Organisations by id, loaded once per page of transfers. */
export type OrgIndex = Map<number, OrgRef>;

export function orgIdsOf(t: Transfer): number[] {
  return [t.sourceOrgId, t.destinationOrgId, t.holderOrgId, t.destinationBranchId, t.destinationCommitteeId].filter((id): id is number => !!id);
}

export function toSummary(t: Transfer, memberName: string, orgs: OrgIndex, now = Date.now()): TransferSummary {
  const ref = (id: number | null) => (id ? (orgs.get(id) ?? null) : null);
  return {
    id: t.id,
    channel: t.channel,
    state: t.state,
    version: t.version,
    member: { id: t.memberId, name: memberName },
    source: ref(t.sourceOrgId),
    destination: {
      org: ref(t.destinationOrgId),
      name: t.destinationName,
      region: t.destinationRegion,
      addressee: t.destinationAddressee,
    },
    reason: t.reason,
    holder: { kind: t.holderKind, org: ref(t.holderOrgId) },
    dueAt: t.dueAt?.toISOString() ?? null,
    overdue: !!t.dueAt && t.dueAt.getTime() < now,
    submittedAt: t.submittedAt?.toISOString() ?? null,
    updatedAt: t.updatedAt.toISOString(),
  };
}
