import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingSlot } from '../src/bookings/entities/booking-slot.entity';
import { Booking } from '../src/bookings/entities/booking.entity';
import { CenterClosure } from '../src/bookings/entities/center-closure.entity';
import { shanghaiInstant } from '../src/common/calendar/china-calendar';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A centre's figures over a range: the places its hours offered (so that a total over several centres weighs each by
 * its places, a centre with no bookings included), less the days it was closed, and booked places over them.
 */
describe('service-centre figures', () => {
  let t: TestApp;
  // A week with no public holiday (Monday 1 to Sunday 7 March 2027), weekdays 09:00–10:00, half-hour slots, two places.
  const week = { from: '2027-03-01', to: '2027-03-07' };
  const centre = async (name: string) => {
    const r = await t.http
      .post('/api/service-centers')
      .set(await t.as('committeeA'))
      .send({ orgId: t.county.orgs.committeeA.id, name, weeklyHours: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [['09:00', '10:00']]])), slotMinutes: 30, capacity: 2, horizonDays: 14, minNoticeMinutes: 60, cancelCutoffMinutes: 60, acceptsProxy: false });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as number;
  };

  beforeAll(async () => (t = await startTestApp()), 60_000);
  afterAll(() => t?.close());

  it('counts the places offered, leaves out the days closed, and sends them for the total', async () => {
    const [busy, quiet, closed] = [await centre('统计中心甲'), await centre('统计中心乙'), await centre('统计中心丙')];
    // Visits of that week, written as the week left them (they are in the past when the figures are read).
    const visit = async (centerId: number, status: string, at: string) => {
      const startAt = shanghaiInstant(at.slice(0, 10), at.slice(11));
      const endAt = new Date(startAt.getTime() + 30 * 60_000);
      const slot = await t.ds.getRepository(BookingSlot).insert({ centerId, startAt, endAt, capacity: 2, booked: status === 'CANCELLED' ? 0 : 1 });
      await t.ds.getRepository(Booking).insert({
        centerId,
        slotId: slot.identifiers[0].id as number,
        memberId: t.county.members.memberA1,
        userId: t.county.users.memberA1,
        purpose: 'CONSULTATION',
        startAt,
        endAt,
        status: status as Booking['status'],
        checkInCode: `S${centerId}${at.replace(/\D/g, '').slice(-6)}`,
        note: '',
        version: 1,
        createdAt: new Date('2027-02-20T00:00:00Z'),
        updatedAt: new Date('2027-02-20T00:00:00Z'),
      });
    };
    await visit(busy, 'ATTENDED', '2027-03-01T09:00');
    await visit(busy, 'NO_SHOW', '2027-03-02T09:30');
    await visit(busy, 'CANCELLED', '2027-03-03T09:00');
    // The third centre closed Wednesday to Friday: two days of four places are left.
    await t.ds.getRepository(CenterClosure).insert({ centerId: closed, fromDate: '2027-03-03', toDate: '2027-03-05', reason: '场地维修', createdByUserId: t.county.users.committeeA, createdAt: new Date('2027-02-20T00:00:00Z') });

    const r = await t.http.get(`/api/service-centers/stats?from=${week.from}&to=${week.to}`).set(await t.as('committeeA'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const row = (id: number) => (r.body as { center: { id: number } }[]).find((x) => x.center.id === id);
    expect(row(busy)).toMatchObject({ bookings: 2, attended: 1, noShows: 1, cancelled: 1, offered: 20, utilisation: 0.1 });
    expect(row(quiet)).toMatchObject({ bookings: 0, offered: 20, utilisation: 0 });
    expect(row(closed)).toMatchObject({ bookings: 0, offered: 8, utilisation: 0 });
  });
});
