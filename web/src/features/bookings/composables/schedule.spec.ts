import type { BookingView, DayAvailability, SlotView } from '@zhdj/shared';
import { describe, expect, it } from 'vitest';
import { bookingWindow, calendarWeeks, hoursSummary, changeState, cutoffMinutes, firstBookableDay, groupSlots, markDay, mondayOf, splitBookings, xinyiDate, xinyiTime } from './schedule';

/** A slot starting at a Xinyi wall-clock time (UTC+8) on a date. */
const slot = (date: string, hhmm: string, free: number, capacity = 3): SlotView => {
  const start = new Date(`${date}T${hhmm}:00+08:00`);
  return { start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString(), capacity, free };
};
const open = (date: string, ...slots: SlotView[]): DayAvailability => ({ date, closed: null, slots });
const closed = (date: string, reason: NonNullable<DayAvailability['closed']>['reason'], detail?: string): DayAvailability => ({ date, closed: { reason, ...(detail ? { detail } : {}) }, slots: [] });

describe('calendar marks', () => {
  const today = '2026-11-30'; // a Monday

  it('marks open days free, few or full from the free places of their slots', () => {
    expect(markDay(open('2026-12-01', slot('2026-12-01', '09:00', 3), slot('2026-12-01', '09:30', 2)), today)).toMatchObject({ mark: 'free', free: 5, selectable: true, weekday: 2 });
    // 1 of 6 places left (≤ 20 %): few.
    expect(markDay(open('2026-12-02', slot('2026-12-02', '09:00', 1), slot('2026-12-02', '09:30', 0)), today)).toMatchObject({ mark: 'few', free: 1, selectable: true });
    expect(markDay(open('2026-12-03', slot('2026-12-03', '09:00', 0), slot('2026-12-03', '09:30', 0)), today)).toMatchObject({ mark: 'full', free: 0, selectable: false });
  });

  it('keeps the server’s reason and detail for a closed day, e.g. a holiday’s name', () => {
    expect(markDay(closed('2027-01-01', 'HOLIDAY', '元旦'), today)).toMatchObject({ mark: 'closed', closedReason: 'HOLIDAY', closedDetail: '元旦', selectable: false });
    expect(markDay(closed('2026-12-05', 'WEEKEND'), today)).toMatchObject({ mark: 'closed', closedReason: 'WEEKEND', closedDetail: null });
    expect(markDay(closed('2026-12-09', 'CLOSURE', '场地维修'), today)).toMatchObject({ closedReason: 'CLOSURE', closedDetail: '场地维修' });
  });

  it('marks an open day with no time left to book as over, and today as today', () => {
    expect(markDay(open(today), today)).toMatchObject({ mark: 'over', isToday: true, selectable: false });
  });

  it('lays the days out in Monday-first weeks with blank cells around them', () => {
    const days = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'].map((d) => open(d, slot(d, '09:00', 1)));
    const weeks = calendarWeeks(days, '2026-11-28'); // from a Saturday
    expect(weeks).toHaveLength(2);
    expect(weeks[0].slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(weeks[0][5]?.date).toBe('2026-11-28');
    expect(weeks[0][6]?.date).toBe('2026-11-29');
    expect(weeks[1][0]?.date).toBe('2026-11-30');
    expect(weeks[1].slice(2)).toEqual([null, null, null, null, null]);
    expect(calendarWeeks([], today)).toEqual([]);
  });

  it('opens on the first day that still has a free place', () => {
    const days = [closed('2026-11-28', 'WEEKEND'), open('2026-11-30', slot('2026-11-30', '09:00', 0)), open('2026-12-01', slot('2026-12-01', '14:00', 2))];
    expect(firstBookableDay(days)).toBe('2026-12-01');
    expect(firstBookableDay(days.slice(0, 2))).toBeNull();
  });

  it('asks for today to the end of the horizon, never more than the API serves at once', () => {
    expect(bookingWindow('2026-11-28', 14)).toEqual({ from: '2026-11-28', to: '2026-12-12' });
    expect(bookingWindow('2026-11-28', 90)).toEqual({ from: '2026-11-28', to: '2026-12-28' });
    expect(mondayOf('2026-11-28')).toBe('2026-11-23');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
  });
});

describe('slots', () => {
  it('reads times in Xinyi whatever the phone’s zone, and groups them by part of the day', () => {
    expect(xinyiTime('2026-11-30T00:30:00.000Z')).toBe('08:30');
    expect(xinyiDate('2026-11-30T16:30:00.000Z')).toBe('2026-12-01');
    const d = '2026-11-30';
    const groups = groupSlots([slot(d, '14:00', 1), slot(d, '08:30', 0), slot(d, '19:00', 2), slot(d, '11:30', 3)]);
    expect(groups.map((g) => g.part)).toEqual(['morning', 'afternoon', 'evening']);
    expect(groups[0].slots.map((s) => xinyiTime(s.start))).toEqual(['08:30', '11:30']);
    expect(groupSlots([slot(d, '14:00', 1)]).map((g) => g.part)).toEqual(['afternoon']);
  });
});

const booking = (id: number, start: string, status: BookingView['status'] = 'BOOKED', cutoff = 60): BookingView => {
  const s = new Date(start);
  return {
    id,
    center: { id: 2, name: '新安街道党群服务中心', address: '沭东大道120号', phone: '0516-86454472' },
    member: { id: 9, name: '王建国' },
    start: s.toISOString(),
    end: new Date(s.getTime() + 30 * 60_000).toISOString(),
    purpose: 'COLLECT_LETTER',
    status,
    checkInCode: 'K7Q2M9',
    transferId: null,
    note: '',
    proxyName: null,
    cancelReason: null,
    version: 1,
    changeableUntil: new Date(s.getTime() - cutoff * 60_000).toISOString(),
  };
};

describe('changing a booking', () => {
  const now = new Date('2026-11-30T01:00:00Z'); // 09:00 in Xinyi

  it('may be changed until the cut-off, then the member is told to phone', () => {
    expect(changeState(booking(1, '2026-11-30T03:00:00Z'), now)).toEqual({ changeable: true, until: '2026-11-30T02:00:00.000Z' });
    expect(changeState(booking(1, '2026-11-30T01:30:00Z'), now)).toEqual({ changeable: false, why: 'cutoff' });
    expect(changeState(booking(1, '2026-11-30T00:30:00Z'), now)).toEqual({ changeable: false, why: 'past' });
    expect(changeState(booking(1, '2026-12-01T03:00:00Z', 'CANCELLED'), now)).toEqual({ changeable: false, why: 'status' });
    expect(cutoffMinutes(booking(1, '2026-12-01T03:00:00Z', 'BOOKED', 90))).toBe(90);
  });

  it('splits the member’s visits into upcoming (soonest first) and history (newest first)', () => {
    const later = booking(3, '2026-12-03T01:00:00Z');
    const sooner = booking(2, '2026-12-01T01:00:00Z');
    const cancelled = booking(4, '2026-12-02T01:00:00Z', 'CANCELLED');
    const attended = booking(1, '2026-11-20T01:00:00Z', 'ATTENDED');
    const { upcoming, history } = splitBookings([later, sooner, cancelled], [cancelled, later, sooner, attended], now);
    expect(upcoming.map((b) => b.id)).toEqual([2, 3]);
    expect(history.map((b) => b.id)).toEqual([4, 1]);
  });
});

describe('opening hours', () => {
  it('joins consecutive days with the same periods', () => {
    const weekdays: [string, string][] = [['08:30', '12:00'], ['14:00', '17:30']];
    expect(hoursSummary({ '1': weekdays, '2': weekdays, '3': weekdays, '4': weekdays, '5': weekdays })).toEqual([{ from: 1, to: 5, periods: weekdays }]);
    expect(hoursSummary({ '1': weekdays, '2': weekdays, '3': [['08:30', '12:00']], '5': weekdays, '6': [['09:00', '11:00']] })).toEqual([
      { from: 1, to: 2, periods: weekdays },
      { from: 3, to: 3, periods: [['08:30', '12:00']] },
      { from: 5, to: 5, periods: weekdays },
      { from: 6, to: 6, periods: [['09:00', '11:00']] },
    ]);
  });
});
