import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../src/common/calendar/china-calendar';
import { expectError } from './support/http';
import { centreWithMembers } from './support/bookings';
import { startTestApp, type TestApp } from './support/test-app';

/** Closing a centre cancels the visits in the dates; a closure entered in error can be withdrawn while it lasts. */
describe('centre closures', () => {
  let t: TestApp;
  let centerId: number;
  let tokens: string[] = [];
  let open: { date: string; start: string }[] = [];

  const day = async (date: string) => {
    const r = await t.http.get(`/api/service-centers/${centerId}/availability?from=${date}&to=${date}`).set('Authorization', `Bearer ${tokens[0]}`);
    expect(r.status).toBe(200);
    return (r.body as { closed: { reason: string; detail?: string } | null; slots: unknown[] }[])[0];
  };
  const closures = async () => (await t.http.get(`/api/service-centers/${centerId}/closures`).set(await t.as('committeeA'))).body as { id: number; fromDate: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    ({ centerId, tokens } = await centreWithMembers(t, { name: '闭馆测试中心', slotMinutes: 30, capacity: 2, members: 2 }));
    const today = shanghaiDate(new Date());
    const r = await t.http.get(`/api/service-centers/${centerId}/availability?from=${addDays(today, 2)}&to=${addDays(today, 13)}`).set('Authorization', `Bearer ${tokens[0]}`);
    open = (r.body as { date: string; slots: { start: string }[] }[]).filter((d) => d.slots.length).map((d) => ({ date: d.date, start: d.slots[0].start }));
    expect(open.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
  afterAll(() => t?.close());

  it('withdraws a closure entered in error: its days open again, the visits it cancelled stay cancelled, and it is audited', async () => {
    const { date, start } = open[0];
    const booked = await t.http.post('/api/bookings').set('Authorization', `Bearer ${tokens[1]}`).send({ serviceCenterId: centerId, start, purpose: 'CONSULTATION' });
    expect(booked.status).toBe(201);
    const closed = await t.http.post(`/api/service-centers/${centerId}/closures`).set(await t.as('committeeA')).send({ fromDate: date, toDate: date, reason: '场地维修' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    expect(closed.body.cancelled).toBe(1);
    expect((await day(date)).slots).toHaveLength(0);

    // Not theirs to withdraw, or no such closure: refused, nothing changed.
    expectError(await t.http.delete(`/api/service-centers/${centerId}/closures/${closed.body.closureId}`).set(await t.as('committeeB')), 404, 'NOT_FOUND');
    expectError(await t.http.delete(`/api/service-centers/${centerId}/closures/${closed.body.closureId + 1000}`).set(await t.as('committeeA')), 404, 'NOT_FOUND');
    expectError(await t.http.delete(`/api/service-centers/${centerId}/closures/${closed.body.closureId}`).set('Authorization', `Bearer ${tokens[0]}`), 403, 'FORBIDDEN');
    expect((await closures()).map((c) => c.id)).toContain(closed.body.closureId);

    // Two withdrawals at once (a double click): one answers, the other finds it gone.
    const both = await Promise.all([0, 1].map(async () => t.http.delete(`/api/service-centers/${centerId}/closures/${closed.body.closureId}`).set(await t.as('committeeA'))));
    expect(both.map((r) => r.status).sort()).toEqual([200, 404]);
    expect(both.find((r) => r.status === 200)!.body).toEqual({ reopenedFrom: date });
    expect((await day(date)).slots.length).toBeGreaterThan(0);
    expect((await closures()).map((c) => c.id)).not.toContain(closed.body.closureId);
    const visit = await t.http.get(`/api/bookings/${booked.body.id}`).set('Authorization', `Bearer ${tokens[1]}`);
    expect(visit.body.status).toBe('CANCELLED');
    const audit = await t.ds.query("SELECT target_id, detail FROM audit_log WHERE action = 'center.reopen'");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail)).toMatchObject({ fromDate: date, toDate: date, reason: '场地维修' });
  });

  it('refuses days the calendar does not have, for a closure and for the days offered', async () => {
    const before = (await closures()).length;
    for (const [fromDate, toDate] of [['2027-02-29', '2027-03-01'], ['2027-02-30', '2027-02-31'], ['2027-04-31', '2027-05-01']]) {
      const res = await t.http.post(`/api/service-centers/${centerId}/closures`).set(await t.as('committeeA')).send({ fromDate, toDate, reason: '场地维修' });
      expectError(res, 400, 'VALIDATION_FAILED');
    }
    expect((await closures()).length).toBe(before);
    expectError(await t.http.get(`/api/service-centers/${centerId}/availability?from=2026-02-30&to=2026-03-01`).set('Authorization', `Bearer ${tokens[0]}`), 400, 'VALIDATION_FAILED');
  });

  it('refuses a closure that ends before today (field toDate, notPast), and changes nothing', async () => {
    const today = shanghaiDate(new Date());
    const before = (await closures()).length;
    const audits = Number((await t.ds.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n);
    for (const [fromDate, toDate] of [[addDays(today, -3), addDays(today, -2)], [addDays(today, -1), addDays(today, -1)]]) {
      const res = await t.http.post(`/api/service-centers/${centerId}/closures`).set(await t.as('committeeA')).send({ fromDate, toDate, reason: '补登' });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details).toEqual([{ field: 'toDate', constraint: 'notPast', message: expect.any(String) }]);
    }
    expect((await closures()).length).toBe(before);
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n)).toBe(audits);
    // Begun in the past and ending today: it closes today, and can be withdrawn.
    const lasting = await t.http.post(`/api/service-centers/${centerId}/closures`).set(await t.as('committeeA')).send({ fromDate: addDays(today, -1), toDate: today, reason: '停电' });
    expect(lasting.status, JSON.stringify(lasting.body)).toBe(201);
    expect((await t.http.delete(`/api/service-centers/${centerId}/closures/${lasting.body.closureId}`).set(await t.as('committeeA'))).status).toBe(200);
  });

  it('keeps a closure that has ended as the centre’s history (CLOSURE_ENDED)', async () => {
    const today = shanghaiDate(new Date());
    await t.ds.query('INSERT INTO center_closures (center_id, from_date, to_date, reason, created_by_user_id, created_at) VALUES (?, ?, ?, ?, NULL, ?)', [centerId, addDays(today, -10), addDays(today, -8), '上月停电', new Date()]);
    const ended = (await closures()).find((c) => c.fromDate === addDays(today, -10))!;
    const audits = Number((await t.ds.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n);
    expectError(await t.http.delete(`/api/service-centers/${centerId}/closures/${ended.id}`).set(await t.as('committeeA')), 409, 'CLOSURE_ENDED');
    expect((await closures()).map((c) => c.id)).toContain(ended.id);
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n)).toBe(audits);
  });

  it('records a change of settings with each changed setting before and after, not only the values sent', async () => {
    const as = await t.as('committeeA');
    const was = (await t.http.get(`/api/service-centers/${centerId}`).set(as)).body as { version: number; capacity: number; slotMinutes: number; acceptsProxy: boolean };
    const res = await t.http
      .patch(`/api/service-centers/${centerId}`)
      .set(as)
      .send({ version: was.version, capacity: was.capacity + 2, slotMinutes: was.slotMinutes, acceptsProxy: !was.acceptsProxy });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [audit] = await t.ds.query("SELECT detail FROM audit_log WHERE action = 'center.update' AND target_id = ?", [String(centerId)]);
    // The slot length was sent unchanged: not a change, so not recorded.
    expect(JSON.parse(audit.detail)).toEqual({
      center: '闭馆测试中心',
      before: { capacity: was.capacity, acceptsProxy: was.acceptsProxy },
      after: { capacity: was.capacity + 2, acceptsProxy: !was.acceptsProxy },
    });
  });
});
