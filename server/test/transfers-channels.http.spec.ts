import { chinaDate, shiftDate } from '@zhdj/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdNumberCipher } from '../src/common/crypto/id-number-cipher';
import { TransferExpiryJob } from '../src/transfers/transfer-expiry.job';
import { addLoginMembers, extendForTransfers, type TransferCounty } from './factories/transfer-county';
import { fakeIdNumber } from './factories/mini-county';
import { auditSince, lastAuditId } from './support/http';
import { captureQueries } from './support/query-capture';
import { startTestApp, type TestApp } from './support/test-app';
import { CHECKLIST, OUTSIDE, TransferClient, eventRows, memberCounts, memberRow, refusedWithoutChange } from './support/transfers';
import { expectTallyAsRebuilt } from './support/transfer-tally';

/**
 * Every channel's route over HTTP, with what each step does to the member record, the organisation counts, the
 * timeline and the audit log.
 */
describe('transfer channels over HTTP', () => {
  let t: TestApp;
  let x: TransferCounty;
  let tc: TransferClient;
  beforeAll(async () => {
    t = await startTestApp();
    x = await extendForTransfers(t);
    tc = new TransferClient(t);
  });
  afterAll(() => t.close());

  /** Performs a step and checks its event and audit record: actor, role, organisation, from → to, comment. */
  async function recordedStep(
    user: string,
    id: number,
    action: string,
    from: string,
    to: string,
    who: { role: string | null; orgId: number | null },
    extra: Record<string, unknown> = {},
  ) {
    await t.as(user); // log in first: logins are audited too
    await t.as('county');
    const auditBefore = await lastAuditId(t.ds);
    const eventsBefore = (await eventRows(t, id)).length;
    const body = await tc.step(user, id, action, to, extra);
    const events = await eventRows(t, id);
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events.at(-1)).toMatchObject({
      action,
      from_state: from,
      to_state: to,
      actor_user_id: t.county.users[user],
      actor_role: who.role,
      actor_org_id: who.orgId,
      comment: (extra.comment as string | undefined) ?? null,
    });
    const audit = await auditSince(t.ds, auditBefore);
    expect(audit.map((a) => [a.action, a.target_type, a.target_id, a.actor_user_id])).toEqual([[`transfer.${action}`, 'transfer', String(id), t.county.users[user]]]);
    expect(JSON.parse(audit[0].detail!)).toMatchObject({ from, to });
    return body;
  }

  it('IN_COUNTY: branch pre-review, committee approval, letter, acceptance by the destination, reporting to the new branch', async () => {
    const { orgs, members } = t.county;
    const watched = [orgs.branchA1.id, orgs.committeeA.id, orgs.root.id, orgs.committeeB.id, orgs.branchB1.id];
    const countsBefore = await memberCounts(t, watched);

    const draft = await tc.create('memberA1', { channel: 'IN_COUNTY', destinationOrgId: orgs.branchB1.id, reason: 'JOB_CHANGE', reasonDetail: '调往乙镇工作' });
    expect(draft).toMatchObject({ state: 'DRAFT', holder: { kind: 'MEMBER' }, countyApprovalRequired: false, destination: { org: { id: orgs.branchB1.id }, addressee: orgs.committeeB.name } });
    expect((await memberRow(t, members.memberA1)).status).toBe('ACTIVE');
    const id = draft.id;

    await recordedStep('memberA1', id, 'submit', 'DRAFT', 'SUBMITTED', { role: 'MEMBER', orgId: null });
    expect((await memberRow(t, members.memberA1)).status).toBe('IN_TRANSFER');
    const pre = await recordedStep('branchA1', id, 'preApprove', 'SUBMITTED', 'PRE_APPROVED', { role: 'BRANCH_ADMIN', orgId: orgs.branchA1.id }, { checklist: CHECKLIST, comment: '材料齐全' });
    expect(pre.checklist).toEqual(CHECKLIST);
    await recordedStep('committeeA', id, 'approve', 'PRE_APPROVED', 'APPROVED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeA.id });
    const issued = await recordedStep('committeeA', id, 'issueLetter', 'APPROVED', 'LETTER_ISSUED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeA.id });
    expect(issued.letter).toMatchObject({ status: 'VALID', validityDays: 30, issuer: { id: orgs.committeeA.id }, addressee: orgs.committeeB.name, reissueOf: null });
    expect(issued.holder).toMatchObject({ kind: 'COMMITTEE', org: { id: orgs.committeeB.id } });
    // Until the receiver accepts, the source stays responsible: the member is still counted where they were.
    expect(await memberCounts(t, watched)).toEqual(countsBefore);

    const accepted = await recordedStep('committeeB', id, 'accept', 'LETTER_ISSUED', 'ACCEPTED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeB.id }, { destinationBranchId: orgs.branchB1.id });
    expect(accepted.destinationBranch).toMatchObject({ id: orgs.branchB1.id });
    expect(accepted.holder).toMatchObject({ kind: 'BRANCH', org: { id: orgs.branchB1.id } });
    expect(await memberRow(t, members.memberA1)).toMatchObject({ status: 'IN_TRANSFER', org_id: orgs.branchA1.id });

    const done = await recordedStep('branchB1', id, 'confirmReported', 'ACCEPTED', 'COMPLETED', { role: 'BRANCH_ADMIN', orgId: orgs.branchB1.id });
    expect(done).toMatchObject({ holder: { kind: 'NONE' }, dueAt: null, letter: { status: 'USED' } });
    expect(done.completedAt).toEqual(expect.any(String));

    // The member now belongs to the new branch; counts moved between the two sides' ancestors; history keeps the old branch.
    expect(await memberRow(t, members.memberA1)).toEqual({ status: 'ACTIVE', org_id: orgs.branchB1.id, org_path: orgs.branchB1.path });
    const [a1, cA, root, cB, b1] = countsBefore;
    expect(await memberCounts(t, watched)).toEqual([a1 - 1, cA - 1, root, cB + 1, b1 + 1]);
    const me = await t.http.get(`/api/members/${members.memberA1}`).set(await t.as('memberA1')).expect(200);
    expect(me.body.history).toEqual([
      expect.objectContaining({ org: expect.objectContaining({ id: orgs.branchB1.id }), to: null, transferId: id }),
      expect.objectContaining({ org: expect.objectContaining({ id: orgs.branchA1.id }), to: expect.any(String), transferId: id }),
    ]);

    // The member and both sides' administrators follow the same timeline; nobody else can see the transfer.
    const actions = ['create', 'submit', 'preApprove', 'approve', 'issueLetter', 'accept', 'confirmReported'];
    for (const user of ['memberA1', 'branchA1', 'committeeA', 'committeeB', 'branchB1', 'county']) {
      const view = await tc.get(user, id);
      expect(view.events, user).toEqual(actions.map((action) => expect.objectContaining({ action })));
    }
    const timeline = (await tc.get('memberA1', id)).events as { action: string; actorName: string; actorRole: string | null; actorOrg: string | null; comment: string | null; fromState: string | null; toState: string }[];
    expect(timeline[2]).toMatchObject({ actorName: 'branchA1', actorRole: 'BRANCH_ADMIN', actorOrg: orgs.branchA1.shortName, comment: '材料齐全', fromState: 'SUBMITTED', toState: 'PRE_APPROVED' });
    // The member's home screen shows their latest transfer.
    const mine = await t.http.get('/api/transfers/mine').set(await t.as('memberA1')).expect(200);
    expect(mine.body).toMatchObject({ id, state: 'COMPLETED' });
    // Every member's home screen reads it, so in as few statements as it can: the session, the transfer with every
    // name it shows, its timeline with each actor's organisation, and its letters — the same detail as by its id.
    const member = await t.as('memberA1');
    const capture = captureQueries(t.ds);
    capture.start();
    const home = await t.http.get('/api/transfers/mine').set(member).expect(200);
    const statements = capture.stop().map((q) => q.sql.replace(/\s+/g, ' '));
    expect(home.body).toEqual((await t.http.get(`/api/transfers/${id}`).set(member).expect(200)).body);
    expect(home.body).toMatchObject({ destinationBranch: { id: orgs.branchB1.id, name: orgs.branchB1.name }, letter: { issuer: { id: orgs.committeeA.id } } });
    expect(statements, statements.join('\n')).toHaveLength(4);
    expect((await t.http.get('/api/transfers/mine').set(await t.as('memberB1')).expect(200)).body).toBeNull();
    for (const user of ['memberB1', 'villageA', 'sysadmin']) {
      const r = await t.http.get(`/api/transfers/${id}`).set(await t.as(user));
      expect(r.status, user).toBe(404);
    }
  });

  it('IN_PROVINCE: no county approval; ends when the receipt is recorded, the member marked transferred out', async () => {
    const { orgs, members } = t.county;
    const watched = [orgs.branchA2.id, orgs.committeeA.id, orgs.root.id];
    const before = await memberCounts(t, watched);
    const member = await t.http.get(`/api/members/${members.memberA2}`).set(await t.as('county')).expect(200);
    // memberA2's branch has no administrator of its own: the committee above does the branch's pre-review.
    const draft = await tc.create('county', { memberId: members.memberA2, ...OUTSIDE.IN_PROVINCE, phone: member.body.phone });
    expect(draft).toMatchObject({ countyApprovalRequired: false, destination: { org: null, name: OUTSIDE.IN_PROVINCE.destinationName, region: '江苏省南京市' } });
    const id = draft.id;
    await recordedStep('committeeA', id, 'submit', 'DRAFT', 'SUBMITTED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeA.id });
    await recordedStep('committeeA', id, 'preApprove', 'SUBMITTED', 'PRE_APPROVED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeA.id }, { checklist: CHECKLIST });
    await recordedStep('committeeA', id, 'approve', 'PRE_APPROVED', 'APPROVED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeA.id });
    const issued = await recordedStep('committeeA', id, 'issueLetter', 'APPROVED', 'LETTER_ISSUED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeA.id });
    // Outbound: the issuer holds it while waiting for the receipt.
    expect(issued).toMatchObject({ holder: { kind: 'COMMITTEE', org: { id: orgs.committeeA.id } }, letter: { validityDays: 30, addressee: OUTSIDE.IN_PROVINCE.destinationName } });
    const r = await tc.act('committeeA', id, 'accept', { destinationBranchId: orgs.branchA1.id });
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 409, code: 'TRANSFER_ACTION_NOT_ALLOWED' });

    const done = await recordedStep('committeeA', id, 'recordReceipt', 'LETTER_ISSUED', 'COMPLETED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeA.id }, {
      receiptHandler: '李四',
      receiptPhone: '025-84000000',
    });
    expect(done.letter).toMatchObject({ status: 'USED' });
    expect((await memberRow(t, members.memberA2)).status).toBe('TRANSFERRED_OUT');
    expect(await memberCounts(t, watched)).toEqual(before.map((n) => n - 1));
    const ev = (await eventRows(t, id)).at(-1)!;
    expect(JSON.parse(ev.detail!)).toMatchObject({ receiptHandler: '李四', receiptPhone: '025-84000000' });
    const history = (await t.http.get(`/api/members/${members.memberA2}`).set(await t.as('county')).expect(200)).body.history;
    expect(history).toEqual([expect.objectContaining({ org: expect.objectContaining({ id: orgs.branchA2.id }), to: expect.any(String) })]);

    // A member who has left cannot open another transfer.
    const again = await t.http.post('/api/transfers').set(await t.as('county')).send({ memberId: members.memberA2, ...OUTSIDE.IN_PROVINCE });
    expect(again.status).toBe(409);
  });

  it('CROSS_PROVINCE: the county approves after the committee; a 90-day letter addressed to the committee with authority', async () => {
    const { orgs, members } = t.county;
    const member = await t.http.get(`/api/members/${members.memberAG1}`).set(await t.as('county')).expect(200);
    const draft = await tc.create('committeeA', { memberId: members.memberAG1, ...OUTSIDE.CROSS_PROVINCE, phone: member.body.phone });
    expect(draft.countyApprovalRequired).toBe(true);
    const id = draft.id;
    await tc.step('committeeA', id, 'submit', 'SUBMITTED');
    await tc.step('committeeA', id, 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
    const ca = await recordedStep('committeeA', id, 'approve', 'PRE_APPROVED', 'COMMITTEE_APPROVED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeA.id });
    expect(ca.holder).toMatchObject({ kind: 'COUNTY', org: { id: orgs.root.id } });
    // The committee cannot give the county's approval, nor issue before it.
    let r = await tc.act('committeeA', id, 'approve');
    expect({ status: r.status, code: r.body.code, reason: r.body.details?.reason }).toEqual({ status: 403, code: 'TRANSFER_ACTION_NOT_ALLOWED', reason: 'WRONG_ROLE' });
    r = await tc.act('committeeA', id, 'issueLetter');
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 409, code: 'TRANSFER_STATE_CONFLICT' });
    await recordedStep('county', id, 'approve', 'COMMITTEE_APPROVED', 'APPROVED', { role: 'COUNTY_ADMIN', orgId: orgs.root.id });
    const issued = await tc.step('committeeA', id, 'issueLetter', 'LETTER_ISSUED');
    expect(issued.letter).toMatchObject({ validityDays: 90, addressee: OUTSIDE.CROSS_PROVINCE.destinationAddressee, issuer: { id: orgs.committeeA.id } });
    await tc.step('committeeA', id, 'recordReceipt', 'COMPLETED', { receiptHandler: '王五' });
    expect((await memberRow(t, members.memberAG1)).status).toBe('TRANSFERRED_OUT');
  });

  it('OUT_OF_SYSTEM: county approval, a 90-day paper letter, ends at receipt', async () => {
    const { orgs, members } = t.county;
    const member = await t.http.get(`/api/members/${members.retiredB1}`).set(await t.as('county')).expect(200);
    const id = (await tc.create('branchB1', { memberId: members.retiredB1, ...OUTSIDE.OUT_OF_SYSTEM, phone: member.body.phone })).id;
    await recordedStep('branchB1', id, 'submit', 'DRAFT', 'SUBMITTED', { role: 'BRANCH_ADMIN', orgId: orgs.branchB1.id });
    await tc.step('branchB1', id, 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
    await tc.step('committeeB', id, 'approve', 'COMMITTEE_APPROVED');
    await tc.step('county', id, 'approve', 'APPROVED');
    // The paper letter is collected in person: as soon as it is approved the member is asked to book the visit.
    const suggested = await t.ds.query(
      `SELECT n.link FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.member_id = ? AND n.kind = 'booking.suggested'`,
      [members.retiredB1],
    );
    expect(suggested.map((n: { link: string }) => n.link)).toEqual([`/m/bookings/new?transferId=${id}&purpose=COLLECT_LETTER`]);
    const issued = await recordedStep('committeeB', id, 'issueLetter', 'APPROVED', 'LETTER_ISSUED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeB.id });
    expect(issued.letter).toMatchObject({ validityDays: 90, addressee: OUTSIDE.OUT_OF_SYSTEM.destinationName, issuer: { id: orgs.committeeB.id } });
    // The receipt is due a month after the letter (end of that day in Xinyi), and may come back after the letter has
    // lapsed: the member reported while it was valid. The expired transfer completes on it, its letter used.
    expect(issued.dueAt).toMatch(/T15:59:59\.999Z$/);
    await t.ds.query('UPDATE transfers SET letter_valid_until = ? WHERE id = ?', [new Date(Date.now() - 60_000), id]);
    expect(await t.app.get(TransferExpiryJob).run()).toBe(1);
    expect(await tc.get('committeeB', id)).toMatchObject({ state: 'EXPIRED', letter: { status: 'EXPIRED' } });
    // The receipt names who handled it at the receiving end.
    await refusedWithoutChange(t, () => tc.act('committeeB', id, 'recordReceipt', { receiptPhone: '025-1' }), 400, 'VALIDATION_FAILED');
    const done = await recordedStep('committeeB', id, 'recordReceipt', 'EXPIRED', 'COMPLETED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeB.id }, { receiptHandler: '赵六' });
    expect(done.letter).toMatchObject({ status: 'USED' });
    expect((await memberRow(t, members.retiredB1)).status).toBe('TRANSFERRED_OUT');
  });

  it('a village committee without authority: its approval goes on to the county, and the town committee issues the letter', async () => {
    const { orgs } = t.county;
    const [memberV1] = await addLoginMembers(t, x.branchV1, ['memberV1']);
    const id = (await tc.create('memberV1', { channel: 'IN_COUNTY', destinationOrgId: orgs.branchA2.id, reason: 'RESIDENCE' })).id;
    expect((await tc.get('memberV1', id)).countyApprovalRequired).toBe(true);
    await tc.step('memberV1', id, 'submit', 'SUBMITTED');
    // No branch administrator: the village committee does the pre-review.
    await recordedStep('villageA', id, 'preApprove', 'SUBMITTED', 'PRE_APPROVED', { role: 'COMMITTEE_ADMIN', orgId: x.villageA.id }, { checklist: CHECKLIST });
    await recordedStep('villageA', id, 'approve', 'PRE_APPROVED', 'COMMITTEE_APPROVED', { role: 'COMMITTEE_ADMIN', orgId: x.villageA.id });
    await tc.step('county', id, 'approve', 'APPROVED');
    const waiting = await tc.get('villageA', id);
    expect(waiting.holder).toMatchObject({ kind: 'COMMITTEE', org: { id: orgs.committeeA.id } });
    const r = await tc.act('villageA', id, 'issueLetter');
    expect({ status: r.status, code: r.body.code, reason: r.body.details?.reason }).toEqual({ status: 403, code: 'TRANSFER_ACTION_NOT_ALLOWED', reason: 'WRONG_ORGANIZATION' });
    const issued = await tc.step('committeeA', id, 'issueLetter', 'LETTER_ISSUED');
    expect(issued.letter).toMatchObject({ issuer: { id: orgs.committeeA.id } });
    await tc.step('committeeA', id, 'accept', 'ACCEPTED', { destinationBranchId: orgs.branchA2.id });
    await tc.step('committeeA', id, 'confirmReported', 'COMPLETED');
    expect(await memberRow(t, memberV1)).toMatchObject({ status: 'ACTIVE', org_id: orgs.branchA2.id });
  });

  describe('INBOUND', () => {
    // A letter is never valid for more than 180 days: these are a month, two and three from today.
    const inMonths = (n: number) => shiftDate(chinaDate(), 30 * n);
    const incoming = (over: Record<string, unknown> = {}) => ({
      incomingLetterNo: '2026320102015',
      sourceOrgName: '中共南京市玄武区委组织部',
      sourceRegion: '江苏省南京市',
      validUntil: inMonths(1),
      name: '赵新来',
      sex: 'F',
      ethnicity: '汉族',
      birthDate: '1992-03-04',
      idNumber: fakeIdNumber('1992-03-04', 'F'),
      phone: '13905161234',
      education: 'MASTER',
      category: 'FULL',
      joinedAt: '2015-06-30',
      duesPaidThrough: '2026-10',
      reason: 'JOB_CHANGE',
      ...over,
    });

    it('registered by the receiving committee, accepted into a branch (the record is created), confirmed on reporting', async () => {
      const { orgs } = t.county;
      const before = await memberCounts(t, [orgs.branchB1.id, orgs.committeeB.id, orgs.root.id]);
      const membersBefore = Number((await t.ds.query('SELECT COUNT(*) AS n FROM members'))[0].n);
      const body = incoming();
      const reg = await t.http.post('/api/transfers/inbound').set(await t.as('committeeB')).send({ destinationOrgId: orgs.branchB1.id, ...body });
      expect(reg.status, JSON.stringify(reg.body)).toBe(201);
      expect(reg.body).toMatchObject({
        channel: 'INBOUND',
        state: 'LETTER_ISSUED',
        member: { id: null, name: '赵新来' },
        incomingLetterNo: '2026320102015',
        incomingValidUntil: inMonths(1),
        incomingMember: { name: '赵新来', idNumberMasked: expect.stringMatching(/^3203\*+\d{3}[\dX]$/), sourceOrgName: '中共南京市玄武区委组织部', sourceRegion: '江苏省南京市' },
        holder: { kind: 'COMMITTEE', org: { id: orgs.committeeB.id } },
      });
      expect(JSON.stringify(reg.body)).not.toContain(body.idNumber);
      const id = reg.body.id as number;
      expect((await eventRows(t, id)).map((e) => [e.action, e.from_state, e.to_state])).toEqual([['register', null, 'LETTER_ISSUED']]);
      expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM members'))[0].n)).toBe(membersBefore);
      // Outbound-only steps do not apply to an arriving member.
      const r = await tc.act('committeeB', id, 'recordReceipt', { receiptHandler: '李四' });
      expect({ status: r.status, code: r.body.code }).toEqual({ status: 409, code: 'TRANSFER_ACTION_NOT_ALLOWED' });

      const accepted = await recordedStep('committeeB', id, 'accept', 'LETTER_ISSUED', 'ACCEPTED', { role: 'COMMITTEE_ADMIN', orgId: orgs.committeeB.id }, { destinationBranchId: orgs.branchB1.id });
      const memberId = accepted.member as { id: number };
      expect(memberId.id).toEqual(expect.any(Number));
      expect(await memberRow(t, memberId.id)).toMatchObject({ status: 'IN_TRANSFER', org_id: orgs.branchB1.id });
      await recordedStep('branchB1', id, 'confirmReported', 'ACCEPTED', 'COMPLETED', { role: 'BRANCH_ADMIN', orgId: orgs.branchB1.id });
      expect(await memberRow(t, memberId.id)).toMatchObject({ status: 'ACTIVE', org_id: orgs.branchB1.id });
      expect(await memberCounts(t, [orgs.branchB1.id, orgs.committeeB.id, orgs.root.id])).toEqual(before.map((n) => n + 1));
      const rec = await t.http.get(`/api/members/${memberId.id}`).set(await t.as('committeeB')).expect(200);
      expect(rec.body).toMatchObject({ name: '赵新来', category: 'FULL', duesPaidThrough: '2026-10', status: 'ACTIVE' });
      // The same person cannot be registered as arriving twice.
      const twice = await t.http.post('/api/transfers/inbound').set(await t.as('committeeB')).send({ destinationOrgId: orgs.branchB1.id, ...body, incomingLetterNo: 'X2' });
      expect({ status: twice.status, code: twice.body.code }).toEqual({ status: 409, code: 'ID_NUMBER_TAKEN' });
    });

    it('a member who transferred out and comes back keeps their one record', async () => {
      const { orgs, members } = t.county;
      // memberA2 left for another county in the IN_PROVINCE test above.
      expect((await memberRow(t, members.memberA2)).status).toBe('TRANSFERRED_OUT');
      const [enc] = await t.ds.query('SELECT id_number_enc, phone, birth_date, sex FROM members WHERE id = ?', [members.memberA2]);
      const idNumber = t.app.get(IdNumberCipher).decrypt(enc.id_number_enc);
      const before = await memberCounts(t, [orgs.branchA1.id, orgs.committeeA.id]);
      const reg = await t.http
        .post('/api/transfers/inbound')
        .set(await t.as('committeeA'))
        .send({ destinationOrgId: orgs.committeeA.id, ...incoming({ name: 'memberA', idNumber, birthDate: enc.birth_date, sex: enc.sex, phone: enc.phone, category: 'FULL', incomingLetterNo: '2026320102099' }) });
      expect(reg.status, JSON.stringify(reg.body)).toBe(201);
      expect(reg.body.member.id).toBe(members.memberA2);
      const id = reg.body.id as number;
      await tc.step('committeeA', id, 'accept', 'ACCEPTED', { destinationBranchId: orgs.branchA1.id });
      await tc.step('branchA1', id, 'confirmReported', 'COMPLETED');
      const hash = (await t.ds.query('SELECT id_number_hash FROM members WHERE id = ?', [members.memberA2]))[0].id_number_hash;
      expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM members WHERE id_number_hash = ?', [hash]))[0].n)).toBe(1);
      expect(await memberRow(t, members.memberA2)).toMatchObject({ status: 'ACTIVE', org_id: orgs.branchA1.id });
      expect(await memberCounts(t, [orgs.branchA1.id, orgs.committeeA.id])).toEqual(before.map((n) => n + 1));
      const history = (await t.http.get(`/api/members/${members.memberA2}`).set(await t.as('county')).expect(200)).body.history;
      expect(history.map((h: { org: { id: number }; to: string | null }) => [h.org.id, h.to === null])).toEqual([
        [orgs.branchA1.id, true],
        [orgs.branchA2.id, false],
      ]);
    });

    it('the same arriving person cannot be registered twice while the first registration is pending', async () => {
      const { orgs } = t.county;
      const person = incoming({ name: '孙重复', idNumber: fakeIdNumber('1988-08-08', 'M'), sex: 'M', birthDate: '1988-08-08', phone: '13905160002', incomingLetterNo: 'DUP-1' });
      const first = await t.http.post('/api/transfers/inbound').set(await t.as('committeeB')).send({ destinationOrgId: orgs.branchB1.id, ...person });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      for (const [user, dest] of [
        ['committeeB', orgs.branchB1.id],
        ['committeeA', orgs.branchA1.id],
      ] as const) {
        const again = await t.http.post('/api/transfers/inbound').set(await t.as(user)).send({ destinationOrgId: dest, ...person, incomingLetterNo: 'DUP-2' });
        expect({ status: again.status, code: again.body.code }, user).toEqual({ status: 409, code: 'TRANSFER_ALREADY_OPEN' });
      }
      // Registrations racing each other (each with its own letter, so the person alone is in question): the unique
      // index lets exactly one through.
      const racer = incoming({ name: '钱并发', idNumber: fakeIdNumber('1990-09-09', 'F'), sex: 'F', birthDate: '1990-09-09', phone: '13905160003' });
      const raced = await Promise.all(
        Array.from({ length: 6 }, async (_, i) =>
          t.http
            .post('/api/transfers/inbound')
            .set(await t.as(i % 2 ? 'committeeA' : 'committeeB'))
            .send({ destinationOrgId: i % 2 ? orgs.branchA1.id : orgs.branchB1.id, ...racer, incomingLetterNo: `RACE-${i}` }),
        ),
      );
      expect(raced.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(raced.filter((r) => r.status === 409).every((r) => r.body.code === 'TRANSFER_ALREADY_OPEN')).toBe(true);
      // Once accepted the person has a member record, and registering them again is refused as a duplicate member.
      await tc.step('committeeB', first.body.id, 'accept', 'ACCEPTED', { destinationBranchId: orgs.branchB1.id });
      const later = await t.http.post('/api/transfers/inbound').set(await t.as('committeeA')).send({ destinationOrgId: orgs.branchA1.id, ...person, incomingLetterNo: 'DUP-3' });
      expect({ status: later.status, code: later.body.code }).toEqual({ status: 409, code: 'ID_NUMBER_TAKEN' });
    });

    it('an arriving member’s letter that lapses is expired by the job, then renewed with the new letter they bring', async () => {
      const { orgs } = t.county;
      const reg = await t.http
        .post('/api/transfers/inbound')
        .set(await t.as('committeeB'))
        .send({ destinationOrgId: orgs.branchB1.id, ...incoming({ name: '周过期', idNumber: fakeIdNumber('1991-01-01', 'F'), birthDate: '1991-01-01', phone: '13905160003', incomingLetterNo: 'OLD-1' }) });
      expect(reg.status, JSON.stringify(reg.body)).toBe(201);
      const id = reg.body.id as number;
      await t.ds.query('UPDATE transfers SET letter_valid_until = ? WHERE id = ?', [new Date(Date.now() - 60_000), id]);
      expect(await t.app.get(TransferExpiryJob).run()).toBe(1);
      const expired = await tc.get('committeeB', id);
      expect(expired).toMatchObject({ state: 'EXPIRED', holder: { kind: 'COMMITTEE', org: { id: orgs.committeeB.id } } });
      const re = await tc.step('committeeB', id, 'reissue', 'LETTER_ISSUED', { incomingLetterNo: 'NEW-1', validUntil: inMonths(2) });
      expect(re.incomingLetterNo).toBe('NEW-1');
      expect(JSON.parse((await eventRows(t, id)).at(-1)!.detail!)).toEqual({ incomingLetterNo: 'NEW-1' });
      await tc.step('committeeB', id, 'accept', 'ACCEPTED', { destinationBranchId: orgs.branchB1.id });
    });

    it('a second letter for an arriving member: bounced, then re-registered with the corrected letter', async () => {
      const { orgs } = t.county;
      const reg = await t.http.post('/api/transfers/inbound').set(await t.as('committeeB')).send({ destinationOrgId: orgs.branchB1.id, ...incoming({ name: '钱回来', idNumber: fakeIdNumber('1990-01-01', 'M'), sex: 'M', birthDate: '1990-01-01', phone: '13905160001' }) });
      expect(reg.status, JSON.stringify(reg.body)).toBe(201);
      const id = reg.body.id as number;
      await tc.step('committeeB', id, 'bounce', 'BOUNCED', { comment: '介绍信抬头有误' });
      let r = await tc.act('committeeB', id, 'reissue');
      expect({ status: r.status, field: r.body.details?.[0]?.field }).toEqual({ status: 400, field: 'incomingLetterNo' });
      const re = await tc.step('committeeB', id, 'reissue', 'LETTER_ISSUED', { incomingLetterNo: '2026320102016', validUntil: inMonths(3) });
      expect(re.incomingLetterNo).toBe('2026320102016');
      r = await tc.act('committeeB', id, 'revoke', { comment: 'x' });
      expect({ status: r.status, code: r.body.code }).toEqual({ status: 409, code: 'TRANSFER_ACTION_NOT_ALLOWED' });
    });

    it('an arrival whose member never brings a valid letter is closed by the receiving committee, with its reason', async () => {
      const { orgs } = t.county;
      const person = { name: '孙未至', idNumber: fakeIdNumber('1993-02-02', 'M'), sex: 'M', birthDate: '1993-02-02', phone: '13905160009', incomingLetterNo: 'GONE-1' };
      const reg = await t.http.post('/api/transfers/inbound').set(await t.as('committeeB')).send({ destinationOrgId: orgs.branchB1.id, ...incoming(person) });
      expect(reg.status, JSON.stringify(reg.body)).toBe(201);
      const id = reg.body.id as number;
      await tc.step('committeeB', id, 'bounce', 'BOUNCED', { comment: '介绍信抬头有误' });
      await refusedWithoutChange(t, () => tc.act('committeeB', id, 'reject'), 400, 'VALIDATION_FAILED');
      const closed = await tc.step('committeeB', id, 'reject', 'REJECTED', { comment: '逾期未持新介绍信前来' });
      expect(closed.holder).toMatchObject({ kind: 'NONE' });
      // Closed, it no longer holds the person or the letter number: they can be registered when they do come.
      const again = await t.http.post('/api/transfers/inbound').set(await t.as('committeeB')).send({ destinationOrgId: orgs.branchB1.id, ...incoming(person) });
      expect(again.status, JSON.stringify(again.body)).toBe(201);
    });
  });

  it('a member whose letter bounced (or lapsed, or was revoked) may give the transfer up and apply again', async () => {
    const { orgs } = t.county;
    const [w1] = await addLoginMembers(t, orgs.branchA1, ['w1']);
    const toB1 = { channel: 'IN_COUNTY', destinationOrgId: orgs.branchB1.id, reason: 'JOB_CHANGE' };
    const issued = await tc.issued('w1', toB1);
    await tc.step('committeeB', issued.id, 'bounce', 'BOUNCED', { comment: '应转往其他街道' });
    // The open transfer blocks a second one until it is given up.
    expect((await t.http.post('/api/transfers').set(await t.as('w1')).send(toB1)).status).toBe(409);
    const gone = await tc.step('w1', issued.id, 'withdraw', 'WITHDRAWN');
    expect(gone.holder).toMatchObject({ kind: 'NONE' });
    expect((await memberRow(t, w1)).status).toBe('ACTIVE');
    expect((await t.http.post('/api/transfers').set(await t.as('w1')).send(toB1)).status).toBe(201);
  });

  it('every channel’s steps kept the overview’s counters as a count from scratch would give them', async () => {
    await expectTallyAsRebuilt(t.ds);
  });
});
