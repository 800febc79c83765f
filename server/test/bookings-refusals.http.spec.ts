import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../src/common/calendar/china-calendar';
import { bookingTally, centreWithMembers } from './support/bookings';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A full slot is refused from one read, before any transaction (BookingsService.create): these check that the
 * refusal is the one the transaction would give, changes nothing, and never hides a retry's booking.
 */
describe('refusals at a full slot', () => {
  let t: TestApp;
  let centerId: number;
  let tokens: string[] = [];
  /** Bookable times, each on a day of its own, as the centre offers them. */
  let starts: string[] = [];

  const book = (who: number, start: string, key?: string) => {
    const r = t.http.post('/api/bookings').set('Authorization', `Bearer ${tokens[who]}`);
    if (key) r.set('Idempotency-Key', key);
    return r.send({ serviceCenterId: centerId, start, purpose: 'HAND_IN_MATERIALS' });
  };
  const tally = () => bookingTally(t);

  beforeAll(async () => {
    t = await startTestApp();
    // Slots of 60 minutes with one place each, so a 30-minute overlap cannot arise by accident.
    ({ centerId, tokens } = await centreWithMembers(t, { name: '单人窗口', slotMinutes: 60, capacity: 1, members: 3 }));
    const today = shanghaiDate(new Date());
    const days = await t.http.get(`/api/service-centers/${centerId}/availability?from=${addDays(today, 2)}&to=${addDays(today, 13)}`).set('Authorization', `Bearer ${tokens[0]}`);
    starts = (days.body as { slots: { start: string; free: number }[] }[]).filter((d) => d.slots.length).map((d) => d.slots[0].start);
    expect(starts.length).toBeGreaterThanOrEqual(5);
  }, 60_000);
  afterAll(() => t?.close());

  /** The slot at `start` is filled by `holder`; then `who` asks for it and is refused with `code`, nothing written. */
  async function refusedAfterFilling(holder: number, who: number, start: string, code: string) {
    expect((await book(holder, start)).status).toBe(201);
    const before = await tally();
    const refused = await book(who, start);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code, message: expect.any(String) });
    expect(await tally()).toEqual(before);
  }

  it('refuses a full slot with SLOT_FULL and changes nothing: no booking, no place, no audit record, no notification', async () => {
    await refusedAfterFilling(0, 1, starts[0], 'SLOT_FULL');
  });

  it('tells a member who already holds that time DUPLICATE_BOOKING, not SLOT_FULL, as the transaction would', async () => {
    await refusedAfterFilling(2, 2, starts[1], 'DUPLICATE_BOOKING');
  });

  it('answers every concurrent retry of a request that took the only place with that booking, and a later one too', async () => {
    const start = starts[2];
    // Twenty copies of one request at once: one books the only place; the others find the slot full (from the read
    // before the transaction, or from the UPDATE in it) or the key taken, and each answers with the first one's booking.
    const answers = await Promise.all(Array.from({ length: 20 }, () => book(1, start, 'one-place-retry-0001')));
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    // And a later retry, with the slot long full, too.
    const late = await book(1, start, 'one-place-retry-0001');
    expect(late.status).toBe(200);
    expect(late.body.id).toBe(answers[0].body.id);
  });

  it('refuses an Idempotency-Key reused with a different booking (422 IDEMPOTENCY_KEY_REUSED), changing nothing; the same request still gets its booking', async () => {
    const send = (body: Record<string, unknown>) => t.http.post('/api/bookings').set('Authorization', `Bearer ${tokens[2]}`).set('Idempotency-Key', 'reused-key-0001').send({ serviceCenterId: centerId, purpose: 'CONSULTATION', ...body });
    const first = await send({ start: starts[3], note: '带户口本' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const before = await tally();
    for (const other of [{ start: starts[4] }, { start: starts[3], purpose: 'HAND_IN_MATERIALS', note: '带户口本' }, { start: starts[3], note: '带户口本', proxyName: '家属' }]) {
      const refused = await send(other);
      expect(refused.status, JSON.stringify(other)).toBe(422);
      expect(refused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) });
    }
    expect(await tally()).toEqual(before);
    // The same request again — its time written in China's offset, its note with a stray space — is the same request.
    const chinaTime = new Date(Date.parse(starts[3]) + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    const again = await send({ start: chinaTime, note: ' 带户口本 ' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await tally()).toEqual(before);
  });

  it('keeps the slot counter equal to the bookings it holds after refusals', async () => {
    const rows: { id: number; booked: number; n: number }[] = await t.ds.query(
      "SELECT s.id, s.booked, (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id AND b.status = 'BOOKED') AS n FROM booking_slots s WHERE s.center_id = ?",
      [centerId],
    );
    expect(rows.length).toBe(4);
    for (const r of rows) expect(Number(r.booked), `slot ${r.id}`).toBe(Number(r.n));
  });
});
