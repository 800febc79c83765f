import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiInstant } from '../src/common/calendar/china-calendar';
import type { NotificationView } from '../src/notifications/notifications.service';
import { TransferLetterReminderJob } from '../src/transfers/transfer-letter-reminder.job';
import { addLoginMembers, addOrg, extendForTransfers } from './factories/transfer-county';
import { startTestApp, type TestApp } from './support/test-app';
import { OUTSIDE, TransferClient } from './support/transfers';

/**
 * A letter running out (domain.md §7: members left "in the pocket"): a few days before its last valid day a member who
 * has to report with it is told where and by when, and the administrators holding the step are told what they are
 * still waiting for — once per letter and person, however often (or however many at once) the job runs; a re-issued letter's new
 * day is reminded of again; a letter not yet near its end, or already lapsed, is not.
 */
describe('reminders of letters running out, over HTTP', () => {
  let t: TestApp;
  let tc: TransferClient;
  let job: TransferLetterReminderJob;
  let today: string;
  beforeAll(async () => {
    t = await startTestApp();
    await extendForTransfers(t);
    tc = new TransferClient(t);
    job = t.app.get(TransferLetterReminderJob);
    today = shanghaiDate(new Date());
  });
  afterAll(() => t.close());

  /** The letter's last valid day moved to `day` (as the issuing step sets it: the end of that day in Xinyi). */
  const lastDay = async (id: number, day: string) => {
    const end = new Date(shanghaiInstant(addDays(day, 1)).getTime() - 1);
    await t.ds.query('UPDATE transfers SET letter_valid_until = ? WHERE id = ?', [end, id]);
    await t.ds.query("UPDATE letters SET valid_until = ? WHERE transfer_id = ? AND status = 'VALID'", [end, id]);
  };
  const notes = async (user: string, id: number, kind: string): Promise<NotificationView[]> =>
    ((await t.http.get('/api/notifications').query({ limit: 50 }).set(await t.as(user)).expect(200)).body.items as NotificationView[]).filter(
      (n) => n.kind === kind && n.link.endsWith(`/transfers/${id}`),
    );

  it('tells the receiving committee, then the member and the branch once placed, from five days before the last day, until the step moves', async () => {
    const issued = await tc.issued('memberA1', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' });
    const id = issued.id;
    const name = (issued.member as { name: string }).name;
    // Thirty days of validity: nothing yet; six days before its end, still nothing.
    expect(await job.run()).toBe(0);
    await lastDay(id, addDays(today, 6));
    expect(await job.run()).toBe(0);
    // Five days before: the committee that must accept. The member has nowhere to report until it does.
    const day = addDays(today, 5);
    await lastDay(id, day);
    expect(await job.run()).toBe(1);
    expect(await notes('committeeB', id, 'transfer.letterExpiringHolder')).toEqual([
      expect.objectContaining({
        title: `介绍信即将到期：${name} 的组织关系转接`,
        body: `介绍信 ${day} 到期，请在到期前办理接收，逾期介绍信自动失效。`,
        link: `/admin/transfers/${id}`,
        read: false,
        params: { validUntil: day, member: name, waiting: 'accept' },
      }),
    ]);
    expect(await notes('memberA1', id, 'transfer.letterExpiring')).toEqual([]);
    // The side the member leaves holds nothing now: it is not told.
    expect(await notes('committeeA', id, 'transfer.letterExpiringHolder')).toEqual([]);
    // Again, and twice at once: still one reminder.
    expect(await job.run()).toBe(0);
    expect(await Promise.all([job.run(), job.run()])).toEqual([0, 0]);
    expect(await notes('committeeB', id, 'transfer.letterExpiringHolder')).toHaveLength(1);

    // Accepted: the committee's to-do is settled; the member, now placed, is told where to report and by when, and
    // the branch waiting for them that they have not reported.
    await tc.step('committeeB', id, 'accept', 'ACCEPTED', { destinationBranchId: t.county.orgs.branchB1.id });
    expect((await notes('committeeB', id, 'transfer.letterExpiringHolder')).map((n) => n.read)).toEqual([true]);
    expect(await job.run()).toBe(2);
    expect(await notes('memberA1', id, 'transfer.letterExpiring')).toEqual([
      expect.objectContaining({
        title: `介绍信将于 ${day} 到期`,
        body: `请在 ${day} 前到 ${t.county.orgs.branchB1.name} 报到。逾期未报到，介绍信失效，需申请补开。`,
        link: `/m/transfers/${id}`,
        read: false,
        params: { validUntil: day, place: t.county.orgs.branchB1.name },
      }),
    ]);
    expect(await notes('branchB1', id, 'transfer.letterExpiringHolder')).toEqual([
      expect.objectContaining({ body: `介绍信 ${day} 到期，党员尚未报到，请与党员联系，督促其按期报到。`, read: false, params: { validUntil: day, member: name, waiting: 'report' } }),
    ]);
    expect(await Promise.all([job.run(), job.run()])).toEqual([0, 0]);
    expect(await notes('memberA1', id, 'transfer.letterExpiring')).toHaveLength(1);

    // Reported: the branch's reminder is settled, and a completed transfer is not read again.
    await tc.step('branchB1', id, 'confirmReported', 'COMPLETED');
    expect((await notes('branchB1', id, 'transfer.letterExpiringHolder')).map((n) => n.read)).toEqual([true]);
    expect(await job.run()).toBe(0);
  });

  it('tells an outbound letter’s issuer that no receipt is in, reminds of a re-issued letter’s new day, and leaves a lapsed letter to expiry', async () => {
    const issued = await tc.issued('memberB1', { ...OUTSIDE.IN_PROVINCE }, 'branchB1', 'committeeB');
    const id = issued.id;
    const name = (issued.member as { name: string }).name;
    await lastDay(id, today);
    // On its last day: the member (report to the organisation the letter names) and the issuer (waiting for the receipt).
    expect(await job.run()).toBe(2);
    expect((await notes('memberB1', id, 'transfer.letterExpiring')).map((n) => n.params)).toEqual([{ validUntil: today, place: OUTSIDE.IN_PROVINCE.destinationName }]);
    expect(await notes('committeeB', id, 'transfer.letterExpiringHolder')).toEqual([
      expect.objectContaining({ body: `介绍信 ${today} 到期，尚未登记回执，请与党员联系，督促其按期报到。`, params: { validUntil: today, member: name, waiting: 'receipt' } }),
    ]);
    // A new letter with a new last day is a new reminder.
    await lastDay(id, addDays(today, 3));
    expect(await job.run()).toBe(2);
    expect((await notes('memberB1', id, 'transfer.letterExpiring')).map((n) => n.params?.validUntil)).toEqual([addDays(today, 3), today]);
    // Lapsed yesterday (the expiry job has not run yet): not a reminder's to send.
    await lastDay(id, addDays(today, -1));
    expect(await job.run()).toBe(0);
  });

  it('reminds a committee serving a branch without an administrator of both its steps, once each, when two runs start at once', async () => {
    // A branch under committee B with no administrator: committee B accepts for it, then waits on its behalf.
    const branchB2 = await addOrg(t, 'branchB2', t.county.orgs.committeeB, 'BRANCH', 'COMMUNITY', false);
    await addLoginMembers(t, t.county.orgs.branchA1, ['memberA9']);
    const issued = await tc.issued('memberA9', { channel: 'IN_COUNTY', destinationOrgId: branchB2.id, reason: 'RESIDENCE' });
    const id = issued.id;
    await lastDay(id, addDays(today, 2));
    const waiting = async () => (await notes('committeeB', id, 'transfer.letterExpiringHolder')).map((n) => [n.params?.waiting, n.read]);
    // The first reminders sent by two runs at once (two connections on MariaDB): one, not two.
    expect((await Promise.all([job.run(), job.run()])).reduce((a, b) => a + b)).toBe(1);
    expect(await waiting()).toEqual([['accept', false]]);
    await tc.step('committeeB', id, 'accept', 'ACCEPTED', { destinationBranchId: branchB2.id });
    // Now the member has to report, and the same committee waits for it on the branch's behalf: told again, in those words.
    expect((await Promise.all([job.run(), job.run()])).reduce((a, b) => a + b)).toBe(2);
    expect(await waiting()).toEqual([
      ['report', false],
      ['accept', true],
    ]);
    expect(await notes('memberA9', id, 'transfer.letterExpiring')).toHaveLength(1);
  });
});
