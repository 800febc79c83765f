import { DEFAULT_WEEKLY_HOURS } from '@zhdj/shared';
import { getDayDetail } from 'chinese-days';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isWorkingDay, shanghaiDate, shanghaiInstant } from '../src/common/calendar/china-calendar';
import { isoWeekday } from '../src/bookings/slot-calendar';
import { startTestApp, type TestApp } from './support/test-app';

/** The next ordinary Saturday (not a holiday, not a 调休 working day) from 2 to 13 days ahead. */
function nextOrdinarySaturday(): string {
  for (let d = addDays(shanghaiDate(new Date()), 2); ; d = addDays(d, 1)) {
    if (isoWeekday(d) === 6 && !isWorkingDay(d) && /day$/.test(getDayDetail(d).name)) return d;
  }
}

describe('weekend hours: a centre that sets Saturday hours opens on ordinary Saturdays', () => {
  let t: TestApp;
  let weekdaysOnly: number;
  let withSaturday: number;
  const saturday = nextOrdinarySaturday();

  beforeAll(async () => {
    t = await startTestApp();
    const create = async (name: string, weeklyHours: object) => {
      const r = await t.http
        .post('/api/service-centers')
        .set(await t.as('committeeA'))
        .send({ orgId: t.county.orgs.committeeA.id, name, weeklyHours, slotMinutes: 30, capacity: 2, horizonDays: 14, minNoticeMinutes: 60, cancelCutoffMinutes: 60, acceptsProxy: true });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as number;
    };
    weekdaysOnly = await create('工作日服务中心', DEFAULT_WEEKLY_HOURS);
    withSaturday = await create('周末不打烊服务中心', { ...DEFAULT_WEEKLY_HOURS, '6': [['09:00', '11:00']] });
  }, 120_000);
  afterAll(() => t.close());

  it('offers Saturday slots only where the centre set Saturday hours; Sunday stays closed', async () => {
    const auth = await t.as('memberA1');
    const get = (id: number) => t.http.get(`/api/service-centers/${id}/availability?from=${saturday}&to=${addDays(saturday, 1)}`).set(auth);
    const plain = await get(weekdaysOnly);
    expect(plain.status).toBe(200);
    expect(plain.body[0]).toMatchObject({ date: saturday, closed: { reason: 'WEEKEND' }, slots: [] });
    const open = await get(withSaturday);
    expect(open.body[0].closed).toBeNull();
    expect(open.body[0].slots.map((s: { start: string }) => s.start)).toEqual(
      ['09:00', '09:30', '10:00', '10:30'].map((hhmm) => shanghaiInstant(saturday, hhmm).toISOString()),
    );
    expect(open.body[1]).toMatchObject({ closed: { reason: 'WEEKEND' }, slots: [] });
  });

  it('books a Saturday slot there, and refuses the same time at a weekday-only centre', async () => {
    const auth = await t.as('memberA1');
    const start = shanghaiInstant(saturday, '09:30').toISOString();
    const ok = await t.http.post('/api/bookings').set(auth).send({ serviceCenterId: withSaturday, start, purpose: 'CONSULTATION' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ start, status: 'BOOKED' });
    const refused = await t.http.post('/api/bookings').set(await t.as('memberB1')).send({ serviceCenterId: weekdaysOnly, start, purpose: 'CONSULTATION' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CENTER_CLOSED', details: { reason: 'WEEKEND' } });
  });
});
