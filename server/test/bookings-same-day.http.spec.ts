import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../src/common/calendar/china-calendar';
import { expectError } from './support/http';
import { addCentre, bookingTally, centreWithMembers } from './support/bookings';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * One visit per member, centre and day: a second time the same day is a move, not another place held (one member
 * could otherwise hold several of a popular day's places). Checked on the way in, on a move, and under two requests
 * at once from the same member.
 */
describe('one visit a day at a centre', () => {
  let t: TestApp;
  let centerId: number;
  let otherCenterId: number;
  let tokens: string[] = [];
  /** Bookable days, each with its bookable starts, as the centre offers them. */
  let days: string[][] = [];

  const book = (who: number, start: string, center = centerId) =>
    t.http.post('/api/bookings').set('Authorization', `Bearer ${tokens[who]}`).send({ serviceCenterId: center, start, purpose: 'HAND_IN_MATERIALS' });
  const held = async (who: number) => {
    const r = await t.http.get('/api/bookings/mine').set('Authorization', `Bearer ${tokens[who]}`);
    expect(r.status).toBe(200);
    const items = (r.body.items ?? r.body) as { id: number; start: string; status: string; center: { id: number } }[];
    return items.filter((b) => b.status === 'BOOKED');
  };
  const tally = () => bookingTally(t);

  beforeAll(async () => {
    t = await startTestApp();
    ({ centerId, tokens } = await centreWithMembers(t, { name: '同日规则中心', slotMinutes: 30, capacity: 3, members: 3 }));
    otherCenterId = await addCentre(t, { name: '另一服务中心', slotMinutes: 30, capacity: 3 });
    const today = shanghaiDate(new Date());
    const r = await t.http.get(`/api/service-centers/${centerId}/availability?from=${addDays(today, 2)}&to=${addDays(today, 13)}`).set('Authorization', `Bearer ${tokens[0]}`);
    days = (r.body as { slots: { start: string }[] }[]).map((d) => d.slots.map((s) => s.start)).filter((s) => s.length >= 4);
    expect(days.length).toBeGreaterThanOrEqual(6);
  }, 60_000);
  afterAll(() => t?.close());

  it('refuses a second time at the same centre that day with SAME_DAY_BOOKING, changing nothing; another day or centre is fine', async () => {
    const [morning, , , later] = days[0];
    expect((await book(0, morning)).status).toBe(201);
    const before = await tally();
    expectError(await book(0, later), 409, 'SAME_DAY_BOOKING');
    expect(await tally()).toEqual(before);
    expect((await book(0, days[1][0])).status).toBe(201);
    expect((await book(0, later, otherCenterId)).status).toBe(201);
    // Someone else the same day is not concerned.
    expect((await book(1, later)).status).toBe(201);
  });

  it('moves a visit within its day, refuses a move onto a day already held at that centre, and a cancelled visit frees its day', async () => {
    const mine = (await held(2)).length;
    expect(mine).toBe(0);
    const first = (await book(2, days[2][0])).body as { id: number; version: number };
    const second = (await book(2, days[3][0])).body as { id: number; version: number };
    const moved = await t.http.post(`/api/bookings/${first.id}/reschedule`).set('Authorization', `Bearer ${tokens[2]}`).send({ start: days[2][2], version: first.version });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const before = await tally();
    expectError(await t.http.post(`/api/bookings/${second.id}/reschedule`).set('Authorization', `Bearer ${tokens[2]}`).send({ start: days[2][3], version: second.version }), 409, 'SAME_DAY_BOOKING');
    expect(await tally()).toEqual(before);
    expect((await t.http.post(`/api/bookings/${first.id}/cancel`).set('Authorization', `Bearer ${tokens[2]}`).send({})).status).toBe(200);
    expect((await book(2, days[2][3])).status).toBe(201);
  });

  it('lets only one of two requests at once for two times the same day through, whichever commits first', async () => {
    // Two phones, or a double tap on two times: each round on a day of its own.
    for (const day of days.slice(4, 8)) {
      const answers = await Promise.all([book(1, day[1]), book(1, day[3])]);
      expect(answers.map((r) => r.status).sort(), JSON.stringify(answers.map((r) => r.body))).toEqual([201, 409]);
      expect(answers.find((r) => r.status === 409)!.body.code).toBe('SAME_DAY_BOOKING');
    }
    const perDay = new Map<string, number>();
    for (const b of await held(1)) {
      const key = `${b.center.id}:${shanghaiDate(new Date(b.start))}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    expect([...perDay.values()].every((n) => n === 1)).toBe(true);
    const slots: { booked: number; n: number }[] = await t.ds.query(
      "SELECT s.booked, (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id AND b.status = 'BOOKED') AS n FROM booking_slots s",
    );
    for (const s of slots) expect(Number(s.booked)).toBe(Number(s.n));
  });
});
