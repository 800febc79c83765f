import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate, addDays } from '../src/common/calendar/china-calendar';
import { TransferTalkJob } from '../src/transfers/transfer-talk.job';
import { extendForTransfers } from './factories/transfer-county';
import { auditSince, lastAuditId } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';
import { OUTSIDE, TransferClient, eventRows, refusedWithoutChange } from './support/transfers';

/**
 * The receiving branch's talk (谈话) with a member after they report (domain.md §4 Deadlines: within 7 days): due
 * from the completion of a transfer into one of the county's branches, told to that branch, listed in its ledger
 * until recorded, recorded once by that branch (or the committees above it) with the day and what was said — with
 * its event and audit record — and refused, changing nothing, for anyone else, a stale version, a second record or
 * a day outside the member's reporting and today.
 */
describe('the talk after reporting, over HTTP', () => {
  let t: TestApp;
  let tc: TransferClient;
  let id: number;
  let today: string;
  beforeAll(async () => {
    t = await startTestApp();
    await extendForTransfers(t);
    tc = new TransferClient(t);
    // memberA1 moves from branchA1 to branchB1 and reports there.
    const issued = await tc.issued('memberA1', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' });
    id = issued.id;
    await tc.step('committeeB', id, 'accept', 'ACCEPTED', { destinationBranchId: t.county.orgs.branchB1.id });
    await tc.step('branchB1', id, 'confirmReported', 'COMPLETED');
    today = shanghaiDate(new Date());
  });
  afterAll(() => t.close());

  const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);
  const ledger = async (user: string, query: Record<string, string> = {}) =>
    (await t.http.get('/api/transfers').query({ queue: 'all', ...query }).set(await t.as(user)).expect(200)).body as { items: { id: number; talkDueOn: string | null }[]; total: number };
  const record = async (user: string, body: Record<string, unknown>) => t.http.post(`/api/transfers/${id}/talk`).set(await t.as(user)).send(body);

  it('is due seven days after reporting, and only the branch the member reported to (or above it) may record it', async () => {
    const seen = await tc.get('branchB1', id);
    expect(seen.talk).toEqual({ dueOn: addDays(today, 7), heldOn: null, note: null, overdue: false });
    expect(seen.canRecordTalk).toBe(true);
    for (const user of ['committeeB', 'county']) expect((await tc.get(user, id)).canRecordTalk, user).toBe(true);
    // The member sees when it is due; the side they left cannot record it.
    for (const user of ['memberA1', 'branchA1', 'committeeA']) {
      const view = await tc.get(user, id);
      expect(view.talk, user).toMatchObject({ dueOn: addDays(today, 7), heldOn: null });
      expect(view.canRecordTalk, user).toBe(false);
    }
  });

  it('tells the branch to hold it, with whom and by when', async () => {
    const r = await t.http.get('/api/notifications').set(await t.as('branchB1')).expect(200);
    const talkDue = (r.body.items as { kind: string; body: string; link: string }[]).filter((n) => n.kind === 'transfer.talkDue');
    const name = ((await tc.get('branchB1', id)).member as { name: string }).name;
    expect(talkDue).toEqual([
      expect.objectContaining({
        link: `/admin/transfers/${id}`,
        title: `待办：与新转入党员 ${name} 谈话`,
        body: expect.stringContaining(addDays(today, 7)),
        params: { dueOn: addDays(today, 7), member: name },
      }),
    ]);
  });

  it('reminds the branch once when the talk passes its day unrecorded', async () => {
    const job = t.app.get(TransferTalkJob);
    const reminders = async () =>
      ((await t.http.get('/api/notifications').set(await t.as('branchB1')).expect(200)).body.items as { kind: string; link: string }[]).filter(
        (n) => n.kind === 'transfer.talkOverdue' && n.link === `/admin/transfers/${id}`,
      );
    expect(await job.run()).toBe(0); // not due yet
    try {
      await t.ds.query('UPDATE transfers SET talk_due_on = ? WHERE id = ?', [addDays(today, -1), id]);
      expect(await job.run()).toBe(1);
      expect(await Promise.all([job.run(), job.run()])).toEqual([0, 0]); // again, and twice at once: still one reminder
      expect(await reminders()).toHaveLength(1);
      // Past the week's window the job no longer reads it (it was reminded of then): the work stays bounded.
      await t.ds.query("DELETE FROM notifications WHERE kind = 'transfer.talkOverdue'");
      await t.ds.query('UPDATE transfers SET talk_due_on = ? WHERE id = ?', [addDays(today, -8), id]);
      expect(await job.run()).toBe(0);
    } finally {
      await t.ds.query('UPDATE transfers SET talk_due_on = ? WHERE id = ?', [addDays(today, 7), id]);
    }
  });

  it('is listed in the receiving branch’s ledger until it is recorded, overdue past its day', async () => {
    // The branch the member joined sees the transfer in its ledger (not only the receiving committee).
    expect(ids(await ledger('branchB1'))).toContain(id);
    expect(ids(await ledger('branchB1', { talk: 'pending' }))).toEqual([id]);
    expect(ids(await ledger('committeeB', { talk: 'pending' }))).toEqual([id]);
    // Its line says by when (the list shows it where an open step shows its due date).
    expect((await ledger('branchB1', { talk: 'pending' })).items[0].talkDueOn).toBe(addDays(today, 7));
    // The side the member left has no talk to hold.
    expect(ids(await ledger('committeeA', { talk: 'pending' }))).toEqual([]);
    // Past its day it reads as overdue (the day moved back, as time passing would).
    await t.ds.query('UPDATE transfers SET talk_due_on = ? WHERE id = ?', [addDays(today, -1), id]);
    expect((await tc.get('branchB1', id)).talk).toMatchObject({ dueOn: addDays(today, -1), overdue: true });
    await t.ds.query('UPDATE transfers SET talk_due_on = ? WHERE id = ?', [addDays(today, 7), id]);
    await t.http.get('/api/transfers').query({ queue: 'all', talk: 'later' }).set(await t.as('branchB1')).expect(400);
  });

  it('refuses, changing nothing, anyone but the receiving side, a stale version, and a day outside reporting and today', async () => {
    for (const user of ['branchA1', 'memberA1', 'memberB1', 'branchB1']) await t.as(user); // logins are audited: not inside the checks
    const version = await tc.version(id);
    const good = { version, heldOn: today, note: '了解工作和生活情况' };
    await refusedWithoutChange(t, () => record('branchA1', good), 403, 'TRANSFER_ACTION_NOT_ALLOWED');
    // The member themselves cannot; another member does not even see the transfer.
    await refusedWithoutChange(t, () => record('memberA1', good), 403, 'TRANSFER_ACTION_NOT_ALLOWED');
    await refusedWithoutChange(t, () => record('memberB1', good), 404, 'NOT_FOUND');
    await refusedWithoutChange(t, () => record('branchB1', { ...good, version: version - 1 }), 409, 'TRANSFER_STATE_CONFLICT');
    for (const heldOn of [addDays(today, 1), addDays(today, -1), '2026-02-30', '2026-13-01', 'today']) {
      await refusedWithoutChange(t, () => record('branchB1', { ...good, heldOn }), 400, 'VALIDATION_FAILED');
    }
    for (const note of ['', '   ', 'x'.repeat(501)]) await refusedWithoutChange(t, () => record('branchB1', { ...good, note }), 400, 'VALIDATION_FAILED');
    await refusedWithoutChange(t, () => record('branchB1', { heldOn: today, note: '谈话' }), 400, 'VALIDATION_FAILED');
  });

  it('is recorded once, with its event and audit record, and leaves the pending list', async () => {
    const auditBefore = await lastAuditId(t.ds);
    const version = await tc.version(id);
    const r = await record('branchB1', { version, heldOn: today, note: '  了解工作和生活情况，已编入党小组  ' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ state: 'COMPLETED', version: version + 1, talk: { dueOn: addDays(today, 7), heldOn: today, note: '了解工作和生活情况，已编入党小组', overdue: false }, canRecordTalk: false });
    expect(r.body.events.at(-1)).toMatchObject({ action: 'recordTalk', fromState: 'COMPLETED', toState: 'COMPLETED', actorName: 'branchB1', actorRole: 'BRANCH_ADMIN', comment: '了解工作和生活情况，已编入党小组', talkHeldOn: today });
    expect((await eventRows(t, id)).at(-1)).toMatchObject({ action: 'recordTalk', actor_user_id: t.county.users.branchB1, actor_org_id: t.county.orgs.branchB1.id });
    const audit = await auditSince(t.ds, auditBefore);
    expect(audit.map((a) => [a.action, a.target_id, a.actor_user_id])).toEqual([['transfer.recordTalk', String(id), t.county.users.branchB1]]);
    expect(JSON.parse(audit[0].detail!)).toEqual({ heldOn: today, dueOn: addDays(today, 7), late: false });
    // The member's tracker shows it too.
    expect((await tc.get('memberA1', id)).talk).toMatchObject({ heldOn: today });
    expect(ids(await ledger('branchB1', { talk: 'pending' }))).toEqual([]);
    expect((await ledger('branchB1')).items.find((i) => i.id === id)?.talkDueOn).toBeNull();
    // The reminders to hold it are settled: nothing about this talk is left unread.
    const notes = (await t.http.get('/api/notifications').query({ limit: 50 }).set(await t.as('branchB1')).expect(200)).body.items as { kind: string; link: string; read: boolean }[];
    const talkNotes = notes.filter((n) => n.kind.startsWith('transfer.talk') && n.link === `/admin/transfers/${id}`);
    expect(talkNotes.length).toBeGreaterThan(0);
    expect(talkNotes.filter((n) => !n.read)).toEqual([]);
    // Once: a second record, even with the new version, is refused.
    await refusedWithoutChange(t, () => record('committeeB', { version: version + 1, heldOn: today, note: '再次谈话' }), 409, 'TRANSFER_ACTION_NOT_ALLOWED');
  });

  it('is recorded once when two administrators record it at the same moment', async () => {
    // memberB1 moves to branchA1; its administrator and committee A both record the talk at once.
    const issued = await tc.issued('memberB1', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchA1.id, reason: 'RESIDENCE' }, 'branchB1', 'committeeB');
    await tc.step('committeeA', issued.id, 'accept', 'ACCEPTED', { destinationBranchId: t.county.orgs.branchA1.id });
    const done = await tc.step('branchA1', issued.id, 'confirmReported', 'COMPLETED');
    const [a, b] = [await t.as('branchA1'), await t.as('committeeA')];
    const results = await Promise.all(
      [a, b].map((who, i) => t.http.post(`/api/transfers/${issued.id}/talk`).set(who).send({ version: done.version, heldOn: today, note: `谈话记录${i}` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('TRANSFER_STATE_CONFLICT');
    const talks = (await eventRows(t, issued.id)).filter((e) => e.action === 'recordTalk');
    expect(talks).toHaveLength(1);
    expect((await tc.get('county', issued.id)).talk).toMatchObject({ heldOn: today, note: talks[0].comment });
  });

  it('is not tracked for a member who left the county, nor before the member has reported', async () => {
    // memberA1, now of branchB1, leaves the county.
    const out = await tc.issued('memberA1', { ...OUTSIDE.IN_PROVINCE }, 'branchB1', 'committeeB');
    const open = await tc.get('committeeB', out.id);
    expect(open).toMatchObject({ talk: null, canRecordTalk: false });
    await refusedWithoutChange(t, async () => t.http.post(`/api/transfers/${out.id}/talk`).set(await t.as('county')).send({ version: open.version, heldOn: today, note: '谈话' }), 409, 'TRANSFER_STATE_CONFLICT');
    const done = await tc.step('committeeB', out.id, 'recordReceipt', 'COMPLETED', { receiptHandler: '李四' });
    expect(done).toMatchObject({ talk: null, canRecordTalk: false });
    await refusedWithoutChange(t, async () => t.http.post(`/api/transfers/${out.id}/talk`).set(await t.as('county')).send({ version: done.version, heldOn: today, note: '谈话' }), 409, 'TRANSFER_ACTION_NOT_ALLOWED');
    // Out of scope: as if it did not exist.
    await refusedWithoutChange(t, async () => t.http.post(`/api/transfers/${out.id}/talk`).set(await t.as('committeeA')).send({ version: done.version, heldOn: today, note: '谈话' }), 404, 'NOT_FOUND');
  });
});
