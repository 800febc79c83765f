import type { MemberCategory, Sex } from '../members/member';
import type { OrgRef } from '../organizations/organization';

/** The reference state machine of domain.md §4. */
export const TransferState = {
  DRAFT: 'DRAFT',
  SUBMITTED: 'SUBMITTED',
  RETURNED: 'RETURNED',
  PRE_APPROVED: 'PRE_APPROVED',
  COMMITTEE_APPROVED: 'COMMITTEE_APPROVED',
  APPROVED: 'APPROVED',
  LETTER_ISSUED: 'LETTER_ISSUED',
  BOUNCED: 'BOUNCED',
  EXPIRED: 'EXPIRED',
  REVOKED: 'REVOKED',
  ACCEPTED: 'ACCEPTED',
  COMPLETED: 'COMPLETED',
  REJECTED: 'REJECTED',
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type TransferState = (typeof TransferState)[keyof typeof TransferState];
export const TRANSFER_STATES = Object.values(TransferState);
export const FINAL_STATES: readonly TransferState[] = ['COMPLETED', 'REJECTED', 'WITHDRAWN'];
export const isFinalState = (s: TransferState) => FINAL_STATES.includes(s);

/**
 * The queue tabs count up to this many transfers; a count above it (the API answers QUEUE_COUNT_CAP + 1) is shown
 * as "99+". Counting stops there, so a tab costs the same in a county and in a province.
 */
export const QUEUE_COUNT_CAP = 99;
/** A queue tab's count as shown: the number, or "99+" past the cap. */
export const queueCountLabel = (n: number): string => (n > QUEUE_COUNT_CAP ? `${QUEUE_COUNT_CAP}+` : String(n));

/**
 * What waits for an administrator, for the menu's badge: their to-do count and how many of those are overdue (each
 * capped like a tab's count).
 */
export interface TransferWaiting {
  todo: number;
  overdue: number;
}

/**
 * An administrator's lists of transfers: to do (their turn), watching (open in their scope, someone else's turn),
 * done (they acted on it) — the three counted tabs — and all (台账: every application in their scope, whatever its
 * state, finished ones included; uncounted, as it only grows).
 */
export const TRANSFER_QUEUES = ['todo', 'watching', 'done', 'all'] as const;
export type TransferQueue = (typeof TRANSFER_QUEUES)[number];
export const COUNTED_QUEUES = ['todo', 'watching', 'done'] as const satisfies readonly TransferQueue[];
export type CountedQueue = (typeof COUNTED_QUEUES)[number];

export const TransferChannel = {
  IN_COUNTY: 'IN_COUNTY', // both organisations are on this platform
  IN_PROVINCE: 'IN_PROVINCE', // another county of the province: electronic letter, ends at receipt
  CROSS_PROVINCE: 'CROSS_PROVINCE', // another province: letter addressed to a committee with direct authority
  OUT_OF_SYSTEM: 'OUT_OF_SYSTEM', // receiver on no system: paper letter handed over in person
  INBOUND: 'INBOUND', // a member arriving from outside the county
} as const;
export type TransferChannel = (typeof TransferChannel)[keyof typeof TransferChannel];
export const TRANSFER_CHANNELS = Object.values(TransferChannel);
/** Channels whose letter leaves the county and ends when the receipt (回执) is recorded. */
export const OUTBOUND_CHANNELS: readonly TransferChannel[] = ['IN_PROVINCE', 'CROSS_PROVINCE', 'OUT_OF_SYSTEM'];
export const isOutbound = (c: TransferChannel) => OUTBOUND_CHANNELS.includes(c);

/**
 * How many days before a letter's last valid day its member and holders are reminded (the server's default for
 * LETTER_EXPIRY_REMINDER_DAYS); the screens mark the days left in red from then on.
 */
export const LETTER_EXPIRY_REMINDER_DAYS = 5;
/** Channels that end with the member reporting to one of the county's branches (which then talks with them). */
export const isReceiving = (c: TransferChannel) => c === 'IN_COUNTY' || c === 'INBOUND';

export const TransferAction = {
  SUBMIT: 'submit',
  WITHDRAW: 'withdraw',
  PRE_APPROVE: 'preApprove',
  RETURN: 'return',
  REJECT: 'reject',
  APPROVE: 'approve',
  ISSUE_LETTER: 'issueLetter',
  ACCEPT: 'accept',
  BOUNCE: 'bounce',
  CONFIRM_REPORTED: 'confirmReported',
  RECORD_RECEIPT: 'recordReceipt',
  REVOKE: 'revoke',
  REISSUE: 'reissue',
  /** Only the scheduled job: the letter's validity ended before it was used. */
  EXPIRE: 'expire',
} as const;
export type TransferAction = (typeof TransferAction)[keyof typeof TransferAction];
export const TRANSFER_ACTIONS = Object.values(TransferAction);
/** Actions a person may request through the API (expire is the scheduler's). */
export const USER_TRANSFER_ACTIONS = TRANSFER_ACTIONS.filter((a) => a !== 'expire');

export const TransferReason = {
  JOB_CHANGE: 'JOB_CHANGE', // 工作变动
  GRADUATION: 'GRADUATION', // 毕业
  RESIDENCE: 'RESIDENCE', // 居住地变更
  OTHER: 'OTHER',
} as const;
export type TransferReason = (typeof TransferReason)[keyof typeof TransferReason];
export const TRANSFER_REASONS = Object.values(TransferReason);

/** The pre-review (初审) checklist of domain.md §4; each item must be confirmed to pre-approve. */
export const CHECKLIST_ITEMS = [
  'identityVerified', // name and ID number match the record
  'duesPaid', // dues paid up to the month of transfer
  'goodStanding', // not out of contact, no six-month lapse
  'destinationExact', // destination's full name exact; cross-province addressee has direct authority
  'probationHandled', // probationary: overdue probation decided first; running assessment goes with the file
  'materialsComplete', // file location known; application form copy if the file has not moved
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export type Checklist = Record<ChecklistItem, boolean>;

export const TRANSFER_STATE_LABELS_ZH: Record<TransferState, string> = {
  DRAFT: '草稿',
  SUBMITTED: '待初审',
  RETURNED: '退回补正',
  PRE_APPROVED: '待党委审批',
  COMMITTEE_APPROVED: '待组织部审批',
  APPROVED: '待开具介绍信',
  LETTER_ISSUED: '介绍信已开具',
  BOUNCED: '被退回',
  EXPIRED: '介绍信已过期',
  REVOKED: '介绍信已作废',
  ACCEPTED: '已接收待报到',
  COMPLETED: '已完成',
  REJECTED: '未通过',
  WITHDRAWN: '已撤回',
};

export const TRANSFER_CHANNEL_LABELS_ZH: Record<TransferChannel, string> = {
  IN_COUNTY: '市内转接',
  IN_PROVINCE: '省内转出',
  CROSS_PROVINCE: '跨省转出',
  OUT_OF_SYSTEM: '转往系统外',
  INBOUND: '市外转入',
};

export const TRANSFER_REASON_LABELS_ZH: Record<TransferReason, string> = {
  JOB_CHANGE: '工作变动',
  GRADUATION: '毕业',
  RESIDENCE: '居住地变更',
  OTHER: '其他',
};

/** Who must act next: the member, or an administrator of this tier over this organisation. */
/** Who holds a transfer: a tier's queue, the member, or nobody (exactly the final states; queue SQL relies on it). */
export const HOLDER_KINDS = ['MEMBER', 'BRANCH', 'COMMITTEE', 'COUNTY', 'NONE'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

export interface TransferDestination {
  /** In-county: the organisation chosen from the tree. */
  org: OrgRef | null;
  /** Full official name (outside the county: as typed; in-county: copied from the tree). */
  name: string;
  region: string | null;
  /** 抬头: the committee the letter is addressed to. */
  addressee: string | null;
}

/**
 * The talk (谈话) the receiving branch holds with a member within days of their reporting (domain.md §4 Deadlines):
 * tracked for transfers that end in one of the county's branches (in-county and inbound), from their completion.
 */
export interface TransferTalk {
  /** The last day it is due, Xinyi's date (YYYY-MM-DD). */
  dueOn: string;
  /** The day it was held, as the branch recorded it; null while it is pending. */
  heldOn: string | null;
  /** What the branch noted of it. */
  note: string | null;
  /** Pending past its last day. */
  overdue: boolean;
}

/** The longest note a talk's record keeps. */
export const TALK_NOTE_MAX = 500;

export interface TransferEventView {
  id: number;
  at: string;
  action: TransferAction | 'create' | 'edit' | 'register' | 'recordTalk';
  fromState: TransferState | null;
  toState: TransferState;
  actorName: string;
  actorRole: string | null;
  actorOrg: string | null;
  comment: string | null;
  /** Return for supplementation: everything missing, listed at once (一次性告知). */
  missing?: string[];
  /** What the step produced, where it matters to read later. */
  letterSerial?: string;
  /** 补开: the serial of the letter this re-issue replaces. */
  reissueOf?: string;
  /** accept: the branch the member was placed in. */
  branch?: string;
  /** recordReceipt: who handled the receipt at the receiving committee, and their phone. */
  receiptHandler?: string | null;
  receiptPhone?: string | null;
  /** register / inbound re-issue: the number of the letter the member brought. */
  incomingLetterNo?: string;
  /** recordTalk: the day the talk was held. */
  talkHeldOn?: string;
}

export interface LetterView {
  id: number;
  serial: string;
  status: 'VALID' | 'USED' | 'EXPIRED' | 'REVOKED' | 'VOID';
  issuedAt: string;
  validUntil: string;
  validityDays: number;
  issuer: OrgRef;
  addressee: string;
  reissueOf: string | null;
  verifyUrl: string;
  printCount: number;
}

export interface TransferSummary {
  id: number;
  channel: TransferChannel;
  state: TransferState;
  version: number;
  member: { id: number | null; name: string };
  source: OrgRef | null;
  destination: TransferDestination;
  /** Null while a draft has none chosen yet (submitting requires one). */
  reason: TransferReason | null;
  holder: { kind: HolderKind; org: OrgRef | null };
  /** When the current step is due; null when nobody in the organisations is waited on. */
  dueAt: string | null;
  overdue: boolean;
  submittedAt: string | null;
  updatedAt: string;
  /** In the caller's done queue only: when they last acted on it, which orders that list (ISO 8601). */
  actedAt?: string;
  /** While the receiving branch's talk with the member is still to be held: its last day (Xinyi's date); else null. */
  talkDueOn: string | null;
}

export interface TransferDetail extends TransferSummary {
  /**
   * Who works the current step when the organisation holding it has no administrator of its own: the nearest
   * administered organisation above (代办), so the member knows whom to ask and an administrator sees whose work it is.
   * Null when the holder's own administrators work it, or the step waits on the member or on no one.
   */
  servedBy: OrgRef | null;
  reasonDetail: string;
  duesPaidThrough: string;
  /**
   * The member's phone; null for a receiving side the transfer has not reached (no letter issued to it yet, or never:
   * withdrawn, rejected at the source), which sees the member's name and no more of them (PIPL minimisation).
   */
  phone: string | null;
  returnNote: string[] | null;
  checklist: Checklist | null;
  countyApprovalRequired: boolean;
  incomingLetterNo: string | null;
  /** INBOUND: the last valid day of the letter the member brought (YYYY-MM-DD, Xinyi); null otherwise. */
  incomingValidUntil: string | null;
  incomingMember: {
    name: string;
    sex: Sex;
    category: MemberCategory;
    idNumberMasked: string;
    /** The organisation outside the county that issued the letter the member brought. */
    sourceOrgName: string;
    sourceRegion: string | null;
  } | null;
  /**
   * What the letter states of a county member (sex, age, ethnicity, category), for whoever may read the transfer: the
   * receiving side cannot open the record while it is at the source, and decides acceptance and the branch on these.
   */
  memberFacts: { sex: Sex; birthDate: string; ethnicity: string; category: MemberCategory; joinedAt: string; probationEndsAt: string | null } | null;
  destinationBranch: OrgRef | null;
  letter: LetterView | null;
  letters: LetterView[];
  events: TransferEventView[];
  /** The actions the caller may take now (for buttons); the server re-checks on every request. */
  allowedActions: TransferAction[];
  /** Automatic pre-review flags for the reviewer. */
  flags: { duesOwedMonths: number; probationOverdue: boolean };
  completedAt: string | null;
  /** The receiving branch's talk with the member after reporting; null where none is tracked. */
  talk: TransferTalk | null;
  /** Whether the caller may record that talk now. */
  canRecordTalk: boolean;
  /**
   * Whether the caller may open the member's record (GET /api/members/:id): it lies in their scope. The receiving side
   * may not until the member is placed with them, and reads `memberFacts` instead.
   */
  memberRecordReadable: boolean;
}

/** The steps of a transfer as its timeline names them (the web's `transfers.event.*`; the audit log's words for them too). */
export const TRANSFER_EVENT_LABELS_ZH = {
  create: '创建申请',
  edit: '修改申请',
  register: '登记转入',
  submit: '提交申请',
  withdraw: '撤回申请',
  preApprove: '党支部初审通过',
  return: '退回补正',
  reject: '不予通过',
  approve: '党委审批通过',
  approveToCounty: '党委审批通过，报市委组织部审批',
  approveCounty: '市委组织部审批通过',
  issueLetter: '开具介绍信',
  accept: '接收并编入党支部',
  bounce: '介绍信被退回',
  confirmReported: '确认已报到，转接完成',
  recordReceipt: '收到回执，转接完成',
  revoke: '介绍信作废',
  reissue: '补开介绍信',
  reissueCorrected: '更正后重新开具介绍信',
  expire: '介绍信超过有效期',
  recordTalk: '报到后谈话',
};
export type TransferEvent = keyof typeof TRANSFER_EVENT_LABELS_ZH;
