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

/**
 * A line's names, read in the statement that reads the page (`Db.pick`'s `joined`): its member's, and its source's,
 * destination's and holder's. On MySQL a second statement for them cost a round trip and a socket write per page,
 * which weighed more than reading the rows. (Aliases `l…`, clear of the queues' own.)
 */
export const LINE_NAMES = {
  from: [
    'LEFT JOIN members lm ON lm.id = t.member_id',
    'LEFT JOIN organizations ls ON ls.id = t.source_org_id',
    'LEFT JOIN organizations ld ON ld.id = t.destination_org_id',
    'LEFT JOIN organizations lh ON lh.id = t.holder_org_id',
  ].join(' '),
  values: {
    memberName: 'lm.name',
    sourceName: 'ls.name',
    sourceShortName: 'ls.short_name',
    sourceLevel: 'ls.level',
    destinationOrgName: 'ld.name',
    destinationOrgShortName: 'ld.short_name',
    destinationOrgLevel: 'ld.level',
    holderName: 'lh.name',
    holderShortName: 'lh.short_name',
    holderLevel: 'lh.level',
  },
};
export type NamedLine = TransferLine & Record<keyof typeof LINE_NAMES.values, string | null>;

/** A line read with its names (LINE_NAMES) → its summary. */
export function namedSummary(t: NamedLine, now = Date.now()): TransferSummary {
  const org = (id: number | null, name: string | null, shortName: string | null, level: string | null): OrgRef | null =>
    id && name !== null ? { id, name, shortName: shortName ?? '', level: level as OrgRef['level'] } : null;
  const memberName = t.memberName ?? (t.incomingMember ? (JSON.parse(t.incomingMember) as { name: string }).name : '');
  return toSummary(
    t,
    memberName,
    {
      source: org(t.sourceOrgId, t.sourceName, t.sourceShortName, t.sourceLevel),
      destination: org(t.destinationOrgId, t.destinationOrgName, t.destinationOrgShortName, t.destinationOrgLevel),
      holder: org(t.holderOrgId, t.holderName, t.holderShortName, t.holderLevel),
    },
    now,
  );
}

/** A line's three organisations, out of organisations loaded by id. */
export function lineOrgs(t: TransferLine, orgs: OrgIndex): LineOrgs {
  const ref = (id: number | null) => (id ? (orgs.get(id) ?? null) : null);
  return { source: ref(t.sourceOrgId), destination: ref(t.destinationOrgId), holder: ref(t.holderOrgId) };
}

/** The organisations a transfer's detail names: source, destination, holder, and the branch and committee it is placed with. */
export function orgIdsOf(t: TransferLine & Pick<Transfer, 'destinationBranchId' | 'destinationCommitteeId'>): number[] {
  return [t.sourceOrgId, t.destinationOrgId, t.holderOrgId, t.destinationBranchId, t.destinationCommitteeId].filter((id): id is number => !!id);
}

/** The organisations a transfer's line names: where from, where to, who holds it now. */
export interface LineOrgs {
  source: OrgRef | null;
  destination: OrgRef | null;
  holder: OrgRef | null;
}

export function toSummary(t: TransferLine, memberName: string, orgs: LineOrgs, now = Date.now()): TransferSummary {
  return {
    id: t.id,
    channel: t.channel,
    state: t.state,
    version: t.version,
    member: { id: t.memberId, name: memberName },
    source: orgs.source,
    destination: {
      org: orgs.destination,
      name: t.destinationName,
      region: t.destinationRegion,
      addressee: t.destinationAddressee,
    },
    reason: t.reason,
    holder: { kind: t.holderKind, org: orgs.holder },
    dueAt: t.dueAt ? isoString(t.dueAt) : null,
    overdue: !!t.dueAt && t.dueAt.getTime() < now,
    submittedAt: t.submittedAt ? isoString(t.submittedAt) : null,
    updatedAt: isoString(t.updatedAt),
  };
}
