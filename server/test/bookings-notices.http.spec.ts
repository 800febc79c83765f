import { chinaVisitTimeZh } from '@zhdj/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingReminderJob } from '../src/bookings/booking-reminder.job';
import { addDays, shanghaiDate } from '../src/common/calendar/china-calendar';
import { centreWithMembers } from './support/bookings';
import { startTestApp, type TestApp } from './support/test-app';

interface Note {
  kind: string;
  title: string;
  body: string;
  link: string;
  read: boolean;
  params: Record<string, string> | null;
}

/**
 * What a member is told about their own visit: the day and time in the confirmation, a move confirmed with both times
 * while what named the old time is settled, a reminder before the new day even when one was sent for the old, and
 * nothing left waiting to be read about a cancelled visit (the member's own cancellation recorded in their list as read).
 */
describe('the messages about a member’s visit', () => {
  let t: TestApp;
  let centerId: number;
  let token: string;
  /** The first bookable time on each of several days from the day after tomorrow. */
  let days: string[] = [];

  const as = () => ({ Authorization: `Bearer ${token}` });
  const notesFor = async (id: number): Promise<Note[]> =>
    ((await t.http.get('/api/notifications?limit=50').set(as()).expect(200)).body.items as Note[]).filter((n) => n.link === `/m/bookings/${id}`);
  const unread = async () => (await t.http.get('/api/notifications/unread-count').set(as()).expect(200)).body.unread as number;
  /** The reminder job as it runs at noon, county time, on the day before `start`. */
  const remindDayBefore = (start: string) => t.app.get(BookingReminderJob).run(new Date(`${addDays(shanghaiDate(new Date(start)), -1)}T12:00:00+08:00`));

  beforeAll(async () => {
    t = await startTestApp();
    let tokens: string[];
    ({ centerId, tokens } = await centreWithMembers(t, { name: '通知服务中心', slotMinutes: 30, capacity: 2, members: 1 }));
    token = tokens[0];
    const today = shanghaiDate(new Date());
    const open = await t.http.get(`/api/service-centers/${centerId}/availability?from=${addDays(today, 2)}&to=${addDays(today, 13)}`).set(as());
    days = (open.body as { slots: { start: string }[] }[]).filter((d) => d.slots.length).map((d) => d.slots[0].start);
    expect(days.length).toBeGreaterThanOrEqual(5);
  }, 60_000);
  afterAll(() => t?.close());

  it('confirms a booking with its day and time, and a move with the new and the old, settling what named the old', async () => {
    const made = await t.http.post('/api/bookings').set(as()).send({ serviceCenterId: centerId, start: days[0], purpose: 'CONSULTATION' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id as number;
    const [confirmed] = await notesFor(id);
    expect(confirmed).toMatchObject({ kind: 'booking.confirmed', read: false, title: `预约成功：${chinaVisitTimeZh(new Date(days[0]))}，通知服务中心` });
    expect(confirmed.body).toContain(`签到码 ${made.body.checkInCode}`);
    expect(confirmed.params).toMatchObject({ date: shanghaiDate(new Date(days[0])), center: '通知服务中心' });

    // The day before, a reminder; the job running again sends nothing more.
    expect(await remindDayBefore(days[0])).toBe(1);
    expect(await remindDayBefore(days[0])).toBe(0);
    const countBefore = await unread();

    const moved = await t.http.post(`/api/bookings/${id}/reschedule`).set(as()).send({ start: days[1], version: made.body.version });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const notes = await notesFor(id);
    const byKind = (kind: string) => notes.filter((n) => n.kind === kind);
    expect(byKind('booking.rescheduled')).toEqual([
      expect.objectContaining({ read: false, title: `已改约：${chinaVisitTimeZh(new Date(days[1]))}，通知服务中心`, body: expect.stringContaining(`原定 ${chinaVisitTimeZh(new Date(days[0]))}`) }),
    ]);
    // The confirmation and the reminder of the old time no longer wait to be read: one new message in their place.
    expect(byKind('booking.confirmed').map((n) => n.read)).toEqual([true]);
    expect(byKind('booking.reminder').map((n) => n.read)).toEqual([true]);
    expect(await unread()).toBe(countBefore - 2 + 1);

    // Reminded again before the new day, although a reminder was sent for this booking before.
    expect(await remindDayBefore(days[1])).toBe(1);
    const reminders = (await notesFor(id)).filter((n) => n.kind === 'booking.reminder');
    expect(reminders).toHaveLength(2);
    expect(reminders.filter((n) => !n.read)).toHaveLength(1);
  });

  it('leaves nothing waiting to be read about a visit the member cancelled, and its last word in their list is the cancellation', async () => {
    const made = await t.http.post('/api/bookings').set(as()).send({ serviceCenterId: centerId, start: days[2], purpose: 'CONSULTATION' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id as number;
    expect(await remindDayBefore(days[2])).toBe(1);
    expect((await notesFor(id)).filter((n) => !n.read)).toHaveLength(2);
    const cancelled = await t.http.post(`/api/bookings/${id}/cancel`).set(as()).send({});
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const notes = await notesFor(id);
    expect(notes.filter((n) => !n.read)).toEqual([]);
    // Newest first: the cancellation, kept as read (the member did it), with the time and centre it was for.
    expect(notes[0]).toMatchObject({
      kind: 'booking.cancelledByMember',
      read: true,
      title: `已取消预约：${chinaVisitTimeZh(new Date(days[2]))}，通知服务中心`,
      params: { date: shanghaiDate(new Date(days[2])), center: '通知服务中心', purpose: 'CONSULTATION' },
    });
    expect(notes.filter((n) => n.kind === 'booking.cancelledByMember')).toHaveLength(1);
    // And a cancelled visit is not reminded of.
    expect(await remindDayBefore(days[2])).toBe(0);
  });

  it('names the visit (day, time, centre) and the cause when the centre’s side cancels it, by hand or by a closure', async () => {
    const book = async (start: string) => {
      const made = await t.http.post('/api/bookings').set(as()).send({ serviceCenterId: centerId, start, purpose: 'HAND_IN_MATERIALS' });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      return made.body.id as number;
    };
    const [byHand, byClosure] = [await book(days[3]), await book(days[4])];

    const cancelled = await t.http.post(`/api/bookings/${byHand}/cancel`).set(await t.as('committeeA')).send({ reason: '窗口人员外出培训' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const [handNote] = (await notesFor(byHand)).filter((n) => n.kind === 'booking.cancelled');
    expect(handNote).toMatchObject({
      read: false,
      title: `预约已被取消：${chinaVisitTimeZh(new Date(days[3]))}，通知服务中心`,
      body: '窗口人员外出培训',
      params: { date: shanghaiDate(new Date(days[3])), time: expect.stringMatching(/^\d\d:\d\d$/), center: '通知服务中心', purpose: 'HAND_IN_MATERIALS', cause: 'admin' },
    });

    const day = shanghaiDate(new Date(days[4]));
    const closed = await t.http.post(`/api/service-centers/${centerId}/closures`).set(await t.as('committeeA')).send({ fromDate: day, toDate: day, reason: '场地维修' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    const [closureNote] = (await notesFor(byClosure)).filter((n) => n.kind === 'booking.cancelled');
    expect(closureNote).toMatchObject({
      read: false,
      title: `预约已被取消：${chinaVisitTimeZh(new Date(days[4]))}，通知服务中心`,
      body: `${day} 至 ${day} 闭馆（场地维修），请改约其他时间。`,
      params: { date: day, center: '通知服务中心', cause: 'closure', closedFrom: day, closedTo: day, reason: '场地维修' },
    });
  });
});
