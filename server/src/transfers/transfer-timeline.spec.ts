import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app.config';
import type { NotificationsService } from '../notifications/notifications.service';
import type { Transfer } from './entities/transfer.entity';
import { TransferTimeline } from './transfer-timeline';

/** Deadlines are pure arithmetic on the official calendar; notifications play no part in them. */
const timeline = (stepWorkingDays = 3) =>
  new TransferTimeline({} as NotificationsService, { transfers: { stepWorkingDays, receiptDueDays: 31 } } as AppConfig);

const transfer = (over: Partial<Transfer>) => ({ state: 'SUBMITTED', channel: 'IN_COUNTY', holderKind: 'BRANCH', ...over }) as Transfer;
/** 10:00 in Xinyi on a date. */
const at10 = (date: string) => new Date(`${date}T02:00:00Z`);

describe('TransferTimeline.dueFor', () => {
  it('gives an administrator three working days, to the end of the third (23:59:59.999 in Xinyi)', () => {
    // Thursday 26 November 2026 → Friday 27, Monday 30 November, Tuesday 1 December.
    expect(timeline().dueFor(transfer({}), at10('2026-11-26'))!.toISOString()).toBe('2026-12-01T15:59:59.999Z');
  });

  it('skips public holidays and counts make-up working days (调休)', () => {
    // Wednesday 30 September 2026: 1–7 October are off; 8, 9 and Saturday 10 October (调休) are worked.
    expect(timeline().dueFor(transfer({ holderKind: 'COMMITTEE', state: 'PRE_APPROVED' }), at10('2026-09-30'))!.toISOString()).toBe('2026-10-10T15:59:59.999Z');
    // Friday 13 February 2026, before the Spring Festival: Saturday 14 (调休), then 15–23 off, then 24 and 25.
    expect(timeline().dueFor(transfer({ holderKind: 'COUNTY', state: 'COMMITTEE_APPROVED' }), at10('2026-02-13'))!.toISOString()).toBe('2026-02-25T15:59:59.999Z');
  });

  it('starts counting from the Xinyi date, not the server’s', () => {
    // 23:30 UTC on Thursday is Friday morning in Xinyi: Monday, Tuesday, Wednesday.
    expect(timeline().dueFor(transfer({}), new Date('2026-11-26T23:30:00Z'))!.toISOString()).toBe('2026-12-02T15:59:59.999Z');
  });

  it('follows the configured number of working days', () => {
    expect(timeline(1).dueFor(transfer({}), at10('2026-11-27'))!.toISOString()).toBe('2026-11-30T15:59:59.999Z');
    expect(timeline(5).dueFor(transfer({}), at10('2026-11-26'))!.toISOString()).toBe('2026-12-03T15:59:59.999Z');
  });

  it('gives an outbound letter a month for its receipt, to the end of that day in Xinyi, and nobody a deadline when the member or no one holds it', () => {
    const from = at10('2026-11-26');
    expect(timeline().dueFor(transfer({ state: 'LETTER_ISSUED', channel: 'IN_PROVINCE', holderKind: 'COMMITTEE' }), from)!.toISOString()).toBe('2026-12-27T15:59:59.999Z');
    // An in-county letter waits on the receiving committee: an ordinary step.
    expect(timeline().dueFor(transfer({ state: 'LETTER_ISSUED', channel: 'IN_COUNTY', holderKind: 'COMMITTEE' }), from)!.toISOString()).toBe('2026-12-01T15:59:59.999Z');
    expect(timeline().dueFor(transfer({ state: 'RETURNED', holderKind: 'MEMBER' }), from)).toBeNull();
    expect(timeline().dueFor(transfer({ state: 'COMPLETED', holderKind: 'NONE' }), from)).toBeNull();
  });
});
