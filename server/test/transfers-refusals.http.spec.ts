import { chinaYearMonth, maskPhone } from '@zhdj/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransferExpiryJob } from '../src/transfers/transfer-expiry.job';
import { addLoginMembers, extendForTransfers } from './factories/transfer-county';
import { startTestApp, tableCounts, type TestApp } from './support/test-app';
import { CHECKLIST, OUTSIDE, TransferClient, eventRows, memberRow, refusedWithoutChange } from './support/transfers';
import { expectTallyAsRebuilt } from './support/transfer-tally';

const monthsAgo = (n: number) => {
  const [y, m] = chinaYearMonth().split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};
const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);

/** Refusals of every kind, each changing nothing; and the side roads: return and resubmit, withdraw, delete, re-issue. */
describe('transfer refusals and side roads over HTTP', () => {
  let t: TestApp;
  let tc: TransferClient;
  const toB1 = () => ({ channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' });
  const names = Array.from({ length: 19 }, (_, i) => `r${i + 1}`);
  beforeAll(async () => {
    t = await startTestApp();
    await extendForTransfers(t);
    tc = new TransferClient(t);
    await addLoginMembers(t, t.county.orgs.branchA1, names);
    await addLoginMembers(t, t.county.orgs.branchA1, ['owesDues'], { duesPaidThrough: monthsAgo(3) });
    await addLoginMembers(t, t.county.orgs.branchA1, ['lateProbation'], { category: 'PROBATIONARY', joinedAt: daysAgo(500), probationEndsAt: daysAgo(10) });
    await addLoginMembers(t, t.county.orgs.branchA1, ['probRunning'], { category: 'PROBATIONARY', joinedAt: daysAgo(100), probationEndsAt: daysAgo(-265) });
    await addLoginMembers(t, t.county.orgs.branchA1, ['duesLapse']);
    await addLoginMembers(t, t.county.orgs.branchA1, ['probLapses'], { category: 'PROBATIONARY', joinedAt: daysAgo(360), probationEndsAt: daysAgo(-5) });
    await addLoginMembers(t, t.county.orgs.branchA2, ['a2']);
    await addLoginMembers(t, t.county.orgs.branchAG1, ['ag1']);
    // Log everyone in now: logins are audited, and the refusal checks count audit rows.
    for (const u of [...names, 'owesDues', 'duesLapse', 'lateProbation', 'probRunning', 'a2', 'ag1', 'memberA1', 'memberB1', 'branchA1', 'committeeA', 'committeeB', 'villageA', 'county', 'branchB1']) await t.as(u);
  });
  afterAll(() => t.close());

  const act = (user: string, id: number, action: string, extra: Record<string, unknown> = {}) => () => tc.act(user, id, action, extra);

  describe('who and when', () => {
    it('an action the state does not allow is 409 TRANSFER_STATE_CONFLICT', async () => {
      const s = await tc.submitted('r1', toB1());
      const r = await refusedWithoutChange(t, act('committeeA', s.id, 'approve'), 409, 'TRANSFER_STATE_CONFLICT');
      expect(r.body.details).toMatchObject({ reason: 'WRONG_STATE' });
      await refusedWithoutChange(t, act('committeeB', s.id, 'confirmReported'), 409, 'TRANSFER_STATE_CONFLICT');
      await refusedWithoutChange(t, act('r1', s.id, 'submit'), 409, 'TRANSFER_STATE_CONFLICT');
    });

    it('the wrong role is 403 TRANSFER_ACTION_NOT_ALLOWED', async () => {
      const s = await tc.submitted('r2', toB1());
      let r = await refusedWithoutChange(t, act('r2', s.id, 'preApprove', { checklist: CHECKLIST }), 403, 'TRANSFER_ACTION_NOT_ALLOWED');
      expect(r.body.details).toMatchObject({ reason: 'WRONG_ROLE' });
      await tc.step('branchA1', s.id, 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
      r = await refusedWithoutChange(t, act('branchA1', s.id, 'approve'), 403, 'TRANSFER_ACTION_NOT_ALLOWED');
      expect(r.body.details).toMatchObject({ reason: 'WRONG_ROLE' });
      await refusedWithoutChange(t, act('r2', s.id, 'approve'), 403, 'TRANSFER_ACTION_NOT_ALLOWED');
    });

    it('the right role in the wrong organisation is 403: committeeB cannot approve committeeA’s transfer', async () => {
      const p = await tc.preApproved('r3', toB1());
      const r = await refusedWithoutChange(t, act('committeeB', p.id, 'approve'), 403, 'TRANSFER_ACTION_NOT_ALLOWED');
      expect(r.body.details).toMatchObject({ reason: 'WRONG_ORGANIZATION' });
      await refusedWithoutChange(t, act('committeeB', p.id, 'reject', { comment: '不同意' }), 403, 'TRANSFER_ACTION_NOT_ALLOWED');
    });

    it('a transfer outside the caller’s scope on both sides is 404, as if it did not exist', async () => {
      const p = await tc.preApproved('r4', toB1());
      await refusedWithoutChange(t, act('villageA', p.id, 'approve'), 404, 'NOT_FOUND');
      await refusedWithoutChange(t, act('memberB1', p.id, 'withdraw'), 404, 'NOT_FOUND');
      await refusedWithoutChange(t, () => t.http.patch(`/api/transfers/${p.id}`).set({}).send({ version: 1 }), 401, 'UNAUTHENTICATED');
      const outbound = await tc.submitted('r5', OUTSIDE.IN_PROVINCE);
      await refusedWithoutChange(t, act('committeeB', outbound.id, 'preApprove', { checklist: CHECKLIST }), 404, 'NOT_FOUND');
      await refusedWithoutChange(t, act('committeeA', 999_999, 'approve', { version: 1 }), 404, 'NOT_FOUND');
    });

    it('a stale version is 409, with the current one in the details', async () => {
      const s = await tc.submitted('r6', toB1());
      const r = await refusedWithoutChange(t, act('branchA1', s.id, 'preApprove', { checklist: CHECKLIST, version: s.version - 1 }), 409, 'TRANSFER_STATE_CONFLICT');
      expect(r.body.details).toMatchObject({ currentVersion: s.version, state: 'SUBMITTED' });
      await refusedWithoutChange(t, act('branchA1', s.id, 'preApprove', { checklist: CHECKLIST, version: s.version + 1 }), 409, 'TRANSFER_STATE_CONFLICT');
    });

    it('the scheduler’s expire and unknown actions or fields are refused as bad input', async () => {
      const s = await tc.submitted('r7', toB1());
      await refusedWithoutChange(t, act('county', s.id, 'expire'), 400, 'VALIDATION_FAILED');
      await refusedWithoutChange(t, act('county', s.id, 'teleport'), 400, 'VALIDATION_FAILED');
      await refusedWithoutChange(t, act('branchA1', s.id, 'preApprove', { checklist: CHECKLIST, state: 'COMPLETED' }), 400, 'VALIDATION_FAILED');
      await refusedWithoutChange(t, () => t.http.post(`/api/transfers/${s.id}/actions`).set({}).send({ action: 'withdraw', version: s.version }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('what each step needs', () => {
    it('reject, bounce and revoke need a reason (a blank one is no reason)', async () => {
      const s = await tc.submitted('r8', toB1());
      for (const comment of [undefined, '', '   ']) {
        const r = await refusedWithoutChange(t, act('branchA1', s.id, 'reject', comment === undefined ? {} : { comment }), 400, 'VALIDATION_FAILED');
        expect(r.body.details).toEqual([expect.objectContaining({ field: 'comment', constraint: 'required' })]);
      }
      await tc.step('branchA1', s.id, 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
      await tc.step('committeeA', s.id, 'approve', 'APPROVED');
      await tc.step('committeeA', s.id, 'issueLetter', 'LETTER_ISSUED');
      await refusedWithoutChange(t, act('committeeB', s.id, 'bounce'), 400, 'VALIDATION_FAILED');
      await refusedWithoutChange(t, act('committeeA', s.id, 'revoke', { comment: ' ' }), 400, 'VALIDATION_FAILED');
      // accept needs the branch, and it must be a branch of the receiving committee
      await refusedWithoutChange(t, act('committeeB', s.id, 'accept'), 400, 'VALIDATION_FAILED');
      await refusedWithoutChange(t, act('committeeB', s.id, 'accept', { destinationBranchId: t.county.orgs.committeeB.id }), 400, 'VALIDATION_FAILED');
      await refusedWithoutChange(t, act('committeeB', s.id, 'accept', { destinationBranchId: t.county.orgs.branchA2.id }), 400, 'VALIDATION_FAILED');
      await refusedWithoutChange(t, act('committeeB', s.id, 'accept', { destinationBranchId: 999_999 }), 400, 'VALIDATION_FAILED');
    });

    it('a reject ends the transfer with its reason, and the member is active again', async () => {
      const s = await tc.submitted('r9', toB1());
      expect((await memberRow(t, t.county.members.r9)).status).toBe('IN_TRANSFER');
      const r = await tc.step('branchA1', s.id, 'reject', 'REJECTED', { comment: '不符合转接条件' });
      expect(r).toMatchObject({ holder: { kind: 'NONE' }, allowedActions: [] });
      expect((r.events as { action: string; comment: string }[]).at(-1)).toMatchObject({ action: 'reject', comment: '不符合转接条件' });
      expect((await memberRow(t, t.county.members.r9)).status).toBe('ACTIVE');
      // The transfer is over: a new one may be opened.
      await tc.create('r9', toB1());
    });

    it('pre-approval with unconfirmed checklist items is 400 listing every one of them', async () => {
      const s = await tc.submitted('r10', toB1());
      const r = await refusedWithoutChange(t, act('branchA1', s.id, 'preApprove', { checklist: { ...CHECKLIST, duesPaid: false, materialsComplete: false } }), 400, 'VALIDATION_FAILED');
      expect(r.body.details.map((d: { field: string }) => d.field)).toEqual(['checklist.duesPaid', 'checklist.materialsComplete']);
      const none = await refusedWithoutChange(t, act('branchA1', s.id, 'preApprove'), 400, 'VALIDATION_FAILED');
      expect(none.body.details).toHaveLength(6);
      const partial = await refusedWithoutChange(t, act('branchA1', s.id, 'preApprove', { checklist: { identityVerified: true } }), 400, 'VALIDATION_FAILED');
      expect(partial.body.details.length).toBeGreaterThanOrEqual(5);
    });

    it('pre-approval when dues are owed is 409 stating the months owed; the reviewer sees the flag first', async () => {
      const s = await tc.submitted('owesDues', toB1());
      const seen = await tc.get('branchA1', s.id);
      expect(seen.flags).toEqual({ duesOwedMonths: 3, probationOverdue: false });
      const r = await refusedWithoutChange(t, act('branchA1', s.id, 'preApprove', { checklist: CHECKLIST }), 409, 'TRANSFER_ACTION_NOT_ALLOWED');
      expect(r.body.details).toEqual({ duesOwedMonths: 3 });
      expect(r.body.message).toContain('3 month');
      // The way forward: return the application stating the months owed.
      await tc.step('branchA1', s.id, 'return', 'RETURNED', { missing: [`补交党费 ${monthsAgo(2)} 至 ${chinaYearMonth()}`] });
    });

    it('pre-approval of a probationary member whose probation has ended is 409', async () => {
      const s = await tc.submitted('lateProbation', toB1());
      expect((await tc.get('branchA1', s.id)).flags).toEqual({ duesOwedMonths: 0, probationOverdue: true });
      const r = await refusedWithoutChange(t, act('branchA1', s.id, 'preApprove', { checklist: CHECKLIST }), 409, 'TRANSFER_ACTION_NOT_ALLOWED');
      expect(r.body.message).toMatch(/[Pp]robation/);
      // A probationary member whose probation is still running may go (the assessment goes with the file).
      const running = await tc.submitted('probRunning', toB1());
      expect((await tc.get('branchA1', running.id)).flags).toEqual({ duesOwedMonths: 0, probationOverdue: false });
      await tc.step('branchA1', running.id, 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
    });

    it('issuing the letter for a member whose probation ended after the pre-review is 409 until full membership is decided', async () => {
      const approved = await tc.approved('probLapses', toB1());
      // The probation ends while the application waits for its letter.
      await t.ds.query('UPDATE members SET probation_ends_at = ? WHERE id = ?', [daysAgo(1), t.county.members.probLapses]);
      expect((await tc.get('committeeA', approved.id)).flags).toEqual({ duesOwedMonths: 0, probationOverdue: true });
      const r = await refusedWithoutChange(t, act('committeeA', approved.id, 'issueLetter'), 409, 'TRANSFER_ACTION_NOT_ALLOWED');
      expect(r.body.message).toMatch(/[Pp]robation/);
      // The branch decides: full membership. The letter may go.
      await t.ds.query(`UPDATE members SET category = 'FULL' WHERE id = ?`, [t.county.members.probLapses]);
      await tc.step('committeeA', approved.id, 'issueLetter', 'LETTER_ISSUED');
    });

    it('issuing the letter once a month has turned on unpaid dues is 409 until the payment is on the member’s record', async () => {
      const approved = await tc.approved('duesLapse', toB1());
      // The month turns while the application waits for its letter: dues now stop short of it.
      await t.ds.query('UPDATE members SET dues_paid_through = ? WHERE id = ?', [monthsAgo(1), t.county.members.duesLapse]);
      expect((await tc.get('committeeA', approved.id)).flags).toEqual({ duesOwedMonths: 1, probationOverdue: false });
      const r = await refusedWithoutChange(t, act('committeeA', approved.id, 'issueLetter'), 409, 'TRANSFER_ACTION_NOT_ALLOWED');
      expect(r.body.details).toEqual({ duesOwedMonths: 1 });
      expect(r.body.message).toContain("record the payment on the member's record");
      // The member pays; the branch records it; the letter goes, stating this month.
      const record = await t.http.get(`/api/members/${t.county.members.duesLapse}`).set(await t.as('branchA1'));
      await t.http.patch(`/api/members/${t.county.members.duesLapse}`).set(await t.as('branchA1')).send({ version: record.body.version, duesPaidThrough: chinaYearMonth() }).expect(200);
      expect((await tc.get('committeeA', approved.id)).flags).toEqual({ duesOwedMonths: 0, probationOverdue: false });
      await tc.step('committeeA', approved.id, 'issueLetter', 'LETTER_ISSUED');
    });

    it('submitting an incomplete application is 400 TRANSFER_INCOMPLETE listing every missing field at once', async () => {
      const d = await tc.create('r11', { channel: 'CROSS_PROVINCE', reason: 'OTHER' });
      const r = await refusedWithoutChange(t, act('r11', d.id, 'submit'), 400, 'TRANSFER_INCOMPLETE');
      expect(r.body.details.map((p: { field: string }) => p.field).sort()).toEqual(['destinationAddressee', 'destinationName', 'destinationRegion', 'reasonDetail']);
      expect(r.body.message.split('; ')).toHaveLength(4);
      expect((await memberRow(t, t.county.members.r11)).status).toBe('ACTIVE');
      const patched = await t.http.patch(`/api/transfers/${d.id}`).set(await t.as('r11')).send({ version: d.version, channel: 'IN_COUNTY', reasonDetail: '照顾家庭' });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      const r2 = await refusedWithoutChange(t, act('r11', d.id, 'submit'), 400, 'TRANSFER_INCOMPLETE');
      expect(r2.body.details.map((p: { field: string }) => p.field)).toEqual(['destinationOrgId']);
    });

    it('no reason is chosen for the member: a draft without one says null, and submitting it asks for one', async () => {
      const { reason: _chosen, ...rest } = toB1() as { reason?: string };
      const d = await tc.create('r18', rest);
      expect(d.reason).toBeNull();
      expect((await t.http.get(`/api/transfers/${d.id}`).set(await t.as('r18'))).body.reason).toBeNull();
      const r = await refusedWithoutChange(t, act('r18', d.id, 'submit'), 400, 'TRANSFER_INCOMPLETE');
      expect(r.body.details).toEqual([{ field: 'reason', constraint: 'required', message: 'Choose the reason for the transfer' }]);
      const patched = await t.http.patch(`/api/transfers/${d.id}`).set(await t.as('r18')).send({ version: d.version, reason: 'GRADUATION' });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body.reason).toBe('GRADUATION');
      await tc.step('r18', d.id, 'submit', 'SUBMITTED');
    });
  });

  describe('return, edit and resubmit', () => {
    it('a return must list what is missing; the member edits with the version they saw and resubmits', async () => {
      const s = await tc.submitted('r12', toB1());
      await refusedWithoutChange(t, act('branchA1', s.id, 'return'), 400, 'VALIDATION_FAILED');
      await refusedWithoutChange(t, act('branchA1', s.id, 'return', { missing: [] }), 400, 'VALIDATION_FAILED');
      const missing = ['接收党组织全称有误，请从目录中重新选择', '请补充联系电话'];
      const ret = await tc.step('branchA1', s.id, 'return', 'RETURNED', { missing, comment: '请一次性补正' });
      // The branch may act for a member who cannot (no phone), so it too may resubmit or withdraw.
      expect(ret).toMatchObject({ returnNote: missing, holder: { kind: 'MEMBER' }, allowedActions: ['submit', 'withdraw'] });
      const mine = await tc.get('r12', s.id);
      expect(mine.allowedActions).toEqual(['submit', 'withdraw']);
      expect((mine.events as { action: string; missing?: string[] }[]).at(-1)).toMatchObject({ action: 'return', missing });
      expect((await memberRow(t, t.county.members.r12)).status).toBe('IN_TRANSFER');

      // Edits need the version the member saw; a stale one is refused and changes nothing.
      await refusedWithoutChange(t, async () => t.http.patch(`/api/transfers/${s.id}`).set(await t.as('r12')).send({ version: mine.version - 1, phone: '13800138000' }), 409, 'TRANSFER_STATE_CONFLICT');
      await refusedWithoutChange(t, async () => t.http.patch(`/api/transfers/${s.id}`).set(await t.as('memberB1')).send({ version: mine.version, phone: '13800138000' }), 404, 'NOT_FOUND');
      await refusedWithoutChange(t, async () => t.http.patch(`/api/transfers/${s.id}`).set(await t.as('r12')).send({ version: mine.version, phone: '12345' }), 400, 'VALIDATION_FAILED');
      await refusedWithoutChange(t, async () => t.http.patch(`/api/transfers/${s.id}`).set(await t.as('r12')).send({ version: mine.version, destinationOrgId: 999_999 }), 400, 'VALIDATION_FAILED');
      const edited = await t.http
        .patch(`/api/transfers/${s.id}`)
        .set(await t.as('r12'))
        .send({ version: mine.version, destinationOrgId: t.county.orgs.branchA2.id, phone: '13800138000' });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      expect(edited.body).toMatchObject({ state: 'RETURNED', version: mine.version + 1, phone: '13800138000', destination: { org: { id: t.county.orgs.branchA2.id } } });
      const again = await tc.step('r12', s.id, 'submit', 'SUBMITTED');
      expect(again.returnNote).toBeNull();
      expect((again.events as { action: string }[]).map((e) => e.action)).toEqual(['create', 'submit', 'return', 'edit', 'submit']);
      // Once resubmitted it can no longer be edited.
      await refusedWithoutChange(t, async () => t.http.patch(`/api/transfers/${s.id}`).set(await t.as('r12')).send({ version: again.version, phone: '13800138001' }), 409, 'TRANSFER_STATE_CONFLICT');
      // A committee can also return (after pre-review), back to the member.
      await tc.step('branchA1', s.id, 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
      await tc.step('committeeA', s.id, 'return', 'RETURNED', { missing: ['请补充档案所在地'] });
    });
  });

  describe('withdraw, drafts and a second transfer', () => {
    it('the member withdraws before the letter (and becomes active again), but not after', async () => {
      for (const [member, upTo] of [
        ['r13', 'SUBMITTED'],
        ['r14', 'APPROVED'],
      ] as const) {
        const s = upTo === 'SUBMITTED' ? await tc.submitted(member, toB1()) : await tc.approved(member, toB1());
        const w = await tc.step(member, s.id, 'withdraw', 'WITHDRAWN');
        expect(w.holder).toMatchObject({ kind: 'NONE' });
        expect((await memberRow(t, t.county.members[member])).status).toBe('ACTIVE');
      }
      const issued = await tc.issued('r15', toB1());
      await refusedWithoutChange(t, act('r15', issued.id, 'withdraw'), 409, 'TRANSFER_STATE_CONFLICT');
    });

    it('a second open transfer for the same member is 409 TRANSFER_ALREADY_OPEN, whoever applies', async () => {
      const d = await tc.create('r16', toB1());
      await refusedWithoutChange(t, async () => t.http.post('/api/transfers').set(await t.as('r16')).send(OUTSIDE.IN_PROVINCE), 409, 'TRANSFER_ALREADY_OPEN');
      await tc.step('r16', d.id, 'submit', 'SUBMITTED');
      await refusedWithoutChange(
        t,
        async () => t.http.post('/api/transfers').set(await t.as('branchA1')).send({ memberId: t.county.members.r16, ...toB1() }),
        409,
        'TRANSFER_ALREADY_OPEN',
      );
    });

    it('an edited draft is recorded with the member’s name and each changed field before and after', async () => {
      const d = await tc.create('r19', toB1());
      const fields = 'channel, reason, reason_detail, phone, dues_paid_through, destination_org_id, destination_name, destination_region, destination_addressee';
      const [was] = await t.ds.query(`SELECT ${fields} FROM transfers WHERE id = ?`, [d.id]);
      const edit = { ...OUTSIDE.CROSS_PROVINCE, phone: '13800138019', reasonDetail: '随配偶迁居' };
      const res = await t.http.patch(`/api/transfers/${d.id}`).set(await t.as('r19')).send({ version: d.version, ...edit });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const [audit] = await t.ds.query(`SELECT detail FROM audit_log WHERE action = 'transfer.update' AND target_id = ?`, [String(d.id)]);
      const [{ name }] = await t.ds.query('SELECT name FROM members WHERE id = ?', [t.county.members.r19]);
      // Dues paid through was not touched: not recorded. The rest is, each value as it was and as it is now.
      expect(JSON.parse(audit.detail)).toEqual({
        member: name,
        before: {
          channel: 'IN_COUNTY',
          reason: 'JOB_CHANGE',
          reasonDetail: was.reason_detail,
          // Phone numbers masked: the log is not a second list of members' phones.
          phone: maskPhone(was.phone),
          destinationOrgId: t.county.orgs.branchB1.id,
          destinationName: t.county.orgs.branchB1.name,
          destinationRegion: null,
          destinationAddressee: was.destination_addressee,
        },
        after: {
          channel: 'CROSS_PROVINCE',
          reason: 'RESIDENCE',
          reasonDetail: '随配偶迁居',
          phone: '138****8019',
          destinationOrgId: null,
          destinationName: edit.destinationName,
          destinationRegion: edit.destinationRegion,
          destinationAddressee: edit.destinationAddressee,
        },
      });
      expect(was).toMatchObject({ channel: 'IN_COUNTY', destination_org_id: t.county.orgs.branchB1.id, destination_region: null });
    });

    it('a draft can be deleted (with its events); a submitted application cannot', async () => {
      const before = await tableCounts(t.ds, ['transfers', 'transfer_events']);
      const d = await tc.create('memberA1', toB1());
      await refusedWithoutChange(t, async () => t.http.delete(`/api/transfers/${d.id}`).set(await t.as('memberB1')), 404, 'NOT_FOUND');
      // The destination's committee does not see a draft at all (it learns of the application once submitted).
      await refusedWithoutChange(t, async () => t.http.delete(`/api/transfers/${d.id}`).set(await t.as('committeeB')), 404, 'NOT_FOUND');
      const del = await t.http.delete(`/api/transfers/${d.id}`).set(await t.as('memberA1'));
      expect(del.status, JSON.stringify(del.body)).toBe(204);
      expect(await tableCounts(t.ds, ['transfers', 'transfer_events'])).toEqual(before);
      expect((await t.http.get(`/api/transfers/${d.id}`).set(await t.as('memberA1'))).status).toBe(404);
      const audit = await t.ds.query(`SELECT action, target_id, detail FROM audit_log WHERE action = 'transfer.deleteDraft'`);
      expect(audit).toEqual([{ action: 'transfer.deleteDraft', target_id: String(d.id), detail: expect.any(String) }]);
      // The draft is gone: its record alone says whose it was, how it was to go and where.
      const [{ name }] = await t.ds.query('SELECT name FROM members WHERE id = ?', [t.county.members.memberA1]);
      expect(JSON.parse(audit[0].detail)).toEqual({
        memberId: t.county.members.memberA1,
        member: name,
        channel: 'IN_COUNTY',
        destinationOrgId: t.county.orgs.branchB1.id,
        destinationName: t.county.orgs.branchB1.name,
      });

      const s = await tc.submitted('memberA1', toB1());
      await refusedWithoutChange(t, async () => t.http.delete(`/api/transfers/${s.id}`).set(await t.as('memberA1')), 409, 'TRANSFER_STATE_CONFLICT');
    });
  });

  describe('letters that do not arrive: bounce, revoke, expiry, and re-issue', () => {
    const verify = async (url: string) => (await t.http.get(`/api/letters/verify/${url.split('/').pop()}`)).body.status;

    it('bounced by the destination with a reason: the old letter is void, the re-issue has a new serial', async () => {
      const { orgs } = t.county;
      // branchA2 has no administrator: its committee does the pre-review.
      const issued = await tc.issued('a2', toB1(), 'committeeA');
      expect(issued.state).toBe('LETTER_ISSUED');
      const old = issued.letter as { serial: string; verifyUrl: string };
      const bounced = await tc.step('committeeB', issued.id, 'bounce', 'BOUNCED', { comment: '接收党组织已撤并' });
      expect(bounced.holder).toMatchObject({ kind: 'COMMITTEE', org: { id: orgs.committeeA.id } });
      expect(bounced.letter).toMatchObject({ serial: old.serial, status: 'VOID' });
      expect(await verify(old.verifyUrl)).toBe('revoked');
      const re = await tc.step('committeeA', issued.id, 'reissue', 'LETTER_ISSUED');
      const letters = re.letters as { serial: string; status: string; reissueOf: string | null }[];
      expect(letters.map((l) => l.status)).toEqual(['VALID', 'VOID']);
      expect(letters[0].serial).not.toBe(old.serial);
      // A corrected letter, not a 补开: it does not present itself as replacing a lost one.
      expect(letters[0].reissueOf).toBeNull();
      expect(JSON.parse((await eventRows(t, issued.id)).at(-1)!.detail!)).toEqual({ serial: letters[0].serial, voided: old.serial });
      expect(await verify((re.letter as { verifyUrl: string }).verifyUrl)).toBe('valid');
      expect(await verify(old.verifyUrl)).toBe('revoked');
    });

    it('revoked when lost (with a reason) and re-issued as 补开 citing the old serial', async () => {
      const issued = await tc.issued('ag1', toB1(), 'committeeA');
      const old = issued.letter as { serial: string; verifyUrl: string };
      await refusedWithoutChange(t, act('committeeB', issued.id, 'revoke', { comment: '遗失' }), 403, 'TRANSFER_ACTION_NOT_ALLOWED');
      const revoked = await tc.step('committeeA', issued.id, 'revoke', 'REVOKED', { comment: '党员报告介绍信遗失' });
      expect(revoked.letter).toMatchObject({ status: 'REVOKED' });
      expect(await verify(old.verifyUrl)).toBe('revoked');
      expect((await memberRow(t, t.county.members.ag1)).status).toBe('IN_TRANSFER');
      await refusedWithoutChange(t, act('committeeB', issued.id, 'accept', { destinationBranchId: t.county.orgs.branchB1.id }), 409, 'TRANSFER_STATE_CONFLICT');
      const re = await tc.step('committeeA', issued.id, 'reissue', 'LETTER_ISSUED');
      expect(re.letter).toMatchObject({ status: 'VALID', reissueOf: old.serial });
      expect((re.letter as { serial: string }).serial).not.toBe(old.serial);
      const ev = (await eventRows(t, issued.id)).at(-1)!;
      expect(JSON.parse(ev.detail!)).toEqual({ serial: (re.letter as { serial: string }).serial, reissueOf: old.serial });
      // The re-issued letter works: the destination accepts.
      await tc.step('committeeB', issued.id, 'accept', 'ACCEPTED', { destinationBranchId: t.county.orgs.branchB1.id });
    });

    it('expired by the scheduled job when its validity ends, then re-issued on request', async () => {
      const issued = await tc.issued('r17', OUTSIDE.IN_PROVINCE);
      const job = t.app.get(TransferExpiryJob);
      expect(await job.run()).toBe(0);
      const past = new Date(Date.now() - 60_000);
      await t.ds.query('UPDATE transfers SET letter_valid_until = ? WHERE id = ?', [past, issued.id]);
      await t.ds.query('UPDATE letters SET valid_until = ? WHERE transfer_id = ?', [past, issued.id]);
      const old = issued.letter as { serial: string; verifyUrl: string };
      expect(await verify(old.verifyUrl)).toBe('expired');
      expect(await job.run()).toBe(1);
      expect(await job.run()).toBe(0);
      const expired = await tc.get('r17', issued.id);
      expect(expired).toMatchObject({ state: 'EXPIRED', letter: { status: 'EXPIRED' }, holder: { kind: 'COMMITTEE', org: { id: t.county.orgs.committeeA.id } } });
      expect((expired.events as { action: string; actorName: string; actorRole: string }[]).at(-1)).toMatchObject({ action: 'expire', actorName: '系统', actorRole: 'SYSTEM' });
      // Re-issued on request, given up by the member's side, or completed by a receipt that comes back after the letter
      // lapsed (transfers-channels).
      expect((await tc.get('committeeA', issued.id)).allowedActions).toEqual(['reissue', 'withdraw', 'recordReceipt']);
      await refusedWithoutChange(t, act('committeeA', issued.id, 'revoke', { comment: '遗失' }), 409, 'TRANSFER_STATE_CONFLICT');
      const re = await tc.step('committeeA', issued.id, 'reissue', 'LETTER_ISSUED');
      expect(re.letter).toMatchObject({ status: 'VALID', reissueOf: old.serial });
      expect(await verify((re.letter as { verifyUrl: string }).verifyUrl)).toBe('valid');
      await tc.step('committeeA', issued.id, 'recordReceipt', 'COMPLETED', { receiptHandler: '李四' });
    });
  });

  it('refusals never left half-done work behind', async () => {
    // Every transfer's state agrees with its last event, and every event has its audit record.
    const transfers: { id: number; state: string }[] = await t.ds.query('SELECT id, state FROM transfers');
    for (const tr of transfers) expect((await eventRows(t, Number(tr.id))).at(-1)!.to_state).toBe(tr.state);
    const [{ n: events }] = await t.ds.query(`SELECT COUNT(*) AS n FROM transfer_events WHERE action NOT IN ('create', 'edit', 'register')`);
    const [{ n: audits }] = await t.ds.query(
      `SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'transfer.%' AND action NOT IN ('transfer.create', 'transfer.update', 'transfer.registerInbound', 'transfer.deleteDraft', 'transfer.read')`,
    );
    expect(Number(audits)).toBe(Number(events));
  });

  it('refused, returned, withdrawn and deleted applications left the overview’s counters as a count from scratch gives them', async () => {
    await expectTallyAsRebuilt(t.ds);
  });
});
