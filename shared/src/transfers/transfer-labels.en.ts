import type { Role } from '../auth/roles';
import type { OrgLevel } from '../organizations/organization';
import type { TransferChannel, TransferReason, TransferState } from './transfer';
import type { TRANSFER_EVENT_LABELS_ZH } from './transfer';

// English words beside the Chinese ones in transfer.ts: the web's English screens and the exports asked for in English
// both use these. Files named *.en.ts stay out of the contract's chunk that every screen loads (web/vite.config.ts),
// so a member on the Chinese default never downloads them.

export const TRANSFER_STATE_LABELS_EN: Record<TransferState, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Awaiting pre-review',
  RETURNED: 'Returned for completion',
  PRE_APPROVED: 'Awaiting committee approval',
  COMMITTEE_APPROVED: 'Awaiting county approval',
  APPROVED: 'Awaiting letter',
  LETTER_ISSUED: 'Letter issued',
  BOUNCED: 'Letter bounced',
  EXPIRED: 'Letter expired',
  REVOKED: 'Letter revoked',
  ACCEPTED: 'Accepted, awaiting reporting',
  COMPLETED: 'Completed',
  REJECTED: 'Not approved',
  WITHDRAWN: 'Withdrawn',
};

export const TRANSFER_CHANNEL_LABELS_EN: Record<TransferChannel, string> = {
  IN_COUNTY: 'Within Xinyi',
  IN_PROVINCE: 'Within Jiangsu',
  CROSS_PROVINCE: 'To another province',
  OUT_OF_SYSTEM: 'Outside the system',
  INBOUND: 'Arriving from outside',
};

export const TRANSFER_REASON_LABELS_EN: Record<TransferReason, string> = { JOB_CHANGE: 'New job', GRADUATION: 'Graduation', RESIDENCE: 'Moved home', OTHER: 'Other' };

export const TRANSFER_EVENT_LABELS_EN: Record<keyof typeof TRANSFER_EVENT_LABELS_ZH, string> = {
  create: 'Application started',
  edit: 'Application edited',
  register: 'Arrival registered',
  submit: 'Application submitted',
  withdraw: 'Application withdrawn',
  preApprove: 'Pre-reviewed by the branch',
  return: 'Returned for completion',
  reject: 'Not approved',
  approve: 'Approved by the committee',
  approveToCounty: 'Approved by the committee, sent to the county',
  approveCounty: 'Approved by the county',
  issueLetter: 'Letter issued',
  accept: 'Accepted and placed in a branch',
  bounce: 'Letter bounced',
  confirmReported: 'Reported to the new branch: completed',
  recordReceipt: 'Receipt returned: completed',
  revoke: 'Letter revoked',
  reissue: 'Letter re-issued',
  reissueCorrected: 'Corrected letter issued',
  expire: 'Letter expired',
  recordTalk: 'Talk after reporting',
};

export const ROLE_LABELS_EN: Record<Role, string> = {
  MEMBER: 'Member',
  BRANCH_ADMIN: 'Branch administrator',
  COMMITTEE_ADMIN: 'Committee administrator',
  COUNTY_ADMIN: 'Organisation department',
  SYSTEM_ADMIN: 'System administrator',
};

export const ORG_LEVEL_LABELS_EN: Record<OrgLevel, string> = {
  COUNTY_COMMITTEE: 'County committee',
  COMMITTEE: 'Committee',
  GENERAL_BRANCH: 'General branch',
  BRANCH: 'Branch',
};
