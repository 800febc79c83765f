import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles';
import { TRANSFER_ACTIONS, TRANSFER_CHANNELS, TRANSFER_STATES, isFinalState, type TransferAction, type TransferChannel, type TransferState } from './transfer';
import { allowedActions, decide, decideTalk, holderOf, type ActorFacts, type TransferFacts } from './transfer-machine';

/*
 * The tree used throughout:
 *   /1/ county ─┬─ /1/10/ source committee (authority) ── /1/10/11/ source branch
 *               ├─ /1/20/ destination committee ── /1/20/21/ destination branch
 *               └─ /1/30/ an unrelated committee ── /1/30/31/ unrelated branch
 */
const base: TransferFacts = {
  channel: 'IN_COUNTY',
  state: 'DRAFT',
  memberId: 7,
  sourceBranchPath: '/1/10/11/',
  sourceCommitteePath: '/1/10/',
  issuerPath: '/1/10/',
  countyPath: '/1/',
  destinationCommitteePath: '/1/20/',
  destinationBranchPath: '/1/20/21/',
  countyApprovalRequired: false,
};

const admin = (role: Role, path: string): ActorFacts => ({ memberId: null, assignments: [{ role, path }] });
const actors = {
  member: { memberId: 7, assignments: [] } as ActorFacts,
  otherMember: { memberId: 8, assignments: [] } as ActorFacts,
  sourceBranch: admin('BRANCH_ADMIN', '/1/10/11/'),
  sourceCommittee: admin('COMMITTEE_ADMIN', '/1/10/'),
  county: admin('COUNTY_ADMIN', '/1/'),
  destinationCommittee: admin('COMMITTEE_ADMIN', '/1/20/'),
  destinationBranch: admin('BRANCH_ADMIN', '/1/20/21/'),
  otherCommittee: admin('COMMITTEE_ADMIN', '/1/30/'),
  otherBranch: admin('BRANCH_ADMIN', '/1/30/31/'),
  system: { memberId: null, assignments: [], system: true } as ActorFacts,
};
type ActorName = keyof typeof actors;

/**
 * What domain.md §4 allows, written out independently of the implementation's rule table:
 * [state, action, channels, who may, next state]. `who` lists the actors expected to succeed; every other actor
 * must be refused.
 */
const OUT = ['IN_PROVINCE', 'CROSS_PROVINCE', 'OUT_OF_SYSTEM'] as TransferChannel[];
const NOT_INBOUND = ['IN_COUNTY', ...OUT] as TransferChannel[];
const RECEIVING = ['IN_COUNTY', 'INBOUND'] as TransferChannel[];
const memberSide: ActorName[] = ['member', 'sourceBranch', 'sourceCommittee', 'county'];
const EXPECTED: [TransferState, TransferAction, TransferChannel[], ActorName[], TransferState][] = [
  ['DRAFT', 'submit', NOT_INBOUND, memberSide, 'SUBMITTED'],
  ['SUBMITTED', 'preApprove', TRANSFER_CHANNELS, ['sourceBranch', 'sourceCommittee', 'county'], 'PRE_APPROVED'],
  ['SUBMITTED', 'return', TRANSFER_CHANNELS, ['sourceBranch', 'sourceCommittee', 'county'], 'RETURNED'],
  ['SUBMITTED', 'reject', TRANSFER_CHANNELS, ['sourceBranch', 'sourceCommittee', 'county'], 'REJECTED'],
  ['SUBMITTED', 'withdraw', NOT_INBOUND, memberSide, 'WITHDRAWN'],
  ['RETURNED', 'submit', NOT_INBOUND, memberSide, 'SUBMITTED'],
  ['RETURNED', 'withdraw', NOT_INBOUND, memberSide, 'WITHDRAWN'],
  ['PRE_APPROVED', 'approve', TRANSFER_CHANNELS, ['sourceCommittee', 'county'], 'APPROVED'],
  ['PRE_APPROVED', 'return', TRANSFER_CHANNELS, ['sourceCommittee', 'county'], 'RETURNED'],
  ['PRE_APPROVED', 'reject', TRANSFER_CHANNELS, ['sourceCommittee', 'county'], 'REJECTED'],
  ['PRE_APPROVED', 'withdraw', NOT_INBOUND, memberSide, 'WITHDRAWN'],
  ['COMMITTEE_APPROVED', 'approve', TRANSFER_CHANNELS, ['county'], 'APPROVED'],
  ['COMMITTEE_APPROVED', 'return', TRANSFER_CHANNELS, ['county'], 'RETURNED'],
  ['COMMITTEE_APPROVED', 'reject', TRANSFER_CHANNELS, ['county'], 'REJECTED'],
  ['COMMITTEE_APPROVED', 'withdraw', NOT_INBOUND, memberSide, 'WITHDRAWN'],
  ['APPROVED', 'issueLetter', TRANSFER_CHANNELS, ['sourceCommittee', 'county'], 'LETTER_ISSUED'],
  ['APPROVED', 'withdraw', NOT_INBOUND, memberSide, 'WITHDRAWN'],
  ['LETTER_ISSUED', 'accept', RECEIVING, ['destinationCommittee', 'county'], 'ACCEPTED'],
  ['LETTER_ISSUED', 'bounce', RECEIVING, ['destinationCommittee', 'county'], 'BOUNCED'],
  ['LETTER_ISSUED', 'recordReceipt', OUT, ['sourceCommittee', 'county'], 'COMPLETED'],
  ['LETTER_ISSUED', 'revoke', NOT_INBOUND, ['sourceCommittee', 'county'], 'REVOKED'],
  ['LETTER_ISSUED', 'expire', TRANSFER_CHANNELS, ['system'], 'EXPIRED'],
  ['BOUNCED', 'reissue', NOT_INBOUND, ['sourceCommittee', 'county'], 'LETTER_ISSUED'],
  ['BOUNCED', 'reissue', ['INBOUND'], ['destinationCommittee', 'county'], 'LETTER_ISSUED'],
  ['EXPIRED', 'reissue', NOT_INBOUND, ['sourceCommittee', 'county'], 'LETTER_ISSUED'],
  // The receipt of a member who reported in time may come back after the letter's validity (it is due in a month).
  ['EXPIRED', 'recordReceipt', OUT, ['sourceCommittee', 'county'], 'COMPLETED'],
  ['EXPIRED', 'reissue', ['INBOUND'], ['destinationCommittee', 'county'], 'LETTER_ISSUED'],
  ['REVOKED', 'reissue', NOT_INBOUND, ['sourceCommittee', 'county'], 'LETTER_ISSUED'],
  // No letter in force: the member may give up rather than wait; an arrival without a valid letter may be closed.
  ['BOUNCED', 'withdraw', NOT_INBOUND, memberSide, 'WITHDRAWN'],
  ['EXPIRED', 'withdraw', NOT_INBOUND, memberSide, 'WITHDRAWN'],
  ['REVOKED', 'withdraw', NOT_INBOUND, memberSide, 'WITHDRAWN'],
  ['BOUNCED', 'reject', ['INBOUND'], ['destinationCommittee', 'county'], 'REJECTED'],
  ['EXPIRED', 'reject', ['INBOUND'], ['destinationCommittee', 'county'], 'REJECTED'],
  ['ACCEPTED', 'confirmReported', TRANSFER_CHANNELS, ['destinationBranch', 'destinationCommittee', 'county'], 'COMPLETED'],
];

const facts = (state: TransferState, channel: TransferChannel): TransferFacts => ({ ...base, state, channel });

describe('transfer state machine', () => {
  for (const [state, action, channels, who, next] of EXPECTED) {
    for (const channel of channels) {
      it(`${state} --${action}--> ${next} (${channel}) only for ${who.join(', ')}`, () => {
        for (const [name, actor] of Object.entries(actors) as [ActorName, ActorFacts][]) {
          const d = decide(facts(state, channel), action, actor);
          if (who.includes(name)) expect(d, name).toEqual({ ok: true, next });
          else {
            expect(d.ok, name).toBe(false);
            if (!d.ok) expect(['WRONG_ROLE', 'WRONG_ORGANIZATION', 'SYSTEM_ONLY'], name).toContain(d.reason);
          }
        }
      });
    }
  }

  it('refuses every other (state, action, channel) with WRONG_STATE or WRONG_CHANNEL, whoever asks', () => {
    let checked = 0;
    for (const state of TRANSFER_STATES) {
      for (const action of TRANSFER_ACTIONS) {
        for (const channel of TRANSFER_CHANNELS) {
          const expected = EXPECTED.some(([s, a, cs]) => s === state && a === action && cs.includes(channel));
          if (expected) continue;
          for (const actor of Object.values(actors)) {
            const d = decide(facts(state, channel), action, actor);
            expect(d.ok, `${state} ${action} ${channel}`).toBe(false);
            if (!d.ok) expect(['WRONG_STATE', 'WRONG_CHANNEL']).toContain(d.reason);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('names the refusal: a member approving is the wrong role, a neighbour committee the wrong organisation', () => {
    const f = facts('PRE_APPROVED', 'IN_COUNTY');
    expect(decide(f, 'approve', actors.member)).toMatchObject({ ok: false, reason: 'WRONG_ROLE' });
    expect(decide(f, 'approve', actors.sourceBranch)).toMatchObject({ ok: false, reason: 'WRONG_ROLE' });
    expect(decide(f, 'approve', actors.otherCommittee)).toMatchObject({ ok: false, reason: 'WRONG_ORGANIZATION' });
    expect(decide(f, 'expire', actors.county)).toMatchObject({ ok: false, reason: 'WRONG_STATE' });
    expect(decide(facts('LETTER_ISSUED', 'IN_COUNTY'), 'expire', actors.county)).toMatchObject({ ok: false, reason: 'SYSTEM_ONLY' });
    expect(decide(facts('LETTER_ISSUED', 'IN_COUNTY'), 'recordReceipt', actors.sourceCommittee)).toMatchObject({ ok: false, reason: 'WRONG_CHANNEL' });
  });

  it('routes to the county when it must approve', () => {
    const f = { ...facts('PRE_APPROVED', 'CROSS_PROVINCE'), countyApprovalRequired: true };
    expect(decide(f, 'approve', actors.sourceCommittee)).toEqual({ ok: true, next: 'COMMITTEE_APPROVED' });
    expect(holderOf({ ...f, state: 'COMMITTEE_APPROVED' })).toEqual({ kind: 'COUNTY', path: '/1/' });
  });

  it('lists the actions for buttons and names who holds each state', () => {
    expect(allowedActions(facts('SUBMITTED', 'IN_COUNTY'), actors.sourceBranch).sort()).toEqual(['preApprove', 'reject', 'return', 'withdraw']);
    expect(allowedActions(facts('SUBMITTED', 'IN_COUNTY'), actors.member)).toEqual(['withdraw']);
    expect(allowedActions(facts('LETTER_ISSUED', 'IN_COUNTY'), actors.system)).toEqual([]);
    expect(holderOf(facts('LETTER_ISSUED', 'IN_COUNTY'))).toEqual({ kind: 'COMMITTEE', path: '/1/20/' });
    expect(holderOf(facts('LETTER_ISSUED', 'OUT_OF_SYSTEM'))).toEqual({ kind: 'COMMITTEE', path: '/1/10/' });
    expect(holderOf(facts('ACCEPTED', 'IN_COUNTY'))).toEqual({ kind: 'BRANCH', path: '/1/20/21/' });
    expect(holderOf(facts('RETURNED', 'IN_COUNTY'))).toEqual({ kind: 'MEMBER', path: '/1/10/11/' });
    for (const s of ['COMPLETED', 'REJECTED', 'WITHDRAWN'] as TransferState[]) expect(holderOf(facts(s, 'IN_COUNTY')).kind).toBe('NONE');
  });

  it('has a holder exactly while the transfer is not final (the queues count open transfers by holder)', () => {
    for (const channel of TRANSFER_CHANNELS) {
      for (const state of TRANSFER_STATES) {
        expect(holderOf(facts(state, channel)).kind === 'NONE', `${channel} ${state}`).toBe(isFinalState(state));
      }
    }
  });

  it('lets the branch the member reported to (or the committees above it) record the talk, and nobody else', () => {
    const mayTalk: ActorName[] = ['destinationBranch', 'destinationCommittee', 'county'];
    for (const channel of RECEIVING) {
      for (const name of Object.keys(actors) as ActorName[]) {
        const d = decideTalk(facts('COMPLETED', channel), actors[name]);
        expect(d.ok, `${channel} ${name}`).toBe(mayTalk.includes(name));
      }
    }
    expect(decideTalk(facts('COMPLETED', 'IN_COUNTY'), actors.sourceBranch)).toMatchObject({ ok: false, reason: 'WRONG_ORGANIZATION' });
    expect(decideTalk(facts('COMPLETED', 'IN_COUNTY'), actors.member)).toMatchObject({ ok: false, reason: 'WRONG_ROLE' });
    // Before the member has reported, and for members who left the county, there is no talk here to record.
    for (const state of TRANSFER_STATES.filter((s) => s !== 'COMPLETED')) {
      expect(decideTalk(facts(state, 'IN_COUNTY'), actors.destinationBranch), state).toMatchObject({ ok: false, reason: 'WRONG_STATE' });
    }
    for (const channel of OUT) expect(decideTalk(facts('COMPLETED', channel), actors.county)).toMatchObject({ ok: false, reason: 'WRONG_CHANNEL' });
  });
});
