import type { OrgRef, TransferSummary } from '@zhdj/shared';
import type { Transfer } from './entities/transfer.entity';
import { isoString } from '../common/calendar/iso-string';

/** Organisations by id, loaded once per page of transfers. */
export type OrgIndex = Map<number, OrgRef>;

/** The fields a transfer's line in a list shows (and its queue's cursor reads): a page of them is read and no more. */
export const SUMMARY_FIELDS = [
  'id',
  'channel',
  'state',
  'version',
  'memberId',
  'incomingMember',
  'sourceOrgId',
  'destinationOrgId',
  'destinationName',
  'destinationRegion',
  'destinationAddressee',
  'reason',
  'holderKind',
  'holderOrgId',
  'dueAt',
  'submittedAt',
  'updatedAt',
  'stepStartedAt',
] as const satisfies readonly (keyof Transfer)[];
export type TransferLine = Pick<Transfer, (typeof SUMMARY_FIELDS)[number]>;

/** The organisations a transfer's line names (toSummary): where from, where to, who holds it now. */
export function lineOrgIds(t: TransferLine): number[] {
  return [t.sourceOrgId, t.destinationOrgId, t.holderOrgId].filter((id): id is number => !!id);
}

/** The organisations a transfer's detail names: its line's, and the branch and committee it is placed with. */
export function orgIdsOf(t: TransferLine & Pick<Transfer, 'destinationBranchId' | 'destinationCommitteeId'>): number[] {
  return [...lineOrgIds(t), t.destinationBranchId, t.destinationCommitteeId].filter((id): id is number => !!id);
}

export function toSummary(t: TransferLine, memberName: string, orgs: OrgIndex, now = Date.now()): TransferSummary {
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
    dueAt: t.dueAt ? isoString(t.dueAt) : null,
    overdue: !!t.dueAt && t.dueAt.getTime() < now,
    submittedAt: t.submittedAt ? isoString(t.submittedAt) : null,
    updatedAt: isoString(t.updatedAt),
  };
}
