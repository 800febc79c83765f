import type { Role } from '../auth/roles';
import { isOutbound, isReceiving, type HolderKind, type TransferAction, type TransferChannel, type TransferState } from './transfer';

/**
 * The transfer state machine of domain.md §4 as one pure function: (facts, action, actor) → the next state, or a
 * refusal with a reason. Nothing else decides a transfer's state; the server applies the decision in a transaction
 * and the web uses `allowedActions` to show only the buttons that would work.
 */

/** Where the transfer stands in the organisation tree (materialized paths like `/1/23/456/`). */
export interface TransferFacts {
  channel: TransferChannel;
  state: TransferState;
  /** The member's own record; null for an inbound transfer before the member is placed. */
  memberId: number | null;
  /** The member's branch (outbound and in-county). */
  sourceBranchPath: string | null;
  /** The grassroots committee that approves after pre-review. */
  sourceCommitteePath: string | null;
  /** The organisation that issues the letter: the source committee if it has authority, else the county. */
  issuerPath: string | null;
  /** The root (county committee): its administrators approve what only the county may. */
  countyPath: string;
  /** In-county and inbound: the committee that accepts and places the member. */
  destinationCommitteePath: string | null;
  /** Set when the destination accepts: the branch the member will report to. */
  destinationBranchPath: string | null;
  countyApprovalRequired: boolean;
}

export interface ActorFacts {
  memberId: number | null;
  /** Administrative roles and the subtree each covers. */
  assignments: { role: Role; path: string }[];
  /** The scheduler (letter expiry). */
  system?: boolean;
}

export type RefusalReason = 'WRONG_STATE' | 'WRONG_CHANNEL' | 'WRONG_ROLE' | 'WRONG_ORGANIZATION' | 'SYSTEM_ONLY';

export type Decision =
  | { ok: true; next: TransferState }
  | { ok: false; reason: RefusalReason; message: string };

/** Which administrators may act at a tier: branch-level work may also be done by the committees above. */
const TIER_ROLES: Record<Exclude<HolderKind, 'MEMBER' | 'NONE'>, Role[]> = {
  BRANCH: ['BRANCH_ADMIN', 'COMMITTEE_ADMIN', 'COUNTY_ADMIN'],
  COMMITTEE: ['COMMITTEE_ADMIN', 'COUNTY_ADMIN'],
  COUNTY: ['COUNTY_ADMIN'],
};

type Where = (f: TransferFacts) => string | null;
const sourceBranch: Where = (f) => f.sourceBranchPath;
const sourceCommittee: Where = (f) => f.sourceCommitteePath;
const issuer: Where = (f) => f.issuerPath;
const county: Where = (f) => f.countyPath;
const destinationCommittee: Where = (f) => f.destinationCommitteePath;
const destinationBranch: Where = (f) => f.destinationBranchPath;
/** Re-issuing an inbound letter is the receiving committee's registration; outbound it is the issuer's. */
const reissuer: Where = (f) => (f.channel === 'INBOUND' ? f.destinationCommitteePath : f.issuerPath);

interface Rule {
  /** Who acts: the member (or an administrator of their branch on their behalf), an admin tier, or the scheduler. */
  by: HolderKind | 'SYSTEM';
  at: Where;
  channels?: (c: TransferChannel) => boolean;
  next: TransferState | ((f: TransferFacts) => TransferState);
}

const notInbound = (c: TransferChannel) => c !== 'INBOUND';
const receives = isReceiving;
const member = (next: TransferState): Rule => ({ by: 'MEMBER', at: sourceBranch, channels: notInbound, next });
const withdraw = member('WITHDRAWN');

export const TRANSFER_RULES: Partial<Record<TransferState, Partial<Record<TransferAction, Rule>>>> = {
  DRAFT: { submit: member('SUBMITTED') },
  SUBMITTED: {
    preApprove: { by: 'BRANCH', at: sourceBranch, next: 'PRE_APPROVED' },
    return: { by: 'BRANCH', at: sourceBranch, next: 'RETURNED' },
    reject: { by: 'BRANCH', at: sourceBranch, next: 'REJECTED' },
    withdraw,
  },
  RETURNED: { submit: member('SUBMITTED'), withdraw },
  PRE_APPROVED: {
    approve: { by: 'COMMITTEE', at: sourceCommittee, next: (f) => (f.countyApprovalRequired ? 'COMMITTEE_APPROVED' : 'APPROVED') },
    return: { by: 'COMMITTEE', at: sourceCommittee, next: 'RETURNED' },
    reject: { by: 'COMMITTEE', at: sourceCommittee, next: 'REJECTED' },
    withdraw,
  },
  COMMITTEE_APPROVED: {
    approve: { by: 'COUNTY', at: county, next: 'APPROVED' },
    return: { by: 'COUNTY', at: county, next: 'RETURNED' },
    reject: { by: 'COUNTY', at: county, next: 'REJECTED' },
    withdraw,
  },
  APPROVED: {
    issueLetter: { by: 'COMMITTEE', at: issuer, next: 'LETTER_ISSUED' },
    withdraw,
  },
  LETTER_ISSUED: {
    accept: { by: 'COMMITTEE', at: destinationCommittee, channels: receives, next: 'ACCEPTED' },
    bounce: { by: 'COMMITTEE', at: destinationCommittee, channels: receives, next: 'BOUNCED' },
    recordReceipt: { by: 'COMMITTEE', at: issuer, channels: isOutbound, next: 'COMPLETED' },
    revoke: { by: 'COMMITTEE', at: issuer, channels: notInbound, next: 'REVOKED' },
    expire: { by: 'SYSTEM', at: county, next: 'EXPIRED' },
  },
  // With no letter in force (bounced, lapsed, revoked) the member may still give up the transfer rather than wait for
  // another letter — one sent to the wrong committee is otherwise open for ever, and blocks a new application — and
  // the receiving committee may close an arrival whose member never brings a valid letter (with its reason).
  BOUNCED: {
    reissue: { by: 'COMMITTEE', at: reissuer, next: 'LETTER_ISSUED' },
    withdraw,
    reject: { by: 'COMMITTEE', at: destinationCommittee, channels: (c) => c === 'INBOUND', next: 'REJECTED' },
  },
  EXPIRED: {
    reissue: { by: 'COMMITTEE', at: reissuer, next: 'LETTER_ISSUED' },
    withdraw,
    reject: { by: 'COMMITTEE', at: destinationCommittee, channels: (c) => c === 'INBOUND', next: 'REJECTED' },
    // An outbound letter's receipt is due a month after issue, so a receipt can come back after a 30-day validity: the
    // member reported in time (a receiver takes no expired letter), and the transfer completes on it.
    recordReceipt: { by: 'COMMITTEE', at: issuer, channels: isOutbound, next: 'COMPLETED' },
  },
  REVOKED: { reissue: { by: 'COMMITTEE', at: reissuer, channels: notInbound, next: 'LETTER_ISSUED' }, withdraw },
  ACCEPTED: { confirmReported: { by: 'BRANCH', at: destinationBranch, next: 'COMPLETED' } },
};

const covers = (scope: string, path: string) => path.startsWith(scope);

export function decide(facts: TransferFacts, action: TransferAction, actor: ActorFacts): Decision {
  const rule = TRANSFER_RULES[facts.state]?.[action];
  if (!rule) return { ok: false, reason: 'WRONG_STATE', message: `Cannot ${action} a transfer that is ${facts.state}` };
  if (rule.channels && !rule.channels(facts.channel)) {
    return { ok: false, reason: 'WRONG_CHANNEL', message: `${action} does not apply to a ${facts.channel} transfer` };
  }
  const next = typeof rule.next === 'function' ? rule.next(facts) : rule.next;
  if (rule.by === 'SYSTEM') {
    return actor.system ? { ok: true, next } : { ok: false, reason: 'SYSTEM_ONLY', message: 'Only the scheduler expires letters' };
  }
  const path = rule.at(facts);
  if (rule.by === 'MEMBER') {
    if (actor.memberId !== null && actor.memberId === facts.memberId) return { ok: true, next };
    // An administrator of the member's branch may act for a member who cannot (e.g. an elderly member without a phone).
    return tierDecision('BRANCH', path, actor, next);
  }
  if (rule.by === 'NONE') return { ok: false, reason: 'WRONG_STATE', message: 'Nobody can act on this transfer' };
  return tierDecision(rule.by, path, actor, next);
}

function tierDecision(tier: keyof typeof TIER_ROLES, path: string | null, actor: ActorFacts, next: TransferState): Decision {
  const roles = TIER_ROLES[tier];
  const eligible = actor.assignments.filter((a) => roles.includes(a.role));
  if (!eligible.length) return { ok: false, reason: 'WRONG_ROLE', message: `This step needs a ${tier.toLowerCase()}-level administrator` };
  if (!path || !eligible.some((a) => covers(a.path, path))) {
    return { ok: false, reason: 'WRONG_ORGANIZATION', message: 'This step belongs to another organisation' };
  }
  return { ok: true, next };
}

/**
 * Who may record the talk (谈话) with a member after they report: the branch they reported to (or the committees
 * above it), once the transfer has completed into one of the county's branches. Not a step of the machine — the
 * transfer stays completed — but decided here with the same tiers, so that the server and the web agree.
 */
export function decideTalk(facts: TransferFacts, actor: ActorFacts): Decision {
  if (facts.state !== 'COMPLETED') return { ok: false, reason: 'WRONG_STATE', message: 'A talk is recorded once the member has reported' };
  if (!receives(facts.channel)) return { ok: false, reason: 'WRONG_CHANNEL', message: 'A member who left the county has their talk at the receiving organisation' };
  return tierDecision('BRANCH', facts.destinationBranchPath, actor, 'COMPLETED');
}

/** Every action the actor could take now (for the buttons the web shows). */
export function allowedActions(facts: TransferFacts, actor: ActorFacts): TransferAction[] {
  const rules = TRANSFER_RULES[facts.state] ?? {};
  return (Object.keys(rules) as TransferAction[]).filter((a) => a !== 'expire' && decide(facts, a, actor).ok);
}

/** Who holds the transfer now — the queue it sits in — and where in the tree. */
export function holderOf(facts: TransferFacts): { kind: HolderKind; path: string | null } {
  switch (facts.state) {
    case 'DRAFT':
    case 'RETURNED':
      return { kind: 'MEMBER', path: facts.sourceBranchPath };
    case 'SUBMITTED':
      return { kind: 'BRANCH', path: facts.sourceBranchPath };
    case 'PRE_APPROVED':
      return { kind: 'COMMITTEE', path: facts.sourceCommitteePath };
    case 'COMMITTEE_APPROVED':
      return { kind: 'COUNTY', path: facts.countyPath };
    case 'APPROVED':
      return { kind: 'COMMITTEE', path: facts.issuerPath };
    case 'LETTER_ISSUED':
      return receives(facts.channel)
        ? { kind: 'COMMITTEE', path: facts.destinationCommitteePath }
        : { kind: 'COMMITTEE', path: facts.issuerPath };
    case 'BOUNCED':
    case 'EXPIRED':
    case 'REVOKED':
      return { kind: 'COMMITTEE', path: reissuer(facts) };
    case 'ACCEPTED':
      return { kind: 'BRANCH', path: facts.destinationBranchPath };
    default:
      return { kind: 'NONE', path: null };
  }
}

/** The admin roles that may work a holder tier (for queue queries). */
export function rolesForHolder(kind: HolderKind): Role[] {
  return kind === 'MEMBER' || kind === 'NONE' ? [] : TIER_ROLES[kind];
}
