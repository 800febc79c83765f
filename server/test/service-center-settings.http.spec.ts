import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../src/common/calendar/china-calendar';
import { centreWithMembers } from './support/bookings';
import { startTestApp, type TestApp } from './support/test-app';

/** A change of settings never drops a visit: those that no longer fit are listed, each with why. */
describe('centre settings and the visits that no longer fit them', () => {
  let t: TestApp;
  let centerId: number;
  let tokens: string[] = [];
  let starts: string[] = [];

  const settings = async () => (await t.http.get(`/api/service-centers/${centerId}`).set(await t.as('committeeA'))).body as { version: number };
  const patch = async (body: Record<string, unknown>) => t.http.patch(`/api/service-centers/${centerId}`).set(await t.as('committeeA')).send({ version: (await settings()).version, ...body });
  const conflicts = async () => (await t.http.get(`/api/service-centers/${centerId}/conflicts`).set(await t.as('committeeA'))).body as { id: number; reasons: string[] }[];

  beforeAll(async () => {
    t = await startTestApp();
    ({ centerId, tokens } = await centreWithMembers(t, { name: '代办设置中心', slotMinutes: 30, capacity: 2, members: 2 }));
    const today = shanghaiDate(new Date());
    const days = await t.http.get(`/api/service-centers/${centerId}/availability?from=${addDays(today, 2)}&to=${addDays(today, 13)}`).set('Authorization', `Bearer ${tokens[0]}`);
    starts = (days.body as { slots: { start: string }[] }[]).filter((d) => d.slots.length).map((d) => d.slots[0].start);
    expect(starts.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
  afterAll(() => t?.close());

  it('lists visits to come with a proxy once the centre stops accepting proxies, and keeps them booked', async () => {
    const proxy = await t.http.post('/api/bookings').set('Authorization', `Bearer ${tokens[0]}`).send({ serviceCenterId: centerId, start: starts[0], purpose: 'COLLECT_LETTER', proxyName: '张家属' });
    expect(proxy.status, JSON.stringify(proxy.body)).toBe(201);
    const own = await t.http.post('/api/bookings').set('Authorization', `Bearer ${tokens[1]}`).send({ serviceCenterId: centerId, start: starts[1], purpose: 'CONSULTATION' });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(await conflicts()).toEqual([]);

    const off = await patch({ acceptsProxy: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.conflicts.map((b: { id: number; reasons: string[] }) => [b.id, b.reasons])).toEqual([[proxy.body.id, ['PROXY_NOT_ACCEPTED']]]);
    expect((await conflicts()).map((b) => [b.id, b.reasons])).toEqual([[proxy.body.id, ['PROXY_NOT_ACCEPTED']]]);
    // Listed, never dropped.
    const [row] = await t.ds.query('SELECT status FROM bookings WHERE id = ?', [proxy.body.id]);
    expect(row.status).toBe('BOOKED');

    // Proxies accepted again: the visit fits.
    expect((await patch({ acceptsProxy: true })).body.conflicts).toEqual([]);
  });

  it('gives every reason a visit no longer fits: outside the hours and by a proxy', async () => {
    expect((await patch({ acceptsProxy: false, weeklyHours: { '6': [['09:00', '12:00']] } })).status).toBe(200);
    const found = await conflicts();
    expect(found.find((b) => b.reasons.includes('PROXY_NOT_ACCEPTED'))?.reasons).toEqual(['OUTSIDE_HOURS', 'PROXY_NOT_ACCEPTED']);
    expect(found.filter((b) => b.reasons.length === 1).map((b) => b.reasons)).toEqual([['OUTSIDE_HOURS']]);
  });
});
