import { describe, expect, it } from 'vitest';
import { chinaDate } from '@zhdj/shared';
import { ApiError } from '@/api/errors';
import { event, transferDetail } from './test-fixtures';
import { classifyFailure } from './transfer-errors';
import { bookingLink, destinationText, dueToday, nextStepKey, statusTone, talkOverdue, visitNeeded } from './transfer-status';
import { buildTimeline, eventKey, foldEdits, formatDate, formatDateTime, formatDateTimeShort } from './transfer-timeline';

const committee = { id: 34, name: '中共新沂市北沟街道工作委员会', shortName: '北沟街道党工委', level: 'COMMITTEE' as const };

describe('the tracker timeline', () => {
  it('puts who holds it now and by when on top, then the steps newest first', () => {
    const t = transferDetail({
      state: 'LETTER_ISSUED',
      holder: { kind: 'COMMITTEE', org: committee },
      dueAt: '2026-12-02T15:59:59.999Z',
      overdue: true,
      events: [
        event('create', null, 'DRAFT'),
        event('submit', 'DRAFT', 'SUBMITTED'),
        event('preApprove', 'SUBMITTED', 'PRE_APPROVED', { actorRole: 'BRANCH_ADMIN', actorOrg: '新安街道沂河社区党支部' }),
        event('approve', 'PRE_APPROVED', 'APPROVED'),
        event('issueLetter', 'APPROVED', 'LETTER_ISSUED'),
      ],
    });
    const entries = buildTimeline(t);
    expect(entries[0]).toMatchObject({ kind: 'pending', holderOrg: committee, overdue: true, tone: 'danger' });
    expect(entries.slice(1).map((e) => (e.kind === 'event' ? e.titleKey : ''))).toEqual(['issueLetter', 'approve', 'preApprove', 'submit', 'create']);
  });

  it('ends with the last step when the transfer is over, green when completed', () => {
    const t = transferDetail({ state: 'COMPLETED', holder: { kind: 'NONE', org: null }, events: [event('confirmReported', 'ACCEPTED', 'COMPLETED')] });
    const entries = buildTimeline(t);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'event', titleKey: 'confirmReported', tone: 'success' });
  });

  it('keeps everything missing on a return', () => {
    const t = transferDetail({ state: 'RETURNED', events: [event('return', 'SUBMITTED', 'RETURNED', { missing: ['补交党费', '补充材料'], comment: '请补正' })] });
    const returned = buildTimeline(t).find((e) => e.kind === 'event');
    expect(returned).toMatchObject({ missing: ['补交党费', '补充材料'], comment: '请补正', tone: 'warning' });
  });

  it('folds the drafting edits and runs of edits', () => {
    const events = [
      event('create', null, 'DRAFT'),
      event('edit', 'DRAFT', 'DRAFT'),
      event('edit', 'DRAFT', 'DRAFT'),
      event('submit', 'DRAFT', 'SUBMITTED'),
      event('return', 'SUBMITTED', 'RETURNED'),
      event('edit', 'RETURNED', 'RETURNED'),
      event('edit', 'RETURNED', 'RETURNED'),
      event('submit', 'RETURNED', 'SUBMITTED'),
    ];
    expect(foldEdits(events).map((e) => e.action)).toEqual(['create', 'submit', 'return', 'edit', 'submit']);
  });

  it('words an approval by where it led', () => {
    expect(eventKey({ action: 'approve', fromState: 'PRE_APPROVED', toState: 'COMMITTEE_APPROVED' })).toBe('approveToCounty');
    expect(eventKey({ action: 'approve', fromState: 'COMMITTEE_APPROVED', toState: 'APPROVED' })).toBe('approveCounty');
    expect(eventKey({ action: 'approve', fromState: 'PRE_APPROVED', toState: 'APPROVED' })).toBe('approve');
    expect(eventKey({ action: 'reissue', fromState: 'BOUNCED', toState: 'LETTER_ISSUED' })).toBe('reissueCorrected');
    expect(eventKey({ action: 'reissue', fromState: 'REVOKED', toState: 'LETTER_ISSUED' })).toBe('reissue');
  });

  it('shows times in the county’s zone', () => {
    expect(formatDateTime('2026-11-28T16:30:00.000Z')).toBe('2026-11-29 00:30');
    expect(formatDate('2026-12-27T15:59:59.999Z')).toBe('2026-12-27');
    expect(formatDate('2026-12-27')).toBe('2026-12-27');
    expect(formatDateTime('garbage')).toBe('');
    // In Xinyi it is already 2027 at 16:30 UTC on New Year's Eve: that year's times lose their year, the year before's keep it.
    const newYear = new Date('2026-12-31T16:30:00.000Z');
    expect(formatDateTimeShort('2026-12-31T16:40:00.000Z', newYear)).toBe('01-01 00:40');
    expect(formatDateTimeShort('2026-12-31T15:50:00.000Z', newYear)).toBe('2026-12-31 23:50');
    expect(formatDateTimeShort(null, newYear)).toBe('');
  });
});

describe('status words and visits', () => {
  it('follows the three-colour register', () => {
    expect(statusTone({ state: 'SUBMITTED', overdue: true })).toBe('red');
    // A talk still to hold is overdue once its last day (Xinyi's) has passed, not on that day.
    expect(talkOverdue({ talkDueOn: chinaDate(new Date(Date.now() - 86_400_000)) })).toBe(true);
    expect(talkOverdue({ talkDueOn: chinaDate() })).toBe(false);
    expect(talkOverdue({ talkDueOn: null })).toBe(false);
    expect(statusTone({ state: 'RETURNED', overdue: false })).toBe('yellow');
    expect(statusTone({ state: 'COMPLETED', overdue: false })).toBe('green');
    expect(statusTone({ state: 'PRE_APPROVED', overdue: false })).toBe('blue');
    expect(statusTone({ state: 'WITHDRAWN', overdue: false })).toBe('grey');
  });

  it('marks a step due today in Xinyi, not one due tomorrow or already overdue', () => {
    // 15:00 on 2 December in Xinyi (07:00 UTC). A step's deadline is the end of a Xinyi day (15:59:59.999 UTC); a
    // letter's receipt is due a month after its issue, at any hour.
    const now = new Date('2026-12-02T07:00:00Z');
    expect(dueToday({ dueAt: '2026-12-02T15:59:59.999Z', overdue: false }, now)).toBe(true);
    expect(dueToday({ dueAt: '2026-12-03T15:59:59.999Z', overdue: false }, now)).toBe(false);
    // 23:30 UTC on the 1st is 07:30 on the 2nd in Xinyi: today there, though yesterday in UTC.
    expect(dueToday({ dueAt: '2026-12-01T23:30:00.000Z', overdue: false }, now)).toBe(true);
    expect(dueToday({ dueAt: '2026-12-02T06:00:00.000Z', overdue: true }, now)).toBe(false);
    expect(dueToday({ dueAt: null, overdue: false }, now)).toBe(false);
  });

  it('tells the member what happens next by channel', () => {
    expect(nextStepKey({ state: 'LETTER_ISSUED', channel: 'IN_COUNTY' })).toBe('LETTER_ISSUED_IN');
    expect(nextStepKey({ state: 'LETTER_ISSUED', channel: 'CROSS_PROVINCE' })).toBe('LETTER_ISSUED_OUT');
    expect(nextStepKey({ state: 'LETTER_ISSUED', channel: 'OUT_OF_SYSTEM' })).toBe('LETTER_ISSUED_PAPER');
    expect(nextStepKey({ state: 'SUBMITTED', channel: 'OUT_OF_SYSTEM' })).toBe('SUBMITTED');
  });

  it('offers a booking where a visit is needed', () => {
    expect(visitNeeded({ state: 'LETTER_ISSUED', channel: 'OUT_OF_SYSTEM' })).toBe('COLLECT_LETTER');
    expect(visitNeeded({ state: 'LETTER_ISSUED', channel: 'IN_COUNTY' })).toBeNull();
    expect(visitNeeded({ state: 'RETURNED', channel: 'IN_COUNTY' })).toBe('HAND_IN_MATERIALS');
    expect(bookingLink(12, 'COLLECT_LETTER')).toBe('/m/bookings/new?transferId=12&purpose=COLLECT_LETTER');
  });
});

describe('who acted', () => {
  it('names the organisation after the actor, unless the account is named after it', () => {
    const tr = transferDetail({
      events: [
        event('approve', 'PRE_APPROVED', 'COMMITTEE_APPROVED', { actorName: '市社会组织党委管理员', actorRole: 'COMMITTEE_ADMIN', actorOrg: '市社会组织党委' }),
        event('preApprove', 'SUBMITTED', 'PRE_APPROVED', { actorName: '李红', actorRole: 'BRANCH_ADMIN', actorOrg: '沂河社区党支部' }),
      ],
      state: 'COMPLETED',
    });
    const orgs = new Map(buildTimeline(tr).flatMap((x) => (x.kind === 'event' ? [[x.actorName, x.actorOrg] as const] : [])));
    expect(orgs.get('市社会组织党委管理员')).toBeNull();
    expect(orgs.get('李红')).toBe('沂河社区党支部');
  });
});

describe('the destination in one line', () => {
  it('names the county organisation, or the typed name with its region bracketed once', () => {
    const outside = (region: string | null) => destinationText({ destination: { org: null, name: '中国人民解放军某部政治工作处', region, addressee: null } });
    expect(outside('江苏省南京市')).toBe('中国人民解放军某部政治工作处（江苏省南京市）');
    expect(outside('（不便公开）')).toBe('中国人民解放军某部政治工作处（不便公开）');
    expect(outside('(不便公开) ')).toBe('中国人民解放军某部政治工作处（不便公开）');
    expect(outside(null)).toBe('中国人民解放军某部政治工作处');
    expect(destinationText({ destination: { org: committee, name: committee.name, region: null, addressee: null } })).toBe(committee.name);
  });
});

describe('failures', () => {
  const err = (code: string, details?: unknown) => new ApiError({ statusCode: 400, code, message: code, details });

  it('are read by their code', () => {
    expect(classifyFailure(err('TRANSFER_STATE_CONFLICT'))).toEqual({ kind: 'conflict' });
    expect(classifyFailure(err('TRANSFER_ALREADY_OPEN'))).toEqual({ kind: 'alreadyOpen' });
    expect(classifyFailure(err('TRANSFER_ACTION_NOT_ALLOWED', { duesOwedMonths: 3 }))).toEqual({ kind: 'notAllowed', duesOwedMonths: 3 });
    expect(classifyFailure(err('TRANSFER_ACTION_NOT_ALLOWED'))).toEqual({ kind: 'notAllowed', duesOwedMonths: null });
    const fields = [{ field: 'phone', constraint: 'required', message: 'x' }];
    expect(classifyFailure(err('TRANSFER_INCOMPLETE', fields))).toEqual({ kind: 'fields', fields });
    expect(classifyFailure(err('VALIDATION_FAILED'))).toMatchObject({ kind: 'other' });
    expect(classifyFailure(new Error('boom'))).toMatchObject({ kind: 'other' });
  });

  it('say nothing when the session ended', () => {
    const e = err('UNAUTHENTICATED');
    e.sessionEnded = true;
    expect(classifyFailure(e)).toEqual({ kind: 'sessionEnded' });
  });
});
