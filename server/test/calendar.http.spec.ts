import { DEFAULT_WEEKLY_HOURS, type CalendarYear } from '@zhdj/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekday } from '../src/bookings/slot-calendar';
import { CalendarService } from '../src/calendar/calendar.service';
import { CalendarDay } from '../src/calendar/entities/calendar-day.entity';
import { addDays, isWorkingDay, shanghaiDate, shanghaiInstant } from '../src/common/calendar/china-calendar';
import { addLoginMembers, extendForTransfers } from './factories/transfer-county';
import { expectError } from './support/http';
import { addCentre } from './support/bookings';
import { startTestApp, type TestApp } from './support/test-app';
import { TransferClient } from './support/transfers';

/** The end (23:59:59.999 Xinyi time) of a calendar date, as a deadline is stored. */
const endOf = (date: string) => new Date(shanghaiInstant(addDays(date, 1)).getTime() - 1).toISOString();

/** The next `n` working days after today, as the official calendar has them before anything is entered. */
function nextWorkingDays(n: number, from = shanghaiDate(new Date())): string[] {
  const out: string[] = [];
  for (let d = addDays(from, 1); out.length < n; d = addDays(d, 1)) if (isWorkingDay(d)) out.push(d);
  return out;
}

describe('the working-day calendar entered by the county', () => {
  let t: TestApp;
  let tc: TransferClient;
  let centerId: number;
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));

  beforeAll(async () => {
    t = await startTestApp();
    tc = new TransferClient(t);
    await extendForTransfers(t);
    await addLoginMembers(t, t.county.orgs.branchA1, ['cal1', 'cal2']);
    centerId = await addCentre(t, { name: '日历测试服务中心', slotMinutes: 30, capacity: 2 });
  }, 120_000);
  afterAll(() => t.close());

  const put = async (date: string, body: unknown, user = 'county') => t.http.put(`/api/calendar/days/${date}`).set(await t.as(user)).send(body as object);
  const del = async (date: string, user = 'county') => t.http.delete(`/api/calendar/days/${date}`).set(await t.as(user));
  const rows = async () => (await t.ds.query('SELECT date, working, name FROM calendar_days ORDER BY date')) as { date: string }[];
  const audits = async (action: string) => (await t.ds.query('SELECT target_id AS target, detail FROM audit_log WHERE action = ? ORDER BY id', [action])) as { target: string; detail: string }[];

  it('shows a year with whether the official package carries it, to the county only', async () => {
    // 2026: a year the pinned package carries (not "this year": from 2027 on, this year is one it does not, until a
    // release carries it).
    const known = await t.http.get('/api/calendar/days?year=2026').set(await t.as('county'));
    expect(known.status).toBe(200);
    expect(known.body).toEqual({ year: 2026, officialKnown: true, statutory: [], days: [] });
    // Two years ahead: announced in the November before, so never in a package published now. Its statutory holidays
    // are listed, as they are kept: New Year's Day first, National Day's three last (13 days, on 12 dates in a year
    // whose Mid-Autumn Festival falls on 3 October).
    const ahead = await t.http.get(`/api/calendar/days?year=${thisYear + 2}`).set(await t.as('county'));
    expect(ahead.body).toMatchObject({ year: thisYear + 2, officialKnown: false });
    const statutory = (ahead.body as CalendarYear).statutory;
    expect(statutory.length).toBeGreaterThanOrEqual(12);
    expect(statutory.map((d) => d.date)).toEqual(statutory.map((d) => d.date).sort());
    expect(statutory[0]).toEqual({ date: `${thisYear + 2}-01-01`, holidays: ['newYear'] });
    expect(statutory.slice(-3).map((d) => d.date)).toEqual(['01', '02', '03'].map((d) => `${thisYear + 2}-10-${d}`));
    expectError(await t.http.get(`/api/calendar/days?year=${thisYear}`).set(await t.as('committeeA')), 403, 'FORBIDDEN');
    expectError(await t.http.get(`/api/calendar/days?year=${thisYear}`).set(await t.as('branchA1')), 403, 'FORBIDDEN');
    expectError(await t.http.get(`/api/calendar/days?year=${thisYear}`).set(await t.as('memberA1')), 403, 'FORBIDDEN');
    expectError(await t.http.get('/api/calendar/days?year=2019').set(await t.as('county')), 400, 'VALIDATION_FAILED');
    expectError(await t.http.get(`/api/calendar/days?year=${thisYear + 3}`).set(await t.as('county')), 400, 'VALIDATION_FAILED');
    expectError(await t.http.get('/api/calendar/days?year=next').set(await t.as('county')), 400, 'VALIDATION_FAILED');
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const day = `${thisYear + 1}-01-01`;
    expectError(await put(`${thisYear + 1}-02-30`, { working: false, name: '元旦' }), 400, 'VALIDATION_FAILED');
    expectError(await put('2027-1-1', { working: false, name: '元旦' }), 400, 'VALIDATION_FAILED');
    expectError(await put(`${thisYear + 3}-01-01`, { working: false, name: '元旦' }), 400, 'VALIDATION_FAILED');
    expectError(await put(day, { working: false, name: '   ' }), 400, 'VALIDATION_FAILED');
    expectError(await put(day, { working: false, name: '一'.repeat(31) }), 400, 'VALIDATION_FAILED');
    expectError(await put(day, { working: 'no', name: '元旦' }), 400, 'VALIDATION_FAILED');
    expectError(await put(day, { name: '元旦' }), 400, 'VALIDATION_FAILED');
    expectError(await put(day, { working: false, name: '元旦' }, 'committeeA'), 403, 'FORBIDDEN');
    expectError(await del(day), 404, 'NOT_FOUND');
    expect(await rows()).toEqual([]);
    expect(await audits('calendar.day.create')).toEqual([]);
  });

  it('takes the same new date entered by several administrators at once: one entry, every request answered', async () => {
    // On MariaDB, thirty at once reliably meet in the insert (without the service's retry some answer 500).
    const day = `${thisYear + 1}-10-08`;
    const auth = await t.as('county');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.http.put(`/api/calendar/days/${day}`).set(auth).send({ working: i % 2 === 0, name: `并发${i}` })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect((await rows()).filter((r) => r.date === day)).toHaveLength(1);
    expect((await audits('calendar.day.create')).filter((a) => a.target === day)).toHaveLength(1);
    expect((await audits('calendar.day.update')).filter((a) => a.target === day)).toHaveLength(29);
    expect((await del(day)).status).toBe(204);
  });

  it('moves the deadlines of steps started from then on past the days entered as off', async () => {
    const [d1, d2, d3, , , d6] = nextWorkingDays(6);
    const before = await tc.submitted('cal1', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' });
    expect(before.dueAt).toBe(endOf(d3));
    for (const d of [d1, d2, d3]) expect((await put(d, { working: false, name: '临时放假' })).status).toBe(200);
    const after = await tc.submitted('cal2', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' });
    expect(after.dueAt).toBe(endOf(d6));
    // A deadline already set stays as it was.
    expect((await t.http.get(`/api/transfers/${before.id}`).set(await t.as('county'))).body.dueAt).toBe(endOf(d3));
    const year = await t.http.get(`/api/calendar/days?year=${d1.slice(0, 4)}`).set(await t.as('county'));
    expect(year.body.days.filter((d: { date: string }) => [d1, d2, d3].includes(d.date))).toHaveLength([d1, d2, d3].filter((d) => d.startsWith(d1.slice(0, 4))).length);
    for (const d of [d1, d2, d3]) expect((await del(d)).status).toBe(204);
    expect(await rows()).toEqual([]);
  });

  it('closes the booking calendar on a day entered as off, cancels its visits and tells the members; removing it reopens', async () => {
    // A working weekday at least two days ahead, inside the centre's fortnight.
    const day = nextWorkingDays(10, addDays(shanghaiDate(new Date()), 1)).find((d) => isoWeekday(d) <= 5)!;
    const availability = async () => (await t.http.get(`/api/service-centers/${centerId}/availability?from=${day}&to=${day}`).set(await t.as('memberA1'))).body[0];
    const open = await availability();
    expect(open.closed).toBeNull();
    const start = shanghaiInstant(day, '09:00').toISOString();
    const booked = await t.http.post('/api/bookings').set(await t.as('memberA1')).send({ serviceCenterId: centerId, start, purpose: 'CONSULTATION' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);

    // Before entering it, the county is told what a day off would cancel (the screen asks to confirm with it).
    const impact = await t.http.get(`/api/calendar/days/${day}/bookings`).set(await t.as('county'));
    expect(impact.status, JSON.stringify(impact.body)).toBe(200);
    expect(impact.body).toEqual({ date: day, bookings: 1, centers: 1, officialWorking: true });
    expectError(await t.http.get(`/api/calendar/days/${day}/bookings`).set(await t.as('committeeA')), 403, 'FORBIDDEN');
    expectError(await t.http.get('/api/calendar/days/2026-02-30/bookings').set(await t.as('county')), 400, 'VALIDATION_FAILED');

    const entered = await put(day, { working: false, name: ' 抗洪抢险 ' });
    expect(entered.status, JSON.stringify(entered.body)).toBe(200);
    expect(entered.body).toMatchObject({ date: day, working: false, name: '抗洪抢险', cancelledBookings: 1 });
    expect(await availability()).toMatchObject({ closed: { reason: 'HOLIDAY', detail: '抗洪抢险' }, slots: [] });
    const booking = await t.http.get(`/api/bookings/${booked.body.id}`).set(await t.as('memberA1'));
    expect(booking.body.status).toBe('CANCELLED');
    expect((await t.http.get(`/api/calendar/days/${day}/bookings`).set(await t.as('county'))).body).toEqual({ date: day, bookings: 0, centers: 0, officialWorking: true });
    const notes = await t.http.get('/api/notifications').set(await t.as('memberA1'));
    expect(JSON.stringify(notes.body)).toContain('抗洪抢险');
    const audit = (await audits('calendar.day.create')).filter((a) => a.target === day).at(-1)!;
    expect(JSON.parse(audit.detail)).toMatchObject({ after: { working: false, name: '抗洪抢险' }, cancelledBookings: [booked.body.id] });
    expectError(await t.http.post('/api/bookings').set(await t.as('memberB1')).send({ serviceCenterId: centerId, start, purpose: 'CONSULTATION' }), 409, 'CENTER_CLOSED');

    expect((await del(day)).status).toBe(204);
    expect((await availability()).closed).toBeNull();
    expect((await audits('calendar.day.delete')).map((a) => a.target)).toContain(day);
  });

  it('cancels, at its next reload, a visit another instance booked on a day just entered off there', async () => {
    const day = nextWorkingDays(10, addDays(shanghaiDate(new Date()), 1)).filter((d) => isoWeekday(d) <= 5)[1];
    // Another instance takes the county's entry and cancels what was booked then; this one still has the day as working
    // until its next reload, and books a visit on it.
    await t.ds.getRepository(CalendarDay).insert({ date: day, working: false, name: '暴雨停工', updatedByUserId: null, updatedAt: new Date() });
    const start = shanghaiInstant(day, '10:00').toISOString();
    const booked = await t.http.post('/api/bookings').set(await t.as('memberA1')).send({ serviceCenterId: centerId, start, purpose: 'CONSULTATION' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);

    await t.app.get(CalendarService).reload();
    const booking = await t.http.get(`/api/bookings/${booked.body.id}`).set(await t.as('memberA1'));
    expect(booking.body).toMatchObject({ status: 'CANCELLED', cancelReason: '暴雨停工放假' });
    const notes = await t.http.get('/api/notifications').set(await t.as('memberA1'));
    expect(JSON.stringify(notes.body)).toContain('暴雨停工');
    const [slot] = await t.ds.query('SELECT s.booked FROM booking_slots s JOIN bookings b ON b.slot_id = s.id WHERE b.id = ?', [booked.body.id]);
    expect(Number(slot.booked)).toBe(0);
    const sweeps = (await audits('calendar.day.sweep')).filter((a) => a.target === day);
    expect(sweeps.map((a) => JSON.parse(a.detail))).toEqual([{ working: false, name: '暴雨停工', cancelledBookings: [booked.body.id] }]);
    // The next reload (on this instance or another) finds nothing left to cancel and records nothing.
    await t.app.get(CalendarService).reload();
    expect((await audits('calendar.day.sweep')).filter((a) => a.target === day)).toHaveLength(1);
    expect((await del(day)).status).toBe(204);
  });

  it('opens a weekend day entered as a make-up working day with the Monday hours', async () => {
    let sunday = addDays(shanghaiDate(new Date()), 2);
    while (isoWeekday(sunday) !== 7 || isWorkingDay(sunday)) sunday = addDays(sunday, 1);
    const availability = async () => (await t.http.get(`/api/service-centers/${centerId}/availability?from=${sunday}&to=${sunday}`).set(await t.as('memberA1'))).body[0];
    expect((await availability()).closed).not.toBeNull();
    const makeUp = await put(sunday, { working: true, name: '调休上班' });
    expect(makeUp.status).toBe(200);
    expect(makeUp.body).toMatchObject({ working: true, cancelledBookings: 0 });
    const open = await availability();
    expect(open.closed).toBeNull();
    expect(open.slots[0].start).toBe(shanghaiInstant(sunday, DEFAULT_WEEKLY_HOURS['1']![0][0]).toISOString());
    // Changed to a day off: an update, audited with what it was.
    expect((await put(sunday, { working: false, name: '放假' })).status).toBe(200);
    const update = (await audits('calendar.day.update')).filter((a) => a.target === sunday).at(-1)!;
    expect(JSON.parse(update.detail)).toMatchObject({ before: { working: true, name: '调休上班' }, after: { working: false, name: '放假' } });
    expect((await del(sunday)).status).toBe(204);

    // A make-up day removed again closes the Sunday: its visits are cancelled and their members told, as when a day is
    // entered off (they were once left booked on a closed day, which could not even be rescheduled).
    expect((await put(sunday, { working: true, name: '调休上班' })).status).toBe(200);
    const start = shanghaiInstant(sunday, '09:00').toISOString();
    const booked = await t.http.post('/api/bookings').set(await t.as('memberA1')).send({ serviceCenterId: centerId, start, purpose: 'CONSULTATION' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect((await t.http.get(`/api/calendar/days/${sunday}/bookings`).set(await t.as('county'))).body).toEqual({ date: sunday, bookings: 1, centers: 1, officialWorking: false });
    expect((await del(sunday)).status).toBe(204);
    expect((await availability()).closed).not.toBeNull();
    const booking = await t.http.get(`/api/bookings/${booked.body.id}`).set(await t.as('memberA1'));
    expect(booking.body).toMatchObject({ status: 'CANCELLED', cancelReason: '不再调休上班（周末休息）' });
    const notes = await t.http.get('/api/notifications').set(await t.as('memberA1'));
    expect(JSON.stringify(notes.body)).toContain(`${sunday}不再调休上班（周末休息），服务中心不开放`);
    const removal = (await audits('calendar.day.delete')).filter((a) => a.target === sunday).at(-1)!;
    expect(JSON.parse(removal.detail)).toEqual({ before: { working: true, name: '调休上班' }, cancelledBookings: [booked.body.id] });
  });
});
