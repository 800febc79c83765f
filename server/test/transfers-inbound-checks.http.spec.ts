import { chinaYearMonth, shiftYearMonth } from '@zhdj/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../src/common/calendar/china-calendar';
import { extendForTransfers } from './factories/transfer-county';
import { fakeIdNumber } from './factories/mini-county';
import { startTestApp, type TestApp } from './support/test-app';
import { TransferClient, refusedWithoutChange } from './support/transfers';

/**
 * What the registration of an arriving member (and its re-issue) checks of the letter and the person before anything is
 * written: the letter still valid and never for more than 180 days, its number not on another open registration, a
 * joining date between birth and today, dues not paid into the future; and the pre-review flags an arrival raises.
 */
describe('registering an arriving member: what is checked', () => {
  let t: TestApp;
  let tc: TransferClient;
  const today = shanghaiDate(new Date());
  const month = chinaYearMonth();
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp();
    await extendForTransfers(t);
    tc = new TransferClient(t);
    // Logins are audited: logged in before any refusal is checked for changing nothing.
    for (const user of ['committeeA', 'committeeB', 'county']) await t.as(user);
  });
  afterAll(() => t.close());

  /** A fresh arriving person with a fresh letter, valid for a month. */
  const incoming = (over: Record<string, unknown> = {}) => {
    seq += 1;
    return {
      destinationOrgId: t.county.orgs.branchB1.id,
      incomingLetterNo: `CHK-${seq}`,
      sourceOrgName: '中共南京市玄武区委组织部',
      sourceRegion: '江苏省南京市',
      validUntil: addDays(today, 30),
      name: '赵新来',
      sex: 'F',
      ethnicity: '汉族',
      birthDate: '1992-03-04',
      idNumber: fakeIdNumber('1992-03-04', 'F'),
      phone: `1390517${String(1000 + seq)}`,
      education: 'MASTER',
      category: 'FULL',
      joinedAt: '2015-06-30',
      duesPaidThrough: month,
      reason: 'JOB_CHANGE',
      ...over,
    };
  };
  const register = async (body: Record<string, unknown>, user = 'committeeB') => t.http.post('/api/transfers/inbound').set(await t.as(user)).send(body);
  const refusedField = async (body: Record<string, unknown>, field: string, constraint: string) => {
    const r = await refusedWithoutChange(t, () => register(body), 400, 'VALIDATION_FAILED');
    expect(r.body.details, JSON.stringify(r.body)).toEqual([expect.objectContaining({ field, constraint })]);
    return r;
  };

  describe('the letter’s validity', () => {
    it('refuses a letter whose last valid day has passed: the member must report within validity', async () => {
      await refusedField(incoming({ validUntil: addDays(today, -6) }), 'validUntil', 'notPast');
      await refusedField(incoming({ validUntil: addDays(today, -1) }), 'validUntil', 'notPast');
      // Its last day is today: still valid.
      expect((await register(incoming({ validUntil: today }))).status).toBe(201);
    });

    it('refuses a letter valid for more than 180 days (domain.md §4: never above 180)', async () => {
      await refusedField(incoming({ validUntil: addDays(today, 181) }), 'validUntil', 'max180');
      await refusedField(incoming({ validUntil: '2099-12-31' }), 'validUntil', 'max180');
      const ok = await register(incoming({ validUntil: addDays(today, 180) }));
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body.incomingValidUntil).toBe(addDays(today, 180));
    });

    it('applies the same rules to the new letter brought for a re-issue, and changes nothing when refusing it', async () => {
      const reg = await register(incoming());
      expect(reg.status, JSON.stringify(reg.body)).toBe(201);
      const id = reg.body.id as number;
      await tc.step('committeeB', id, 'bounce', 'BOUNCED', { comment: '介绍信抬头有误' });
      for (const [validUntil, constraint] of [
        [addDays(today, -1), 'notPast'],
        [addDays(today, 181), 'max180'],
      ] as const) {
        const r = await refusedWithoutChange(t, () => tc.act('committeeB', id, 'reissue', { incomingLetterNo: `NEW-${id}`, validUntil }), 400, 'VALIDATION_FAILED');
        expect(r.body.details).toEqual([expect.objectContaining({ field: 'validUntil', constraint })]);
      }
      const re = await tc.step('committeeB', id, 'reissue', 'LETTER_ISSUED', { incomingLetterNo: `NEW-${id}`, validUntil: addDays(today, 60) });
      expect(re).toMatchObject({ incomingLetterNo: `NEW-${id}`, incomingValidUntil: addDays(today, 60) });
    });
  });

  describe('the letter’s number', () => {
    it('is refused while another open registration holds it (written differently too), and free again once it is replaced', async () => {
      const first = await register(incoming({ incomingLetterNo: '2026XW00123' }));
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      for (const same of ['2026XW00123', ' 2026xw 00123 ', '２０２６ＸＷ００１２３']) {
        const r = await refusedWithoutChange(t, () => register(incoming({ incomingLetterNo: same })), 409, 'INCOMING_LETTER_TAKEN');
        expect(r.body.details, same).toEqual([expect.objectContaining({ field: 'incomingLetterNo', constraint: 'unique' })]);
      }
      // Another committee cannot register it either: a letter is one member's, wherever it is presented.
      await refusedWithoutChange(t, () => register(incoming({ incomingLetterNo: '2026XW00123', destinationOrgId: t.county.orgs.branchA1.id }), 'committeeA'), 409, 'INCOMING_LETTER_TAKEN');

      // A re-issue cannot take a number another open registration holds.
      const other = await register(incoming());
      const otherId = other.body.id as number;
      await tc.step('committeeB', otherId, 'bounce', 'BOUNCED', { comment: '编号有误' });
      await refusedWithoutChange(t, () => tc.act('committeeB', otherId, 'reissue', { incomingLetterNo: '2026XW00123', validUntil: addDays(today, 30) }), 409, 'INCOMING_LETTER_TAKEN');

      // Once the first registration's letter is replaced by a re-issue, its old number is no longer held.
      await tc.step('committeeB', first.body.id, 'bounce', 'BOUNCED', { comment: '介绍信抬头有误' });
      await tc.step('committeeB', first.body.id, 'reissue', 'LETTER_ISSUED', { incomingLetterNo: '2026XW00124', validUntil: addDays(today, 30) });
      await tc.step('committeeB', otherId, 'reissue', 'LETTER_ISSUED', { incomingLetterNo: '2026XW00123', validUntil: addDays(today, 30) });
    });

    it('of registrations racing with one letter number, exactly one is made', async () => {
      const raced = await Promise.all(
        Array.from({ length: 6 }, async (_, i) =>
          register(incoming({ incomingLetterNo: 'RACE-LETTER-1', destinationOrgId: i % 2 ? t.county.orgs.branchA1.id : t.county.orgs.branchB1.id }), i % 2 ? 'committeeA' : 'committeeB'),
        ),
      );
      expect(raced.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(raced.filter((r) => r.status === 409).every((r) => r.body.code === 'INCOMING_LETTER_TAKEN')).toBe(true);
      const rows = await t.ds.query("SELECT COUNT(*) AS n FROM transfers WHERE incoming_letter_no = 'RACE-LETTER-1'");
      expect(Number(rows[0].n)).toBe(1);
    });
  });

  describe('the person’s dates', () => {
    it('refuses a joining date before the date of birth or after today', async () => {
      await refusedField(incoming({ joinedAt: '1990-01-01' }), 'joinedAt', 'afterBirth');
      await refusedField(incoming({ joinedAt: '1992-03-04' }), 'joinedAt', 'afterBirth');
      await refusedField(incoming({ joinedAt: addDays(today, 1) }), 'joinedAt', 'notFuture');
    });

    it('refuses dues paid through a month still to come', async () => {
      await refusedField(incoming({ duesPaidThrough: shiftYearMonth(month, 13) }), 'duesPaidThrough', 'tooFarAhead');
      await refusedField(incoming({ duesPaidThrough: shiftYearMonth(month, 30) }), 'duesPaidThrough', 'tooFarAhead');
    });

    it('the same rules hold for a member recorded in the county (one rule for both)', async () => {
      const { orgs } = t.county;
      const member = (over: Record<string, unknown>) => ({
        name: '周小燕',
        sex: 'F',
        ethnicity: '回族',
        birthDate: '1990-05-17',
        idNumber: fakeIdNumber('1990-05-17', 'F'),
        phone: `1381235${String(1000 + ++seq)}`,
        education: 'MASTER',
        category: 'FULL',
        joinedAt: '2015-07-01',
        duesPaidThrough: month,
        orgId: orgs.branchA1.id,
        ...over,
      });
      const create = async (body: Record<string, unknown>) => t.http.post('/api/members').set(await t.as('committeeA')).send(body);
      for (const [over, field, constraint] of [
        [{ joinedAt: '1989-01-01' }, 'joinedAt', 'afterBirth'],
        [{ joinedAt: addDays(today, 3) }, 'joinedAt', 'notFuture'],
        [{ duesPaidThrough: shiftYearMonth(month, 13) }, 'duesPaidThrough', 'tooFarAhead'],
      ] as const) {
        const r = await refusedWithoutChange(t, () => create(member(over)), 400, 'VALIDATION_FAILED');
        expect(r.body.details, JSON.stringify(over)).toEqual([expect.objectContaining({ field, constraint })]);
      }
      const made = await create(member({}));
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const patch = async (body: Record<string, unknown>) =>
        t.http
          .patch(`/api/members/${made.body.id}`)
          .set(await t.as('committeeA'))
          .send({ ...body, version: made.body.version });
      const r = await refusedWithoutChange(t, () => patch({ duesPaidThrough: shiftYearMonth(month, 13) }), 400, 'VALIDATION_FAILED');
      expect(r.body.details).toEqual([expect.objectContaining({ field: 'duesPaidThrough', constraint: 'tooFarAhead' })]);
      await refusedWithoutChange(t, () => patch({ joinedAt: '1980-01-01' }), 400, 'VALIDATION_FAILED');
      // Paid a year ahead (预交): accepted.
      expect((await patch({ duesPaidThrough: shiftYearMonth(month, 12) })).status).toBe(200);
    });
  });

  describe('the pre-review flags', () => {
    it('an arrival whose letter shows dues owed, or probation ended, is flagged for the receiving committee, which may still accept', async () => {
      const owing = await register(incoming({ duesPaidThrough: shiftYearMonth(month, -3) }));
      expect(owing.status, JSON.stringify(owing.body)).toBe(201);
      expect(owing.body.flags).toEqual({ duesOwedMonths: 3, probationOverdue: false });

      const overdue = await register(incoming({ category: 'PROBATIONARY', joinedAt: addDays(today, -400), probationEndsAt: addDays(today, -30) }));
      expect(overdue.status, JSON.stringify(overdue.body)).toBe(201);
      expect(overdue.body.flags).toEqual({ duesOwedMonths: 0, probationOverdue: true });
      expect((await tc.get('committeeB', overdue.body.id)).flags).toEqual({ duesOwedMonths: 0, probationOverdue: true });

      const running = await register(incoming({ category: 'PROBATIONARY', joinedAt: addDays(today, -200), probationEndsAt: addDays(today, 165) }));
      expect(running.body.flags).toEqual({ duesOwedMonths: 0, probationOverdue: false });

      // The letter came from outside: the receiving committee is warned, not stopped (the source decided before issuing it).
      const accepted = await tc.step('committeeB', overdue.body.id, 'accept', 'ACCEPTED', { destinationBranchId: t.county.orgs.branchB1.id });
      expect(accepted.flags).toEqual({ duesOwedMonths: 0, probationOverdue: true });
      await tc.step('committeeB', owing.body.id, 'accept', 'ACCEPTED', { destinationBranchId: t.county.orgs.branchB1.id });
    });
  });
});
