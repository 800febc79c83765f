import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../src/common/calendar/china-calendar';
import { bookingTally, centreWithMembers } from './support/bookings';
import { expectError } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

describe('attendance at the window, and a mark undone', () => {
  let t: TestApp;
  let centerId: number;
  let tokens: string[] = [];
  let starts: string[] = [];

  const row = async (id: number) => {
    const [b] = await t.ds.query('SELECT status, active_member_id, attended_at FROM bookings WHERE id = ?', [id]);
    return { status: b.status as string, active: b.active_member_id === null ? null : Number(b.active_member_id), attended: b.attended_at !== null };
  };
  const audits = async (id: number) =>
    (await t.ds.query(`SELECT action, detail FROM audit_log WHERE target_type = 'booking' AND target_id = ? ORDER BY id`, [String(id)])).map((r: { action: string; detail: string | null }) => [r.action, r.detail ? JSON.parse(r.detail) : null]);
  /** A visit booked by member `who`, moved in the database to have started a minute ago (check-in is on the day). */
  async function visitToday(who: number, start: string): Promise<number> {
    const r = await t.http.post('/api/bookings').set('Authorization', `Bearer ${tokens[who]}`).send({ serviceCenterId: centerId, start, purpose: 'CONSULTATION' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const at = new Date(Date.now() - 60_000);
    await t.ds.query('UPDATE bookings SET start_at = ?, end_at = ? WHERE id = ?', [at, new Date(at.getTime() + 30 * 60_000), r.body.id]);
    return r.body.id as number;
  }
  const post = async (path: string) => t.http.post(path).set(await t.as('committeeA'));

  beforeAll(async () => {
    t = await startTestApp();
    ({ centerId, tokens } = await centreWithMembers(t, { name: '签到窗口', slotMinutes: 30, capacity: 2, members: 2 }));
    const today = shanghaiDate(new Date());
    const days = await t.http.get(`/api/service-centers/${centerId}/availability?from=${addDays(today, 2)}&to=${addDays(today, 13)}`).set('Authorization', `Bearer ${tokens[0]}`);
    starts = (days.body as { slots: { start: string }[] }[]).filter((d) => d.slots.length).map((d) => d.slots[0].start);
    expect(starts.length).toBeGreaterThanOrEqual(4);
  }, 60_000);
  afterAll(() => t?.close());

  it('undoes a check-in tapped on the wrong line: the visit is booked again, as it was, and both are audited', async () => {
    const id = await visitToday(0, starts[0]);
    const before = await row(id);
    expect(before).toMatchObject({ status: 'BOOKED', attended: false });
    expect((await post(`/api/bookings/${id}/attended`)).status).toBe(200);
    expect(await row(id)).toEqual({ status: 'ATTENDED', active: null, attended: true });

    const undone = await post(`/api/bookings/${id}/undo-mark`);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.status).toBe('BOOKED');
    expect(await row(id)).toEqual(before);
    expect((await audits(id)).slice(-2)).toEqual([
      // Who came, where, when and for what, in the record itself.
      ['booking.attend', { member: expect.stringMatching(/.+/), center: expect.stringMatching(/.+/), start: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), purpose: expect.any(String) }],
      ['booking.undoMark', { undone: 'ATTENDED' }],
    ]);
    // The right line is then checked in as usual.
    expect((await post(`/api/bookings/${id}/attended`)).status).toBe(200);
  });

  it('refuses to undo what is not a mark, or a mark of another day, and changes nothing', async () => {
    const id = await visitToday(1, starts[1]);
    const booked = await post(`/api/bookings/${id}/undo-mark`);
    expect(booked.status).toBe(409);
    expect(booked.body.code).toBe('BOOKING_NOT_CHANGEABLE');

    expect((await post(`/api/bookings/${id}/attended`)).status).toBe(200);
    // The visit was yesterday: its marks stand.
    const yesterday = new Date(Date.now() - 86400_000);
    await t.ds.query('UPDATE bookings SET start_at = ?, end_at = ? WHERE id = ?', [yesterday, new Date(yesterday.getTime() + 30 * 60_000), id]);
    const auditsBefore = (await audits(id)).length;
    const late = await post(`/api/bookings/${id}/undo-mark`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('BOOKING_NOT_CHANGEABLE');
    expect((await row(id)).status).toBe('ATTENDED');
    expect((await audits(id)).length).toBe(auditsBefore);

    // Outside the centres one runs, the visit does not exist.
    const other = await t.http.post(`/api/bookings/${id}/undo-mark`).set(await t.as('committeeB'));
    expect(other.status).toBe(404);
  });

  it('says a code already checked in, or a visit marked a no-show, is so (409), not that the code is unknown, and changes nothing', async () => {
    const id = await visitToday(0, starts[2]);
    const [{ check_in_code: code }] = await t.ds.query('SELECT check_in_code FROM bookings WHERE id = ?', [id]);
    const checkIn = async () => t.http.post(`/api/service-centers/${centerId}/check-in`).set(await t.as('committeeA')).send({ code });
    expect((await checkIn()).status).toBe(200);
    let before = await bookingTally(t);
    expectError(await checkIn(), 409, 'ALREADY_CHECKED_IN');
    expectError(await post(`/api/bookings/${id}/attended`), 409, 'ALREADY_CHECKED_IN');
    expect(await bookingTally(t)).toEqual(before);

    // A visit whose time has passed, marked a no-show: a second mark, or its code at the window, is told so.
    const missed = await visitToday(1, starts[3]);
    const ended = new Date(Date.now() - 40 * 60_000);
    await t.ds.query('UPDATE bookings SET start_at = ?, end_at = ? WHERE id = ?', [ended, new Date(ended.getTime() + 30 * 60_000), missed]);
    expect((await post(`/api/bookings/${missed}/no-show`)).status).toBe(200);
    const [{ check_in_code: missedCode }] = await t.ds.query('SELECT check_in_code FROM bookings WHERE id = ?', [missed]);
    before = await bookingTally(t);
    const again = await post(`/api/bookings/${missed}/no-show`);
    expectError(again, 409, 'ALREADY_NO_SHOW');
    expect(again.body.message).toMatch(/already marked/);
    expectError(await t.http.post(`/api/service-centers/${centerId}/check-in`).set(await t.as('committeeA')).send({ code: missedCode }), 409, 'ALREADY_NO_SHOW');
    expect(await bookingTally(t)).toEqual(before);
    expect((await row(missed)).status).toBe('NO_SHOW');

    // A code that is not today's visit here is still unknown.
    expectError(await t.http.post(`/api/service-centers/${centerId}/check-in`).set(await t.as('committeeA')).send({ code: 'ZZZZ99' }), 404, 'CHECK_IN_CODE_UNKNOWN');
  });

  it('words a cut-off and a notice of 0 minutes as the visit’s start, not “0 minutes before”', async () => {
    const as = await t.as('committeeA');
    const c = (await t.http.get(`/api/service-centers/${centerId}`).set(as)).body as { version: number };
    expect((await t.http.patch(`/api/service-centers/${centerId}`).set(as).send({ version: c.version, cancelCutoffMinutes: 0, minNoticeMinutes: 0 })).status).toBe(200);
    const id = await visitToday(0, starts[4] ?? starts[0]);
    const late = await t.http.post(`/api/bookings/${id}/cancel`).set('Authorization', `Bearer ${tokens[0]}`).send({});
    expectError(late, 409, 'TOO_LATE');
    expect(late.body.message).toBe('Changes are possible until the visit begins; please call the centre');
    // A time already begun, asked for with no notice required.
    const [{ start_at: began }] = await t.ds.query('SELECT start_at FROM bookings WHERE id = ?', [id]);
    const begun = await t.http.post('/api/bookings').set('Authorization', `Bearer ${tokens[1]}`).send({ serviceCenterId: centerId, start: new Date(typeof began === 'string' ? `${began.replace(' ', 'T')}Z` : began).toISOString(), purpose: 'CONSULTATION' });
    expectError(begun, 409, 'TOO_LATE');
    expect(begun.body.message).toBe('That time has already begun; please choose a later one');
    expect(`${late.body.message} ${begun.body.message}`).not.toMatch(/\b0 minutes/);
  });
});
