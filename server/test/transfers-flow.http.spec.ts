import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, lastAuditId } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';
import { expectTallyAsRebuilt } from './support/transfer-tally';

describe('an in-county transfer from application to reporting', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const act = async (user: string, id: number, body: Record<string, unknown>) => {
    const detail = await t.http.get(`/api/transfers/${id}`).set(await t.as(user));
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    return t.http.post(`/api/transfers/${id}/actions`).set(await t.as(user)).send({ version: detail.body.version, ...body });
  };

  it('moves the member to the new branch and keeps the history', async () => {
    const { orgs, members } = t.county;
    const auditBefore = await lastAuditId(t.ds);
    const created = await t.http
      .post('/api/transfers')
      .set(await t.as('memberA1'))
      .send({ channel: 'IN_COUNTY', destinationOrgId: orgs.branchB1.id, reason: 'JOB_CHANGE', reasonDetail: '调往乙镇工作' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ state: 'DRAFT', allowedActions: ['submit'] });
    const id = created.body.id as number;

    let r = await act('memberA1', id, { action: 'submit' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('SUBMITTED');
    expect(r.body.holder.kind).toBe('BRANCH');

    const checklist = { identityVerified: true, duesPaid: true, goodStanding: true, destinationExact: true, probationHandled: true, materialsComplete: true };
    r = await act('branchA1', id, { action: 'preApprove', checklist });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('PRE_APPROVED');

    // Before a letter is addressed to it, the receiving committee sees whose transfer it is, not the member's phone
    // or particulars (they may never come: a withdrawal, a rejection at the source).
    const early = await t.http.get(`/api/transfers/${id}`).set(await t.as('committeeB')).expect(200);
    expect(early.body).toMatchObject({ phone: null, memberFacts: null, member: { name: expect.any(String) } });
    expect((await t.http.get(`/api/transfers/${id}`).set(await t.as('branchA1')).expect(200)).body.phone).toEqual(expect.stringMatching(/^1\d{10}$/));

    r = await act('committeeA', id, { action: 'approve' });
    expect(r.body.state).toBe('APPROVED');
    r = await act('committeeA', id, { action: 'issueLetter' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('LETTER_ISSUED');
    expect(r.body.letter.serial).toMatch(/^\d{4}TcommitteeA\d{3}$/);

    const pdf = await t.http.get(`/api/transfers/${id}/letter.pdf`).set(await t.as('committeeA'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    const token = (r.body.letter.verifyUrl as string).split('/').pop();
    const v = await t.http.get(`/api/letters/verify/${token}`).expect(200);
    expect(v.body).toMatchObject({ status: 'valid', memberName: 'm******1' });

    // The member's record links to the transfer under way, for the administrators of their branch.
    const during = await t.http.get(`/api/members/${members.memberA1}`).set(await t.as('branchA1')).expect(200);
    expect(during.body.openTransferId).toBe(id);

    // The receiving committee cannot open the record at the source, but reads on the transfer what the letter states.
    await t.http.get(`/api/members/${members.memberA1}`).set(await t.as('committeeB')).expect(404);
    const record = during.body as { sex: string; birthDate: string; ethnicity: string; category: string; joinedAt: string; probationEndsAt: string | null };
    const seen = await t.http.get(`/api/transfers/${id}`).set(await t.as('committeeB')).expect(200);
    // The detail says which side may open the record, so the review screen does not ask for one it would be refused.
    expect(seen.body.memberRecordReadable).toBe(false);
    expect((await t.http.get(`/api/transfers/${id}`).set(await t.as('branchA1')).expect(200)).body.memberRecordReadable).toBe(true);
    expect(seen.body.phone).toEqual(expect.stringMatching(/^1\d{10}$/));
    expect(seen.body.memberFacts).toEqual({
      sex: record.sex,
      birthDate: record.birthDate,
      ethnicity: record.ethnicity,
      category: record.category,
      joinedAt: record.joinedAt,
      probationEndsAt: record.probationEndsAt,
    });

    // The overview of the branch the member goes to counts the transfer once they are placed there (not before: the
    // committee places, and may choose another branch than the one asked for).
    const branchOverview = async () => (await t.http.get(`/api/transfers/overview?orgId=${orgs.branchB1.id}`).set(await t.as('committeeB')).expect(200)).body;
    expect((await branchOverview()).byState.LETTER_ISSUED).toBe(0);
    r = await act('committeeB', id, { action: 'accept', destinationBranchId: orgs.branchB1.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('ACCEPTED');
    expect((await branchOverview()).byState).toMatchObject({ LETTER_ISSUED: 0, ACCEPTED: 1 });
    r = await act('committeeB', id, { action: 'confirmReported' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('COMPLETED');
    expect(await branchOverview()).toMatchObject({ byState: { ACCEPTED: 0, COMPLETED: 1 }, completedThisMonth: 1, medianWorkingDays: 0 });
    await expectTallyAsRebuilt(t.ds);
    // The record has moved with the member: the receiving side may open it now, the sending side no longer.
    expect(r.body.memberRecordReadable).toBe(true);
    expect((await t.http.get(`/api/transfers/${id}`).set(await t.as('branchA1')).expect(200)).body.memberRecordReadable).toBe(false);
    // Completion stores the working days since submission (same day here) for the overview's median.
    const [stored] = await t.ds.query('SELECT working_days FROM transfers WHERE id = ?', [id]);
    expect(stored.working_days === null ? null : Number(stored.working_days)).toBe(0);

    const me = await t.http.get(`/api/members/${members.memberA1}`).set(await t.as('memberA1')).expect(200);
    expect(me.body.org.id).toBe(orgs.branchB1.id);
    expect(me.body.status).toBe('ACTIVE');
    expect(me.body.history.map((h: { org: { id: number } }) => h.org.id)).toEqual([orgs.branchB1.id, orgs.branchA1.id]);
    expect(me.body.history[0].transferId).toBe(id);
    expect(me.body.openTransferId).toBeNull();
    const events = (await t.http.get(`/api/transfers/${id}`).set(await t.as('memberA1'))).body.events;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'preApprove', 'approve', 'issueLetter', 'accept', 'confirmReported']);
    // The timeline tells what each step produced: the letter's number, the branch the member was placed in.
    expect(events.find((e: { action: string }) => e.action === 'issueLetter').letterSerial).toMatch(/^\d{4}TcommitteeA\d{3}$/);
    expect(events.find((e: { action: string }) => e.action === 'accept').branch).toBe(orgs.branchB1.name);
    const v2 = await t.http.get(`/api/letters/verify/${token}`).expect(200);
    expect(v2.body.status).toBe('used');

    // Each step's audit record names the capacity its actor acted in — the branch that pre-reviewed, the committee that
    // issued — not the organisation the step passed to (whose role the actor does not hold).
    const steps = (await auditSince(t.ds, auditBefore)).filter((row) => row.target_type === 'transfer' && row.target_id === String(id));
    expect(steps.map((row) => [row.action, row.actor_role, row.actor_org_id])).toEqual([
      // The member, in their branch.
      ['transfer.create', 'MEMBER', orgs.branchA1.id],
      ['transfer.submit', 'MEMBER', orgs.branchA1.id],
      ['transfer.preApprove', 'BRANCH_ADMIN', orgs.branchA1.id],
      ['transfer.approve', 'COMMITTEE_ADMIN', orgs.committeeA.id],
      ['transfer.issueLetter', 'COMMITTEE_ADMIN', orgs.committeeA.id],
      ['letter.print', 'COMMITTEE_ADMIN', orgs.committeeA.id],
      ['transfer.accept', 'COMMITTEE_ADMIN', orgs.committeeB.id],
      ['transfer.confirmReported', 'COMMITTEE_ADMIN', orgs.committeeB.id],
    ]);
    // Each administrator who opened the transfer is recorded, as the capacity they read it in; the member reading
    // their own is not, nor is a transfer handed back after an action (the action is the record).
    const reads = (await auditSince(t.ds, auditBefore, { reads: true })).filter((row) => row.action === 'transfer.read' && row.target_id === String(id));
    expect(new Set(reads.map((row) => `${row.actor_role} ${row.actor_org_id}`))).toEqual(
      new Set([`BRANCH_ADMIN ${orgs.branchA1.id}`, `COMMITTEE_ADMIN ${orgs.committeeA.id}`, `COMMITTEE_ADMIN ${orgs.committeeB.id}`]),
    );
    expect(reads.every((row) => (typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail).member)).toBe(true);
    // Opening a member's record is recorded too, under their name; the member's own is not.
    const memberReads = (await auditSince(t.ds, auditBefore, { reads: true })).filter((row) => row.action === 'member.read' && row.target_id === String(members.memberA1));
    expect(memberReads.map((row) => [row.actor_role, row.actor_org_id])).toEqual([['BRANCH_ADMIN', orgs.branchA1.id]]);

    // The pre-review's record says whose transfer it was and what the reviewer confirmed.
    const pre = steps.find((row) => row.action === 'transfer.preApprove')!;
    const preDetail = typeof pre.detail === 'string' ? JSON.parse(pre.detail) : pre.detail;
    expect(preDetail).toEqual({ from: 'SUBMITTED', to: 'PRE_APPROVED', member: expect.stringMatching(/.+/), checklist });
  });
});
