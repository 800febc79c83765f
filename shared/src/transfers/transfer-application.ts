import type { FieldError } from '../common/errors';
import { MOBILE_PATTERN } from '../members/member';
import type { TransferChannel, TransferReason } from './transfer';

/** What a member's application holds, as the server stores it and as the wizard has it typed. */
export interface TransferApplicationFields {
  channel: TransferChannel;
  destinationOrgId: number | null;
  destinationName: string;
  destinationRegion: string | null;
  destinationAddressee: string | null;
  /** Null until the member chooses one: nothing is chosen for them (a preselected reason goes through unread). */
  reason: TransferReason | null;
  reasonDetail: string;
  duesPaidThrough: string;
  phone: string;
}

/**
 * Everything an application still lacks before it can be submitted, all at once (一次性告知). The server refuses a
 * submit with these; the member's wizard checks a step's own fields with the same rules before moving on, so the
 * member hears of a missing destination on the first step and not at the end.
 */
export function applicationProblems(a: TransferApplicationFields): FieldError[] {
  const problems: FieldError[] = [];
  const need = (field: string, message: string) => problems.push({ field, constraint: 'required', message });
  if (a.channel === 'IN_COUNTY') {
    if (!a.destinationOrgId) need('destinationOrgId', 'Choose the destination organisation from the county directory');
  } else {
    if (a.destinationName.trim().length < 4) need('destinationName', 'Give the destination’s full official name');
    if ((a.channel === 'IN_PROVINCE' || a.channel === 'CROSS_PROVINCE') && !a.destinationRegion?.trim()) need('destinationRegion', 'Give the destination’s province and city');
    if (a.channel === 'CROSS_PROVINCE' && !a.destinationAddressee?.trim()) need('destinationAddressee', 'Give the committee with direct authority the letter is addressed to (抬头)');
  }
  if (!a.reason) need('reason', 'Choose the reason for the transfer');
  else if (a.reason === 'OTHER' && !a.reasonDetail.trim()) need('reasonDetail', 'Explain the reason');
  if (!/^\d{4}-\d{2}$/.test(a.duesPaidThrough)) need('duesPaidThrough', 'Give the month your dues are paid through');
  if (!MOBILE_PATTERN.test(a.phone.trim())) need('phone', 'Give a mobile number we can reach you on');
  return problems;
}
