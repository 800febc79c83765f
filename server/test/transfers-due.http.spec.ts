import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiInstant } from '../src/common/calendar/china-calendar';
import { TransferDueJob } from '../src/transfers/transfer-due.job';
import { addLoginMembers, extendForTransfers } from './factories/transfer-county';
import { startTestApp, type TestApp } from './support/test-app';
import { CHECKLIST, TransferClient } from './support/transfers';

type Note = { kind: string; title: string; body: string; link: string; params: Record<string, string | number> | null };

/**
 * The morning reminder of the transfer steps due today: once a day to each administrator who must act on one (the
 * holder tier, or the nearest one above serving an organisation without an administrator), never before the office opens, never for
 * a step due another day or already overdue — and once however often, or from how many processes, the job runs.
 */
describe('the reminder of transfer steps due today', () => {
  let t: TestApp;
  let job: TransferDueJob;
  let mine: number; // memberA1's, waiting on branchA1
  let served: number; // waiting on branchA2, which has no administrator: committeeA serves it
  let today: string;
  const endOf = (day: string) => new Date(shanghaiInstant(addDays(day, 1)).getTime() - 1);
  const at = (day: string, time: string) => shanghaiInstant(day, time);
  const dueOn = async (id: number, due: Date) => t.ds.query('UPDATE transfers SET due_at = ? WHERE id = ?', [due, id]);
  const reminders = async (user: string): Promise<Note[]> =>
    ((await t.http.get('/api/notifications').set(await t.as(user)).expect(200)).body.items as Note[]).filter((n) => n.kind === 'transfer.dueToday');

  beforeAll(async () => {
    t = await startTestApp();
    await extendForTransfers(t);
    const tc = new TransferClient(t);
    const [a2] = await addLoginMembers(t, t.county.orgs.branchA2, ['dueA2']);
    expect(a2).toBeGreaterThan(0);
    mine = (await tc.submitted('memberA1', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' })).id;
    served = (await tc.submitted('dueA2', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'RESIDENCE' })).id;
    job = t.app.get(TransferDueJob);
    today = shanghaiDate(new Date());
    // Both steps due at the end of today; the job is run with the morning's clock.
    await dueOn(mine, endOf(today));
    await dueOn(served, endOf(today));
  });
  afterAll(() => t.close());

  it('waits for the office to open', async () => {
    expect(await job.run(at(today, '07:59'))).toBe(0);
    expect(await reminders('branchA1')).toEqual([]);
  });

  it('tells each administrator once a day what is due today, whose, and links to it', async () => {
    expect(await job.run(at(today, '08:30'))).toBe(2); // branchA1, and committeeA for branchA2
    expect(await reminders('branchA1')).toEqual([
      expect.objectContaining({
        title: '今日到期：1 件组织关系转接待办理',
        body: expect.stringMatching(/^请在今日内办理：.+（待初审）$/),
        link: `/admin/transfers/${mine}`,
        // The facts, for the web app to word it in English.
        params: { count: 1, names: expect.stringMatching(/^\S+$/) },
      }),
    ]);
    expect(await reminders('committeeA')).toEqual([expect.objectContaining({ title: '今日到期：1 件组织关系转接待办理', link: `/admin/transfers/${served}` })]);
    // The member and the side that is not holding the step hear nothing of it.
    for (const user of ['memberA1', 'committeeB', 'county']) expect(await reminders(user), user).toEqual([]);
    // Again later in the morning, and twice at once: no second reminder.
    expect(await Promise.all([job.run(at(today, '09:00')), job.run(at(today, '09:00'))])).toEqual([0, 0]);
    expect(await reminders('branchA1')).toHaveLength(1);
    expect(await reminders('committeeA')).toHaveLength(1);
  });

  it('passes over a step due another day, or already overdue', async () => {
    const tomorrow = addDays(today, 1);
    await t.ds.query("DELETE FROM notifications WHERE kind = 'transfer.dueToday'");
    try {
      await dueOn(mine, endOf(tomorrow));
      await dueOn(served, at(today, '10:00')); // passed by the time the job runs at 11:00
      expect(await job.run(at(today, '11:00'))).toBe(0);
      expect(await reminders('branchA1')).toEqual([]);
    } finally {
      await dueOn(mine, endOf(today));
      await dueOn(served, endOf(today));
    }
  });

  it('counts several steps in one reminder, linked to the queue, and reminds again the next day', async () => {
    await t.ds.query("DELETE FROM notifications WHERE kind = 'transfer.dueToday'");
    // committeeA holds memberA1's step too once branchA1 has pre-approved it: two steps, one reminder.
    await new TransferClient(t).step('branchA1', mine, 'preApprove', 'PRE_APPROVED', { checklist: CHECKLIST });
    await dueOn(mine, endOf(today));
    expect(await job.run(at(today, '08:00'))).toBe(1);
    expect(await reminders('committeeA')).toEqual([
      expect.objectContaining({ title: '今日到期：2 件组织关系转接待办理', body: expect.stringMatching(/^请在今日内办理：.+、.+$/), link: '/admin/transfers?due=today' }),
    ]);
    // The link lists what the reminder counts: the to-do list's filter 今日到期.
    const listed = (await t.http.get('/api/transfers?queue=todo&dueToday=true').set(await t.as('committeeA')).expect(200)).body.items as { id: number }[];
    expect(listed.map((x) => x.id).sort()).toEqual([mine, served].sort());
    // The next day (both due at its end), a new reminder: one, though two processes send it at once.
    const next = addDays(today, 1);
    await dueOn(mine, endOf(next));
    await dueOn(served, endOf(next));
    expect((await Promise.all([job.run(at(next, '08:00')), job.run(at(next, '08:00'))])).reduce((a, b) => a + b)).toBe(1);
    expect(await reminders('committeeA')).toHaveLength(2);
  });

  it('reminds the county of the steps of a committee with no administrator enabled: its to-do list holds them', async () => {
    await t.ds.query("DELETE FROM notifications WHERE kind = 'transfer.dueToday'");
    // Without committeeA's administrator, its approval of memberA1's application and branchA2's pre-review (which it
    // served) are the county's: told to it as they arrive, in its to-do list, and so in its reminder.
    const [admin] = await t.ds.query("SELECT id FROM users WHERE username = 'committeeA'");
    await t.ds.query('UPDATE users SET disabled = ? WHERE id = ?', [true, admin.id]);
    try {
      await dueOn(mine, endOf(today));
      await dueOn(served, endOf(today));
      expect(await job.run(at(today, '08:00'))).toBe(1);
      expect(await reminders('county')).toEqual([expect.objectContaining({ title: '今日到期：2 件组织关系转接待办理', link: '/admin/transfers?due=today' })]);
      const todo = (await t.http.get('/api/transfers?queue=todo&dueToday=true').set(await t.as('county')).expect(200)).body.items as { id: number }[];
      expect(todo.map((i) => i.id).sort()).toEqual([mine, served].sort());
    } finally {
      await t.ds.query('UPDATE users SET disabled = ? WHERE id = ?', [false, admin.id]);
    }
  });

  it('tells no one, and fails on nothing, when no administrator above a due step is enabled', async () => {
    await t.ds.query("DELETE FROM notifications WHERE kind = 'transfer.dueToday'");
    const admins = (await t.ds.query('SELECT DISTINCT user_id FROM role_assignments')).map((r: { user_id: number }) => Number(r.user_id));
    await t.ds.query(`UPDATE users SET disabled = ? WHERE id IN (${admins.map(() => '?').join(',')})`, [true, ...admins]);
    try {
      await dueOn(mine, endOf(today));
      expect(await job.run(at(today, '08:00'))).toBe(0);
    } finally {
      await t.ds.query(`UPDATE users SET disabled = ? WHERE id IN (${admins.map(() => '?').join(',')})`, [false, ...admins]);
    }
  });
});
