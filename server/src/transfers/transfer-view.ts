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
  'talkDueOn',
  'talkHeldOn',
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

/**
 * A transfer's detail reads its names with its row (`Db.loadJoined`): the line's, its placement branch's and its
 * letter's issuer's, and what its flags need of the member (the member row also carries the encrypted ID number, which
 * is not read). Apart, they were two more statements for every member's home screen (the organisations, the member).
 */
export const DETAIL_NAMES = {
  from: [
    LINE_NAMES.from,
    'LEFT JOIN organizations lb ON lb.id = t.destination_branch_id',
    'LEFT JOIN organizations li ON li.id = t.issuer_org_id',
    // Who works the current step (transfer-serving.ts): by the path's index, one row or none.
    'LEFT JOIN organizations sv ON sv.path = t.served_org_path',
  ].join(' '),
  values: {
    ...LINE_NAMES.values,
    memberCategory: 'lm.category',
    memberProbationEndsAt: 'lm.probation_ends_at',
    memberSex: 'lm.sex',
    memberBirthDate: 'lm.birth_date',
    memberEthnicity: 'lm.ethnicity',
    memberJoinedAt: 'lm.joined_at',
    memberDuesPaidThrough: 'lm.dues_paid_through',
    memberOrgPath: 'lm.org_path',
    branchName: 'lb.name',
    branchShortName: 'lb.short_name',
    branchLevel: 'lb.level',
    issuerName: 'li.name',
    issuerShortName: 'li.short_name',
    issuerLevel: 'li.level',
    servedId: 'sv.id',
    servedName: 'sv.name',
    servedShortName: 'sv.short_name',
    servedLevel: 'sv.level',
  },
};
export type NamedTransfer = Transfer & Record<keyof typeof DETAIL_NAMES.values, string | null>;

/** An organisation read by a join (null where none joined). */
function joinedOrg(id: number | null, name: string | null, shortName: string | null, level: string | null): OrgRef | null {
  return id && name !== null ? { id, name, shortName: shortName ?? '', level: level as OrgRef['level'] } : null;
}

/** The organisations a detail's transfer names, from its joined names (DETAIL_NAMES). */
export function detailOrgs(t: NamedTransfer): OrgIndex {
  const refs = [
    joinedOrg(t.sourceOrgId, t.sourceName, t.sourceShortName, t.sourceLevel),
    joinedOrg(t.destinationOrgId, t.destinationOrgName, t.destinationOrgShortName, t.destinationOrgLevel),
    joinedOrg(t.holderOrgId, t.holderName, t.holderShortName, t.holderLevel),
    joinedOrg(t.destinationBranchId, t.branchName, t.branchShortName, t.branchLevel),
    joinedOrg(t.issuerOrgId, t.issuerName, t.issuerShortName, t.issuerLevel),
  ];
  return new Map(refs.filter((o): o is OrgRef => !!o).map((o) => [o.id, o]));
}

/**
 * The organisation working the current step on behalf of the one holding it (代办), which has no administrator of its
 * own; null where the holder's own administrators work it, or the step waits on the member or on no one.
 */
export function servedOnBehalf(t: NamedTransfer): OrgRef | null {
  const served = t.servedId === null ? null : Number(t.servedId);
  return served !== null && served !== t.holderOrgId ? joinedOrg(served, t.servedName, t.servedShortName, t.servedLevel) : null;
}

/** A line read with its names (LINE_NAMES) → its summary. */
export function namedSummary(t: NamedLine, now = Date.now()): TransferSummary {
  const memberName = t.memberName ?? (t.incomingMember ? (JSON.parse(t.incomingMember) as { name: string }).name : '');
  return toSummary(
    t,
    memberName,
    {
      source: joinedOrg(t.sourceOrgId, t.sourceName, t.sourceShortName, t.sourceLevel),
      destination: joinedOrg(t.destinationOrgId, t.destinationOrgName, t.destinationOrgShortName, t.destinationOrgLevel),
      holder: joinedOrg(t.holderOrgId, t.holderName, t.holderShortName, t.holderLevel),
    },
    now,
  );
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
    reason: t.reason || null,
    holder: { kind: t.holderKind, org: orgs.holder },
    dueAt: t.dueAt ? isoString(t.dueAt) : null,
    overdue: !!t.dueAt && t.dueAt.getTime() < now,
    submittedAt: t.submittedAt ? isoString(t.submittedAt) : null,
    updatedAt: isoString(t.updatedAt),
    talkDueOn: t.talkHeldOn ? null : (t.talkDueOn ?? null),
  };
}
