import type { Faker } from '@faker-js/faker';
import {
  chinaYearMonth,
  FINAL_STATES,
  holderOf,
  incomingLetterKey,
  isReceiving,
  type HolderKind,
  type TransferAction,
  type TransferChannel,
  type TransferReason,
  type TransferState,
} from '@zhdj/shared';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { addDays, shanghaiDate, shanghaiInstant, workingDaysBetween, workingDaysLater } from '../../common/calendar/china-calendar';
import { Letter } from '../../letters/entities/letter.entity';
import { letterSnapshot } from '../../letters/letter-snapshot';
import { MemberOrgHistory } from '../../members/entities/member-org-history.entity';
import { Member } from '../../members/entities/member.entity';
import type { MemberWriter } from '../../members/member-writer';
import type { IdNumberCipher } from '../../common/crypto/id-number-cipher';
import { Organization } from '../../organizations/entities/organization.entity';
import { adjustMemberCounts } from '../../organizations/org-counts';
import { TransferEvent } from '../../transfers/entities/transfer-event.entity';
import { Transfer } from '../../transfers/entities/transfer.entity';
import { DEFAULT_DEADLINES } from '../../config/transfers.config';
import { factsOf } from '../../transfers/transfer-facts';
import { stepDueAt } from '../../transfers/transfer-timeline';
import { rebuildOverdueRollup } from '../../transfers/transfer-overdue';
import { rebuildTransferTally } from '../../transfers/transfer-tally';
import type { PeopleFactory } from './people';
import { chance, intBetween, pick } from './rng';

export const TRANSFERS_PER_SCALE = 2000;

export interface DemoIds {
  committeeId: number;
  branchId: number;
  memberId: number;
}

const CHANNELS: [TransferChannel, number][] = [['IN_COUNTY', 0.58], ['IN_PROVINCE', 0.15], ['CROSS_PROVINCE', 0.12], ['OUT_OF_SYSTEM', 0.05], ['INBOUND', 0.1]];
const OUTSIDE: [string, string, string][] = [
  ['中共南京市玄武区委员会组织部', '江苏省南京市', '中共南京市玄武区委员会组织部'],
  ['中共徐州市云龙区彭城街道工作委员会', '江苏省徐州市', '中共徐州市云龙区彭城街道工作委员会'],
  ['中共苏州工业园区工作委员会', '江苏省苏州市', '中共苏州工业园区工作委员会'],
  ['中共宿迁市宿城区委员会组织部', '江苏省宿迁市', '中共宿迁市宿城区委员会组织部'],
  ['中共上海市浦东新区陆家嘴街道工作委员会', '上海市', '中共上海市浦东新区陆家嘴街道工作委员会'],
  ['中共深圳市南山区委员会组织部', '广东省深圳市', '中共深圳市南山区委员会组织部'],
  ['中共杭州市西湖区委员会组织部', '浙江省杭州市', '中共杭州市西湖区委员会组织部'],
  ['中共临沂市兰山区委员会组织部', '山东省临沂市', '中共临沂市兰山区委员会组织部'],
  ['中国人民解放军某部政治工作处', '不便公开', '中国人民解放军某部政治工作处'],
  ['某金融机构党委', '北京市', '某金融机构党委'],
];
const REASONS: TransferReason[] = ['JOB_CHANGE', 'JOB_CHANGE', 'GRADUATION', 'RESIDENCE', 'RESIDENCE', 'OTHER'];
const DETAIL: Record<TransferReason, string[]> = {
  JOB_CHANGE: ['调入新单位工作', '受聘到外地企业', '考录为公务员', '工作调动'],
  GRADUATION: ['高校毕业回乡就业', '毕业后到新单位报到'],
  RESIDENCE: ['随子女迁居', '购房迁居', '户籍迁移'],
  OTHER: ['照顾家中老人，长期居住', '参军入伍'],
};

interface Ctx {
  em: EntityManager;
  f: Faker;
  orgs: Organization[];
  byId: Map<number, Organization>;
  committees: Organization[];
  branches: Organization[];
  /** Branches under each committee, filtered once: filtering per transfer grows with transfers × branches. */
  branchesUnder: Map<string, Organization[]>;
  sequences: Map<string, number>;
  now: Date;
  /**
   * Every transfer's events, written at the end in the order they happened: their ids then follow time as the app's
   * own do (an event is written when it happens), and the done list, in the order of each administrator's last event,
   * reads in time order (written per transfer, its ids jumped back and forth in time).
   */
  events: Partial<TransferEvent>[];
}

/**
 * About 2,000 transfers per unit of scale, spread over every channel and state with plausible timelines (each step
 * a few working days after the last, some overdue), written straight to the tables with the same rules the services
 * apply: letters with serials and snapshots, members' status, branch, counts and history.
 */
export async function seedTransfers(
  em: EntityManager,
  f: Faker,
  people: PeopleFactory,
  writer: MemberWriter,
  cipher: IdNumberCipher,
  scale: number,
  demo: DemoIds,
  now: Date,
): Promise<number> {
  const orgs = await em.find(Organization, { order: { id: 'ASC' } });
  const ctx: Ctx = {
    em,
    f,
    orgs,
    byId: new Map(orgs.map((o) => [o.id, o])),
    committees: orgs.filter((o) => o.hasApprovalAuthority && o.level !== 'COUNTY_COMMITTEE'),
    branches: orgs.filter((o) => o.level === 'BRANCH'),
    branchesUnder: new Map(),
    sequences: new Map(),
    events: [],
    now,
  };
  const total = TRANSFERS_PER_SCALE * scale;
  const memberIds: number[] = (await em.query(`SELECT id FROM members WHERE status = 'ACTIVE' AND id <> ? ORDER BY id`, [demo.memberId])).map((r: { id: number }) => Number(r.id));
  const used = new Set<number>();
  const pickMember = (): number => {
    for (;;) {
      const id = memberIds[intBetween(f, 0, memberIds.length - 1)];
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  // A few waiting in the demo accounts' own queues, so a first look at the admin app is not empty.
  const demoMembers: number[] = (await em.query(`SELECT m.id FROM members m WHERE m.org_path LIKE ? AND m.id <> ? AND m.status = 'ACTIVE' ORDER BY m.id LIMIT 12`, [
    ctx.byId.get(demo.committeeId)!.path + '%',
    demo.memberId,
  ])).map((r: { id: number }) => Number(r.id));
  const demoBranchMembers: number[] = (await em.query(`SELECT id FROM members WHERE org_id = ? AND id <> ? AND post IS NULL ORDER BY id DESC LIMIT 3`, [demo.branchId, demo.memberId])).map(
    (r: { id: number }) => Number(r.id),
  );
  const forced: { memberId: number; target: TransferState }[] = [
    ...demoBranchMembers.map((id) => ({ memberId: id, target: 'SUBMITTED' as TransferState })),
    ...demoMembers.filter((id) => !demoBranchMembers.includes(id)).slice(0, 6).map((id, i) => ({ memberId: id, target: (['PRE_APPROVED', 'APPROVED', 'PRE_APPROVED', 'COMPLETED', 'RETURNED', 'APPROVED'] as TransferState[])[i] })),
  ];
  for (const fm of forced) used.add(fm.memberId);

  for (let i = 0; i < total; i++) {
    const forcedOne = forced[i];
    const channel: TransferChannel = forcedOne ? 'IN_COUNTY' : weighted(f, CHANNELS);
    const target = forcedOne?.target ?? targetState(f, channel);
    if (channel === 'INBOUND') await inbound(ctx, people, writer, cipher, target);
    else await outgoing(ctx, forcedOne?.memberId ?? pickMember(), channel, target);
  }
  for (const [key, last] of ctx.sequences) {
    const [issuer, year] = key.split(':').map(Number);
    await em.query('INSERT INTO letter_sequences (issuer_org_id, year, last_value) VALUES (?, ?, ?)', [issuer, year, last]);
  }
  const inOrder = ctx.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at!.getTime() - b.e.at!.getTime() || a.i - b.i);
  for (let i = 0; i < inOrder.length; i += 500) {
    await em.createQueryBuilder().insert().into(TransferEvent).values(inOrder.slice(i, i + 500).map((x) => x.e)).updateEntity(false).execute();
  }
  // The transfers were written directly: the overview's counters and overdue roll-up are computed from them once.
  await rebuildTransferTally(em);
  await rebuildOverdueRollup(em);
  return total;
}

function weighted<T>(f: Faker, items: [T, number][]): T {
  let r = f.number.float({ min: 0, max: 1 });
  for (const [item, w] of items) {
    if ((r -= w) <= 0) return item;
  }
  return items[items.length - 1][0];
}

function targetState(f: Faker, channel: TransferChannel): TransferState {
  const inbound = channel === 'INBOUND';
  const states: [TransferState, number][] = inbound
    ? [['COMPLETED', 0.7], ['LETTER_ISSUED', 0.12], ['ACCEPTED', 0.1], ['BOUNCED', 0.04], ['EXPIRED', 0.04]]
    : [
        ['COMPLETED', 0.52], ['DRAFT', 0.02], ['SUBMITTED', 0.06], ['RETURNED', 0.03], ['PRE_APPROVED', 0.05], ['COMMITTEE_APPROVED', 0.03],
        ['APPROVED', 0.03], ['LETTER_ISSUED', 0.08], ['ACCEPTED', 0.03], ['BOUNCED', 0.01], ['EXPIRED', 0.01], ['REVOKED', 0.01],
        ['REJECTED', 0.04], ['WITHDRAWN', 0.04],
      ];
  let s = weighted(f, states);
  if (s === 'COMMITTEE_APPROVED' && channel === 'IN_COUNTY') s = 'PRE_APPROVED';
  if (s === 'ACCEPTED' && channel !== 'IN_COUNTY') s = 'LETTER_ISSUED';
  if (s === 'BOUNCED' && channel !== 'IN_COUNTY') s = 'REVOKED';
  return s;
}

/** The actions from a draft to the target state, with the occasional detour real transfers take. */
function pathTo(f: Faker, channel: TransferChannel, county: boolean, target: TransferState): TransferAction[] {
  const approvals: TransferAction[] = county ? ['approve', 'approve'] : ['approve'];
  const main: TransferAction[] = ['submit', 'preApprove', ...approvals, 'issueLetter', ...(channel === 'IN_COUNTY' ? (['accept', 'confirmReported'] as TransferAction[]) : (['recordReceipt'] as TransferAction[]))];
  const prefix = (upTo: TransferState): TransferAction[] => {
    const out: TransferAction[] = [];
    let state: TransferState = 'DRAFT';
    for (const a of main) {
      if (state === upTo) break;
      out.push(a);
      state = nextOf(state, a, county);
    }
    return out;
  };
  // Now and then a return for supplementation before going on, or a bounced letter re-issued.
  const detour = (actions: TransferAction[]) => {
    if (actions.length >= 2 && chance(f, 0.15)) actions.splice(1, 0, 'return', 'submit');
    if (channel === 'IN_COUNTY' && actions.includes('accept') && chance(f, 0.05)) actions.splice(actions.indexOf('accept'), 0, 'bounce', 'reissue');
    return actions;
  };
  switch (target) {
    case 'DRAFT':
      return [];
    case 'RETURNED':
      return chance(f, 0.5) ? ['submit', 'return'] : ['submit', 'preApprove', 'return'];
    case 'REJECTED':
      return chance(f, 0.6) ? ['submit', 'reject'] : ['submit', 'preApprove', 'reject'];
    case 'WITHDRAWN':
      return chance(f, 0.7) ? ['submit', 'withdraw'] : ['submit', 'preApprove', 'withdraw'];
    case 'BOUNCED':
      return [...prefix('LETTER_ISSUED'), 'bounce'];
    case 'EXPIRED':
      return [...prefix('LETTER_ISSUED'), 'expire'];
    case 'REVOKED':
      return [...prefix('LETTER_ISSUED'), 'revoke'];
    default:
      return detour(prefix(target === 'COMPLETED' ? ('__end__' as TransferState) : target));
  }
}

function nextOf(state: TransferState, a: TransferAction, county: boolean): TransferState {
  switch (a) {
    case 'submit':
      return 'SUBMITTED';
    case 'preApprove':
      return 'PRE_APPROVED';
    case 'approve':
      return state === 'PRE_APPROVED' && county ? 'COMMITTEE_APPROVED' : 'APPROVED';
    case 'issueLetter':
    case 'reissue':
      return 'LETTER_ISSUED';
    case 'accept':
      return 'ACCEPTED';
    case 'confirmReported':
    case 'recordReceipt':
      return 'COMPLETED';
    case 'return':
      return 'RETURNED';
    case 'reject':
      return 'REJECTED';
    case 'withdraw':
      return 'WITHDRAWN';
    case 'bounce':
      return 'BOUNCED';
    case 'expire':
      return 'EXPIRED';
    case 'revoke':
      return 'REVOKED';
  }
  return state;
}

/** A moment in office hours (08:30–17:30 in Xinyi) on the day `day` falls on there. */
function inOfficeHours(f: Faker, day: Date): Date {
  return new Date(shanghaiInstant(shanghaiDate(day)).getTime() + intBetween(f, 8 * 60 + 30, 17 * 60 + 30) * 60_000 + intBetween(f, 0, 59) * 1000);
}

/**
 * Step times: a few working days apart, each in office hours (a timeline of steps at 03:59:59.999 read as made up);
 * in order; open transfers end near today, some of them overdue.
 */
export function timeline(f: Faker, steps: number, now: Date, open: boolean): Date[] {
  const times: Date[] = [];
  const span = steps * 3 + 2;
  let t = open ? new Date(now.getTime() - intBetween(f, 1, span + (chance(f, 0.3) ? 8 : 0)) * 86400_000) : new Date(now.getTime() - intBetween(f, span + 2, 300) * 86400_000);
  if (open) t = new Date(t.getTime() - steps * 2 * 86400_000);
  t = inOfficeHours(f, t);
  for (let i = 0; i <= steps; i++) {
    times.push(t);
    const days = chance(f, 0.85) ? intBetween(f, 0, 2) : intBetween(f, 3, 6);
    let next = inOfficeHours(f, workingDaysLater(t, days));
    // Both fallbacks are drawn every time, used or not: which are used depends on the calendar around today, and a
    // draw made only on some days would make the whole county after it differ from one day to the next.
    const minutesLater = intBetween(f, 10, 120);
    const hoursAgo = intBetween(f, 1, 12);
    if (next <= t) next = new Date(t.getTime() + minutesLater * 60_000);
    if (next > now) next = new Date(Math.max(t.getTime() + 60_000, now.getTime() - hoursAgo * 3600_000));
    t = next;
  }
  return times;
}

/** Records dues paid up to `month` on a member who had paid less. */
async function paidUpTo(em: EntityManager, member: Member, month: string): Promise<void> {
  if (member.duesPaidThrough >= month) return;
  member.duesPaidThrough = month;
  await em.update(Member, { id: member.id }, { duesPaidThrough: month });
}

async function outgoing(ctx: Ctx, memberId: number, channel: TransferChannel, wanted: TransferState): Promise<void> {
  let target = wanted;
  const { em, f } = ctx;
  const member = await em.findOneByOrFail(Member, { id: memberId });
  const branch = ctx.byId.get(member.orgId)!;
  const ancestors = branch.path.split('/').filter(Boolean).map(Number).slice(0, -1).map((id) => ctx.byId.get(id)!).reverse();
  const committee = ancestors.find((o) => o.level === 'COMMITTEE' || o.level === 'COUNTY_COMMITTEE')!;
  const issuer = ancestors.find((o) => o.hasApprovalAuthority) ?? ancestors[ancestors.length - 1];
  const county = channel === 'CROSS_PROVINCE' || channel === 'OUT_OF_SYSTEM' || !committee.hasApprovalAuthority;
  if (target === 'COMMITTEE_APPROVED' && !county) target = 'PRE_APPROVED';
  let dest: Organization | null = null;
  let receiver: Organization | null = null;
  let destinationName: string;
  let region: string | null = null;
  let addressee: string | null;
  if (channel === 'IN_COUNTY') {
    do receiver = pick(f, ctx.committees);
    while (branch.path.startsWith(receiver.path));
    const candidates = branchesUnder(ctx, receiver!);
    dest = chance(f, 0.6) && candidates.length ? pick(f, candidates) : receiver;
    destinationName = dest.name;
    addressee = receiver.name;
  } else {
    const [name, reg, addr] = pick(f, channel === 'OUT_OF_SYSTEM' ? OUTSIDE.slice(8) : channel === 'IN_PROVINCE' ? OUTSIDE.slice(0, 4) : OUTSIDE.slice(4, 8));
    destinationName = name;
    region = reg;
    addressee = addr;
  }
  const actions = pathTo(f, channel, county, target);
  const open = !FINAL_STATES.includes(target);
  // An expired letter ran its whole validity (up to 90 days) before the expiry job closed it: its steps end that much
  // earlier, so the letter's valid-until date lies in the past (as the member and the verification page show it).
  const times = timeline(f, actions.length, target === 'EXPIRED' ? new Date(ctx.now.getTime() - 92 * 86400_000) : ctx.now, open);
  const reason = pick(f, REASONS);
  const t = em.create(Transfer, {
    memberId,
    openMemberId: open ? memberId : null,
    channel,
    state: 'DRAFT',
    version: 1,
    reason,
    reasonDetail: pick(f, DETAIL[reason]),
    duesPaidThrough: member.duesPaidThrough,
    phone: member.phone,
    sourceOrgId: branch.id,
    sourceOrgPath: branch.path,
    sourceCommitteeId: committee.id,
    sourceCommitteePath: committee.path,
    issuerOrgId: issuer.id,
    issuerOrgPath: issuer.path,
    countyApprovalRequired: county,
    destinationOrgId: dest?.id ?? null,
    destinationName,
    destinationRegion: region,
    destinationAddressee: addressee,
    destinationCommitteeId: receiver?.id ?? null,
    destinationCommitteePath: receiver?.path ?? null,
    destinationBranchId: null,
    destinationBranchPath: null,
    holderKind: 'MEMBER',
    holderOrgId: null,
    holderOrgPath: null,
    dueAt: null,
    stepStartedAt: times[0],
    letterValidUntil: null,
    returnNote: null,
    checklist: null,
    incomingLetterNo: null,
    incomingMember: null,
    createdByUserId: null,
    createdAt: times[0],
    updatedAt: times[0],
    submittedAt: null,
    completedAt: null,
    workingDays: null,
  });
  await em.insert(Transfer, t);
  const events: Partial<TransferEvent>[] = [event(t, times[0], 'create', null, 'DRAFT', member.name, 'MEMBER', null)];
  let letter: Letter | null = null;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    const at = times[i + 1];
    const from = t.state;
    const to = nextOf(from, a, county);
    let comment: string | null = null;
    let detail: Record<string, unknown> | undefined;
    if (a === 'submit') {
      t.submittedAt ??= at;
      // As the API does: what was missing was supplied (the timeline keeps what the return asked for).
      t.returnNote = null;
    }
    if (a === 'preApprove') t.checklist = JSON.stringify({ identityVerified: true, duesPaid: true, goodStanding: true, destinationExact: true, probationHandled: true, materialsComplete: true });
    // The pre-review and the letter each need dues paid up to their month (the API refuses them otherwise), so a
    // member who got that far had paid by then; a month that has turned since shows as owed, as it would.
    if (a === 'preApprove' || a === 'issueLetter' || a === 'reissue') await paidUpTo(em, member, chinaYearMonth(at));
    if (a === 'return') {
      // Nothing about dues: the seeded members' dues are what they are, and a note asking for them beside dues paid up
      // to this month (as the member's page shows) contradicted itself.
      const missing = pick(f, [['请补交组织关系转接申请表复印件'], ['请补充新单位接收证明', '请填写本人常用手机号码'], ['接收党组织全称不准确，请核实后重新填写']]);
      t.returnNote = JSON.stringify(missing);
      detail = { missing };
      comment = '请补充材料后重新提交';
    }
    if (a === 'reject') comment = pick(f, ['去向地不属于需转接情形，可开具证明信', '与党员本人核实后不予转接']);
    if (a === 'bounce') comment = '介绍信抬头与接收党组织全称不符';
    if (a === 'revoke') comment = '党员遗失介绍信，申请作废重开';
    if (a === 'withdraw') comment = '计划变更，暂不转接';
    if (a === 'issueLetter' || a === 'reissue') {
      if (letter && letter.status === 'VALID') letter.status = 'VOID';
      letter = await issueLetter(ctx, t, member, issuer, branch.name, at, letter);
      t.letterValidUntil = letter.validUntil;
      detail = { serial: letter.serial, ...(letter.reissueOf ? { reissueOf: letter.reissueOf } : {}) };
    }
    if (letter && ['bounce', 'revoke', 'expire', 'confirmReported', 'recordReceipt'].includes(a)) {
      const status = a === 'bounce' ? 'VOID' : a === 'revoke' ? 'REVOKED' : a === 'expire' ? 'EXPIRED' : 'USED';
      // The expiry job runs every few minutes: it closes a letter just after the last moment of its validity.
      const closedAt = a === 'expire' ? new Date(letter.validUntil.getTime() + intBetween(f, 1, 10) * 60_000) : at;
      await em.update(Letter, { id: letter.id }, { status, closedAt });
      letter.status = status;
      letter.closedAt = closedAt;
    }
    if (a === 'accept') {
      const candidates = branchesUnder(ctx, receiver!);
      const placed = dest && dest.level === 'BRANCH' ? dest : pick(f, candidates);
      t.destinationBranchId = placed.id;
      t.destinationBranchPath = placed.path;
      detail = { branch: placed.name };
    }
    t.state = to;
    if (a === 'expire') {
      events.push(event(t, letter!.closedAt!, a, from, to, '系统', 'SYSTEM', null, null, detail));
      continue;
    }
    const actorOrg = a === 'submit' || a === 'withdraw' ? null : holderOrgFor(ctx, from, t);
    events.push(event(t, at, a, from, to, actorOrg ? `${actorOrg.shortName}管理员` : member.name, actorOrg ? roleFor(actorOrg) : 'MEMBER', actorOrg?.id ?? null, comment, detail));
  }
  const talk = await finish(ctx, t, t.state === 'EXPIRED' ? letter!.closedAt! : times[times.length - 1]);
  if (talk) events.push(talk);
  ctx.events.push(...events);
  // The member record follows the transfer's outcome.
  if (open && t.state !== 'DRAFT') await em.query(`UPDATE members SET status = 'IN_TRANSFER' WHERE id = ?`, [memberId]);
  if (t.state === 'COMPLETED') {
    const day = shanghaiDate(t.completedAt!);
    await adjustMemberCounts(em, branch.id, branch.path, -1);
    await em.query('UPDATE member_org_history SET to_date = ?, transfer_id = ? WHERE member_id = ? AND to_date IS NULL', [day, t.id, memberId]);
    if (channel === 'IN_COUNTY') {
      const to = ctx.byId.get(t.destinationBranchId!)!;
      await em.query('UPDATE members SET org_id = ?, org_path = ? WHERE id = ?', [to.id, to.path, memberId]);
      await adjustMemberCounts(em, to.id, to.path, 1);
      await em.insert(MemberOrgHistory, { memberId, orgId: to.id, fromDate: day, toDate: null, transferId: t.id });
    } else {
      await em.query(`UPDATE members SET status = 'TRANSFERRED_OUT' WHERE id = ?`, [memberId]);
    }
  }
}

function branchesUnder(ctx: Ctx, org: Organization): Organization[] {
  let found = ctx.branchesUnder.get(org.path);
  if (!found) {
    found = ctx.branches.filter((b) => b.path.startsWith(org.path));
    ctx.branchesUnder.set(org.path, found);
  }
  return found;
}

async function inbound(ctx: Ctx, people: PeopleFactory, writer: MemberWriter, cipher: IdNumberCipher, target: TransferState): Promise<void> {
  const { em, f } = ctx;
  const receiver = pick(f, ctx.committees);
  const candidates = branchesUnder(ctx, receiver);
  const branch = pick(f, candidates);
  const person = people.member({ id: branch.id, path: branch.path, type: branch.type }, null);
  const [source, region] = pick(f, OUTSIDE.slice(0, 8));
  const actions: TransferAction[] = target === 'COMPLETED' ? ['accept', 'confirmReported'] : target === 'ACCEPTED' ? ['accept'] : target === 'BOUNCED' ? ['bounce'] : target === 'EXPIRED' ? ['expire'] : [];
  const open = target !== 'COMPLETED';
  const times = timeline(f, actions.length, ctx.now, open);
  const letterNo = `${times[0].getUTCFullYear()}${intBetween(f, 320100, 449999)}${String(intBetween(f, 1, 999)).padStart(3, '0')}`;
  const validUntil = shanghaiInstant(addDays(shanghaiDate(times[0]), 29), '23:59');
  const pid = protectedId(cipher, person.idNumber);
  let memberId: number | null = null;
  if (actions.includes('accept')) {
    [memberId] = await writer.insert(em, [{ ...person, since: shanghaiDate(times[1]) }]);
    if (open) await em.query(`UPDATE members SET status = 'IN_TRANSFER' WHERE id = ?`, [memberId]);
  }
  const t = em.create(Transfer, {
    memberId,
    openMemberId: open ? memberId : null,
    openIncomingHash: open && memberId === null ? pid.idNumberHash : null,
    openIncomingLetter: open ? incomingLetterKey(letterNo) : null,
    channel: 'INBOUND',
    state: 'LETTER_ISSUED',
    version: 1,
    reason: pick(f, REASONS),
    reasonDetail: '',
    duesPaidThrough: person.duesPaidThrough,
    phone: person.phone,
    sourceOrgId: null,
    sourceOrgPath: null,
    sourceCommitteeId: null,
    sourceCommitteePath: null,
    issuerOrgId: null,
    issuerOrgPath: null,
    countyApprovalRequired: false,
    destinationOrgId: receiver.id,
    destinationName: receiver.name,
    destinationRegion: null,
    destinationAddressee: receiver.name,
    destinationCommitteeId: receiver.id,
    destinationCommitteePath: receiver.path,
    destinationBranchId: actions.includes('accept') ? branch.id : null,
    destinationBranchPath: actions.includes('accept') ? branch.path : null,
    holderKind: 'COMMITTEE',
    holderOrgId: null,
    holderOrgPath: null,
    dueAt: null,
    stepStartedAt: times[0],
    letterValidUntil: validUntil,
    returnNote: null,
    checklist: null,
    incomingLetterNo: letterNo,
    incomingMember: JSON.stringify({
      name: person.name, sex: person.sex, ethnicity: person.ethnicity, birthDate: person.birthDate, ...pid,
      phone: person.phone, education: person.education,
      category: person.category, joinedAt: person.joinedAt, probationEndsAt: person.probationEndsAt, duesPaidThrough: person.duesPaidThrough,
      sourceOrgName: source, sourceRegion: region,
    }),
    createdByUserId: null,
    createdAt: times[0],
    updatedAt: times[0],
    submittedAt: times[0],
    completedAt: null,
    workingDays: null,
  });
  await em.insert(Transfer, t);
  const events: Partial<TransferEvent>[] = [event(t, times[0], 'register', null, 'LETTER_ISSUED', `${receiver.shortName}管理员`, 'COMMITTEE_ADMIN', receiver.id, null, { incomingLetterNo: letterNo })];
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    const from = t.state;
    const to = nextOf(from, a, false);
    const actor = a === 'confirmReported' ? branch : receiver;
    events.push(event(t, times[i + 1], a, from, to, a === 'expire' ? '系统' : `${actor.shortName}管理员`, a === 'expire' ? 'SYSTEM' : roleFor(actor), a === 'expire' ? null : actor.id, a === 'bounce' ? '介绍信信息与档案不符，请原党组织更正' : null));
    t.state = to;
  }
  const talk = await finish(ctx, t, times[times.length - 1]);
  if (talk) events.push(talk);
  ctx.events.push(...events);
}

/** What receiving branches noted of their talks with arriving members. */
const TALK_NOTES = [
  '了解工作和生活情况，介绍支部基本情况，明确参加组织生活的安排',
  '谈心谈话，了解思想和工作情况，已编入党小组',
  '介绍支部组织生活制度和党费交纳方式，党员表示按时参加组织生活',
  '了解家庭和工作情况，鼓励发挥党员作用，已安排联系人',
];

/**
 * Sets holder, deadline and completion from the final state, as the services would have; returns the event of the
 * receiving branch's talk (谈话) when it was held, to follow the transfer's other events.
 */
async function finish(ctx: Ctx, t: Transfer, last: Date): Promise<Partial<TransferEvent> | null> {
  const h = holderOf(factsOf(t));
  t.holderKind = h.kind as HolderKind;
  t.holderOrgPath = h.path;
  t.holderOrgId = h.path ? Number(h.path.split('/').filter(Boolean).at(-1)) : null;
  t.stepStartedAt = last;
  t.updatedAt = last;
  t.dueAt = stepDueAt(t, last, DEFAULT_DEADLINES);
  if (FINAL_STATES.includes(t.state)) {
    t.openMemberId = null;
    t.openIncomingHash = null;
    t.openIncomingLetter = null;
  }
  if (t.state === 'COMPLETED') {
    t.completedAt = last;
    t.workingDays = t.submittedAt ? workingDaysBetween(t.submittedAt, last) : null;
  }
  // The talk is due seven days after reporting; most were held within a few, and some are still pending — the latest
  // arrivals', and one in twenty-five forgotten past its day: what a receiving branch's list of talks to hold looks like.
  let talk: Partial<TransferEvent> | null = null;
  if (t.state === 'COMPLETED' && isReceiving(t.channel)) {
    const reported = shanghaiDate(last);
    t.talkDueOn = addDays(reported, 7);
    const heldOn = addDays(reported, 1 + (t.id % 5));
    if (heldOn <= shanghaiDate(ctx.now) && t.id % 25 !== 0) {
      const branch = ctx.byId.get(t.destinationBranchId!)!;
      t.talkHeldOn = heldOn;
      t.talkNote = TALK_NOTES[t.id % TALK_NOTES.length];
      const at = new Date(Math.min(shanghaiInstant(heldOn, '10:00').getTime(), ctx.now.getTime()));
      talk = event(t, at, 'recordTalk', 'COMPLETED', 'COMPLETED', `${branch.shortName}管理员`, roleFor(branch), branch.id, t.talkNote, { heldOn });
    }
  }
  // A letter seeded long ago is still "issued" only if its validity has not run out.
  if (t.state === 'LETTER_ISSUED' && t.letterValidUntil && t.letterValidUntil < ctx.now) {
    t.letterValidUntil = new Date(ctx.now.getTime() + 5 * 86400_000);
  }
  await ctx.em.update(Transfer, { id: t.id }, {
    state: t.state, holderKind: t.holderKind, holderOrgId: t.holderOrgId, holderOrgPath: t.holderOrgPath, stepStartedAt: t.stepStartedAt,
    updatedAt: t.updatedAt, dueAt: t.dueAt, openMemberId: t.openMemberId, openIncomingHash: t.openIncomingHash, openIncomingLetter: t.openIncomingLetter, completedAt: t.completedAt, workingDays: t.workingDays, submittedAt: t.submittedAt,
    checklist: t.checklist, returnNote: t.returnNote, letterValidUntil: t.letterValidUntil, destinationBranchId: t.destinationBranchId,
    destinationBranchPath: t.destinationBranchPath, version: 1 + (await ctx.em.count(TransferEvent, { where: { transferId: t.id } })),
    talkDueOn: t.talkDueOn ?? null, talkHeldOn: t.talkHeldOn ?? null, talkNote: t.talkNote ?? null,
  });
  return talk;
}

async function issueLetter(ctx: Ctx, t: Transfer, member: Member, issuer: Organization, sourceName: string, at: Date, previous: Letter | null): Promise<Letter> {
  const day = shanghaiDate(at);
  const year = Number(day.slice(0, 4));
  const key = `${issuer.id}:${year}`;
  const seq = (ctx.sequences.get(key) ?? 0) + 1;
  ctx.sequences.set(key, seq);
  const serial = `${year}${issuer.code.replace(/[^A-Za-z0-9]/g, '')}${String(seq).padStart(3, '0')}`;
  const days = t.channel === 'IN_COUNTY' || t.channel === 'IN_PROVINCE' ? 30 : 90;
  const snapshot = letterSnapshot({ serial, transfer: t, member, issuer, sourceName, issuedDate: day, validityDays: days, reissueOf: previous?.serial ?? null });
  if (previous && previous.status === 'VOID') await ctx.em.update(Letter, { id: previous.id }, { status: 'VOID', closedAt: at });
  const letter = ctx.em.create(Letter, {
    transferId: t.id,
    serial,
    token: randomBytes(16).toString('base64url'),
    issuerOrgId: issuer.id,
    issuedAt: at,
    validUntil: new Date(shanghaiInstant(addDays(snapshot.validUntilDate, 1)).getTime() - 1),
    validityDays: days,
    status: 'VALID',
    addressee: snapshot.addressee,
    reissueOf: previous?.serial ?? null,
    snapshot: JSON.stringify(snapshot),
    issuedByUserId: null,
    closedAt: null,
  });
  await ctx.em.insert(Letter, letter);
  return letter;
}

/** The organisation whose administrator took a step from a given state. */
function holderOrgFor(ctx: Ctx, from: TransferState, t: Transfer): Organization | null {
  const h = holderOf({ ...factsOf(t), state: from });
  if (!h.path) return null;
  return ctx.byId.get(Number(h.path.split('/').filter(Boolean).at(-1))) ?? null;
}

function roleFor(org: Organization): string {
  return org.level === 'BRANCH' ? 'BRANCH_ADMIN' : org.level === 'COUNTY_COMMITTEE' ? 'COUNTY_ADMIN' : 'COMMITTEE_ADMIN';
}

function event(t: Transfer, at: Date, action: string, from: TransferState | null, to: TransferState, actorName: string, actorRole: string | null, actorOrgId: number | null, comment: string | null = null, detail?: Record<string, unknown>): Partial<TransferEvent> {
  return { transferId: t.id, at, actorUserId: null, actorName, actorRole, actorOrgId, action, fromState: from, toState: to, comment, detail: detail ? JSON.stringify(detail) : null };
}

function protectedId(cipher: IdNumberCipher, idNumber: string) {
  const p = cipher.protect(idNumber);
  return { idNumberEnc: p.enc, idNumberHash: p.hash, idNumberMasked: p.masked };
}
