import { chinaDate, type TransferDetail, type TransferEventView } from '@zhdj/shared';

/** A transfer as GET /api/transfers/:id returns it, for unit tests (override what the test is about). */
export function transferDetail(overrides: Partial<TransferDetail> = {}): TransferDetail {
  const branch = { id: 5, name: '中共新安街道沂河社区支部委员会', shortName: '新安街道沂河社区党支部', level: 'BRANCH' as const };
  return {
    id: 12,
    channel: 'IN_COUNTY',
    state: 'DRAFT',
    version: 1,
    member: { id: 75, name: '王建国' },
    source: branch,
    destination: { org: null, name: '', region: null, addressee: null },
    reason: 'JOB_CHANGE',
    holder: { kind: 'MEMBER', org: branch },
    dueAt: null,
    overdue: false,
    submittedAt: null,
    updatedAt: '2026-11-28T08:00:00.000Z',
    talkDueOn: null,
    servedBy: null,
    reasonDetail: '',
    duesPaidThrough: '2026-11',
    phone: '13905161234',
    returnNote: null,
    checklist: null,
    countyApprovalRequired: false,
    incomingLetterNo: null,
    incomingValidUntil: null,
    incomingMember: null,
    memberFacts: { sex: 'M', birthDate: '1968-03-12', ethnicity: '汉族', category: 'FULL', joinedAt: '1992-07-01', probationEndsAt: null },
    destinationBranch: null,
    letter: null,
    letters: [],
    events: [],
    allowedActions: ['submit'],
    flags: { duesOwedMonths: 0, probationOverdue: false },
    completedAt: null,
    talk: null,
    canRecordTalk: false,
    memberRecordReadable: true,
    ...overrides,
  };
}

let nextEventId = 1;
export function event(action: TransferEventView['action'], fromState: TransferEventView['fromState'], toState: TransferEventView['toState'], extra: Partial<TransferEventView> = {}): TransferEventView {
  return {
    id: nextEventId++,
    at: '2026-11-28T08:00:00.000Z',
    action,
    fromState,
    toState,
    actorName: '王建国',
    actorRole: 'MEMBER',
    actorOrg: null,
    comment: null,
    ...extra,
  };
}

/** The end of the Xinyi day `days` from today (23:59:59.999 there), as the server sets a step's deadline. */
export function endOfXinyiDay(days: number): string {
  const [y, m, d] = chinaDate(new Date(Date.now() + days * 86_400_000)).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1) - 8 * 3_600_000 - 1).toISOString();
}
