import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../src/common/calendar/china-calendar';
import { addLoginMembers, extendForTransfers } from './factories/transfer-county';
import { addCentre, bookingTally } from './support/bookings';
import { expectError } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';
import { TransferClient } from './support/transfers';

/** A visit may be booked for a transfer only while the transfer is open: a finished one has nothing left to do in person. */
describe('bookings linked to a transfer', () => {
  let t: TestApp;
  let tc: TransferClient;
  let centerId: number;
  let starts: string[] = [];

  const book = async (who: string, start: string, transferId: number) =>
    t.http.post('/api/bookings').set(await t.as(who)).send({ serviceCenterId: centerId, start, purpose: 'COLLECT_LETTER', transferId });

  beforeAll(async () => {
    t = await startTestApp();
    tc = new TransferClient(t);
    await extendForTransfers(t);
    await addLoginMembers(t, t.county.orgs.branchA1, ['mover1']);
    centerId = await addCentre(t, { name: '转接窗口', slotMinutes: 30, capacity: 2 });
    const today = shanghaiDate(new Date());
    const days = await t.http.get(`/api/service-centers/${centerId}/availability?from=${addDays(today, 2)}&to=${addDays(today, 13)}`).set(await t.as('mover1'));
    starts = (days.body as { slots: { start: string }[] }[]).filter((d) => d.slots.length).map((d) => d.slots[0].start);
    expect(starts.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
  afterAll(() => t?.close());

  it('books a visit for an open transfer, and refuses one for a finished transfer with TRANSFER_STATE_CONFLICT, changing nothing', async () => {
    const issued = await tc.issued('mover1', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' });
    const open = await book('mover1', starts[0], issued.id);
    expect(open.status, JSON.stringify(open.body)).toBe(201);
    expect((await t.http.post(`/api/bookings/${open.body.id}/cancel`).set(await t.as('mover1')).send({})).status).toBe(200);

    for (const state of ['COMPLETED', 'REJECTED', 'WITHDRAWN']) {
      // The transfer's end reached directly: how it ended is the transfer specs' business, not this one's.
      await t.ds.query('UPDATE transfers SET state = ? WHERE id = ?', [state, issued.id]);
      const before = await bookingTally(t);
      const refused = await book('mover1', starts[1], issued.id);
      expectError(refused, 409, 'TRANSFER_STATE_CONFLICT');
      expect(refused.body.details, state).toEqual({ state });
      expect(await bookingTally(t)).toEqual(before);
    }
  });
});
