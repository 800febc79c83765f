import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiInstant } from '../src/common/calendar/china-calendar';
import { isWorkingDay } from '../src/common/calendar/china-calendar';
import { centreWithMembers } from './support/bookings';
import { captureQueries } from './support/query-capture';
import { startTestApp, type TestApp } from './support/test-app';

/** The next working day at least two days ahead, at 09:00 Xinyi time. */
function nextSlot(): string {
  let d = addDays(shanghaiDate(new Date()), 2);
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return shanghaiInstant(d, '09:00').toISOString();
}

describe('a slot is never booked beyond its windows, whatever the concurrency', () => {
  let t: TestApp;
  let centerId: number;
  let tokens: string[] = [];
  const MEMBERS = 200;

  beforeAll(async () => {
    t = await startTestApp();
    // Two hundred distinct members, each logged in with their own account.
    ({ centerId, tokens } = await centreWithMembers(t, { name: '测试党群服务中心', slotMinutes: 30, capacity: 3, members: MEMBERS }));
  }, 180_000);
  afterAll(() => t.close());

  it(`lets exactly 3 of ${MEMBERS} concurrent requests book a slot of capacity 3`, async () => {
    const start = nextSlot();
    const results = await Promise.all(
      tokens.map((tok) => t.http.post('/api/bookings').set('Authorization', `Bearer ${tok}`).send({ serviceCenterId: centerId, start, purpose: 'CONSULTATION' })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(MEMBERS - 3);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'SLOT_FULL')).toBe(true);
    const [row] = await t.ds.query(`SELECT COUNT(*) AS n FROM bookings WHERE center_id = ? AND status = 'BOOKED'`, [centerId]);
    expect(Number(row.n)).toBe(3);
    const [slot] = await t.ds.query('SELECT booked, capacity FROM booking_slots WHERE center_id = ?', [centerId]);
    expect(Number(slot.booked)).toBe(3);
    const availability = await t.http.get(`/api/service-centers/${centerId}/availability?from=${start.slice(0, 10)}&to=${start.slice(0, 10)}`).set('Authorization', `Bearer ${tokens[0]}`);
    const shown = availability.body[0].slots.find((s: { start: string }) => s.start === start);
    expect(shown).toMatchObject({ capacity: 3, free: 0 });
  });

  it('frees a place once when one visit is cancelled many times at once', async () => {
    const start = new Date(new Date(nextSlot()).getTime() + 2 * 3600_000).toISOString();
    const book = (i: number) => t.http.post('/api/bookings').set('Authorization', `Bearer ${tokens[i]}`).send({ serviceCenterId: centerId, start, purpose: 'CONSULTATION' });
    const booked = await Promise.all([20, 21, 22].map(book));
    expect(booked.map((r) => r.status)).toEqual([201, 201, 201]);
    const id = booked[0].body.id;
    // A double-tapped button on a slow network: ten cancellations of the same visit arrive together.
    const cancels = await Promise.all(Array.from({ length: 10 }, () => t.http.post(`/api/bookings/${id}/cancel`).set('Authorization', `Bearer ${tokens[20]}`).send({})));
    expect(cancels.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(cancels.filter((r) => r.status === 409).every((r) => r.body.code === 'BOOKING_NOT_CHANGEABLE')).toBe(true);
    const [slot] = await t.ds.query('SELECT s.booked FROM booking_slots s JOIN bookings b ON b.slot_id = s.id WHERE b.id = ?', [id]);
    expect(Number(slot.booked)).toBe(2);
    const [audits] = await t.ds.query(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'booking.cancel' AND target_id = ?`, [String(id)]);
    expect(Number(audits.n)).toBe(1);
    // One place came free, so of five members trying at once exactly one gets it: the slot stays at its capacity.
    const after = await Promise.all([30, 31, 32, 33, 34].map(book));
    expect(after.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const [row] = await t.ds.query(`SELECT COUNT(*) AS n FROM bookings WHERE center_id = ? AND start_at = (SELECT start_at FROM bookings WHERE id = ?) AND status = 'BOOKED'`, [centerId, id]);
    expect(Number(row.n)).toBe(3);
  });

  it('replays a retried request with the same Idempotency-Key instead of booking twice', async () => {
    const start = new Date(new Date(nextSlot()).getTime() + 3600_000).toISOString();
    const send = () =>
      t.http.post('/api/bookings').set('Authorization', `Bearer ${tokens[10]}`).set('Idempotency-Key', 'retry-key-0001').send({ serviceCenterId: centerId, start, purpose: 'HAND_IN_MATERIALS' });
    // Twenty retries at once (a flaky phone network resending one request): whichever commits first books, and every
    // other one, whether it lost on the key's unique index, on the overlap check or on the slot, answers with that
    // booking.
    const answers = await Promise.all(Array.from({ length: 20 }, send));
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    // The visit for the member's phone calendar, in the language their screen asks in (Chinese unless English).
    const ics = (lang?: string) => {
      const req = t.http.get(`/api/bookings/${answers[0].body.id}/booking.ics`).set('Authorization', `Bearer ${tokens[10]}`);
      return lang ? req.set('Accept-Language', lang) : req;
    };
    expect((await ics()).text).toContain('：递交材料');
    expect((await ics('en')).text).toContain(': Hand in materials');
    expect((await ics('en')).text).not.toContain('递交材料');
    const [row] = await t.ds.query(`SELECT COUNT(*) AS n FROM bookings WHERE user_id = (SELECT user_id FROM bookings WHERE id = ?)`, [answers[0].body.id]);
    expect(Number(row.n)).toBe(1);
  });

  it('reads the centre once to book, show, cancel or move a visit (its answer does not read it again)', async () => {
    const start = new Date(new Date(nextSlot()).getTime() + 5 * 3600_000).toISOString();
    const later = new Date(new Date(start).getTime() + 1800_000).toISOString();
    const as = <R extends { set: (k: string, v: string) => R }>(r: R): R => r.set('Authorization', `Bearer ${tokens[40]}`);
    const capture = captureQueries(t.ds);
    const centreReads = async (request: () => PromiseLike<{ status: number; body: { id: number; version: number; center: { name: string } } }>, status: number) => {
      capture.start();
      const res = await request();
      const queries = capture.stop();
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.center.name).toBe('测试党群服务中心');
      return queries.filter((q) => /\bservice_centers\b/.test(q.sql)).length;
    };
    let booking = { id: 0, version: 0 };
    expect(
      await centreReads(async () => {
        const res = await as(t.http.post('/api/bookings')).send({ serviceCenterId: centerId, start, purpose: 'CONSULTATION' });
        booking = res.body;
        return res;
      }, 201),
      'book',
    ).toBe(1);
    expect(await centreReads(() => as(t.http.get(`/api/bookings/${booking.id}`)), 200), 'show').toBe(1);
    expect(await centreReads(() => as(t.http.post(`/api/bookings/${booking.id}/reschedule`)).send({ start: later, version: booking.version }), 200), 'move').toBe(1);
    expect(await centreReads(() => as(t.http.post(`/api/bookings/${booking.id}/cancel`)).send({}), 200), 'cancel').toBe(1);
  });
});
