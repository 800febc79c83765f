import type { BookingView } from '@zhdj/shared';
import { describe, expect, it } from 'vitest';
import { daySummary, invalidDays, normaliseCode, readCheckIn, sortedPeriods, statsTotals, weekGrid } from './week';

const at = (id: number, local: string, status: BookingView['status'] = 'BOOKED'): BookingView => {
  const s = new Date(`${local}:00+08:00`);
  return {
    id,
    center: { id: 2, name: '新安街道党群服务中心', address: '', phone: '' },
    member: { id: id, name: `党员${id}` },
    start: s.toISOString(),
    end: new Date(s.getTime() + 1800_000).toISOString(),
    purpose: 'CONSULTATION',
    status,
    checkInCode: 'ABCDEF',
    transferId: null,
    note: '',
    proxyName: null,
    cancelReason: null,
    version: 1,
    changeableUntil: s.toISOString(),
  };
};

describe('the centre’s week', () => {
  it('has a row per start time and a column per weekday, counting places held', () => {
    const grid = weekGrid(
      [at(1, '2026-11-30T09:00'), at(2, '2026-11-30T09:00'), at(3, '2026-11-30T09:00', 'CANCELLED'), at(4, '2026-12-02T14:30', 'ATTENDED'), at(5, '2026-12-07T09:00')],
      '2026-11-30',
    );
    expect(grid.days).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(grid.rows.map((r) => r.time)).toEqual(['09:00', '14:30']);
    expect(grid.rows[0].cells[0]).toMatchObject({ date: '2026-11-30', active: 2 });
    expect(grid.rows[0].cells[0].bookings).toHaveLength(3);
    expect(grid.rows[1].cells[2].active).toBe(1);
    expect(grid.totals).toEqual([2, 0, 1, 0, 0]);
  });

  it('shows the weekend only when something is booked on it', () => {
    expect(weekGrid([at(1, '2026-12-05T10:00')], '2026-11-30').days).toHaveLength(7);
  });

  it('counts a day’s visits and check-ins', () => {
    expect(daySummary([at(1, '2026-11-30T09:00', 'ATTENDED'), at(2, '2026-11-30T09:00', 'CANCELLED'), at(3, '2026-11-30T10:00')])).toEqual({ total: 2, attended: 1 });
  });

  it('reads a typed check-in code the way it is printed', () => {
    expect(normaliseCode(' k7q 2-m9 ')).toBe('K7Q2M9');
    expect(readCheckIn(' k7q 2-m9 ')).toEqual({ code: 'K7Q2M9', centerId: null });
  });

  it('reads the booking’s QR code as a scanner types it, with the centre it belongs to', () => {
    expect(readCheckIn('ZHDJ-CHECKIN:2:K7Q2M9')).toEqual({ code: 'K7Q2M9', centerId: 2 });
    expect(readCheckIn('zhdj-checkin:15:k7q2m9\n')).toEqual({ code: 'K7Q2M9', centerId: 15 });
  });
});

describe('opening hours in the settings', () => {
  it('orders periods and finds the days the API would refuse', () => {
    expect(sortedPeriods([['14:00', '17:30'], ['08:30', '12:00']])).toEqual([['08:30', '12:00'], ['14:00', '17:30']]);
    expect(
      invalidDays({
        '1': [['14:00', '17:30'], ['08:30', '12:00']],
        '2': [['12:00', '09:00']],
        '3': [['08:30', '12:00'], ['11:00', '15:00']],
        '4': [],
      }),
    ).toEqual(['2', '3']);
  });
});

describe('the overview’s totals', () => {
  it('sums the counts and weights utilisation by the places each centre offered', () => {
    const t = statsTotals([
      { bookings: 30, attended: 20, noShows: 5, cancelled: 2, offered: 60, utilisation: 0.5 },
      { bookings: 10, attended: 8, noShows: 2, cancelled: 0, offered: 40, utilisation: 0.25 },
    ]);
    expect(t).toMatchObject({ bookings: 40, attended: 28, noShows: 7, cancelled: 2 });
    expect(t.utilisation).toBeCloseTo(0.4);
    // A centre with no bookings still offered its places: the total is not taken over the busy centres only.
    expect(statsTotals([{ bookings: 30, attended: 20, noShows: 5, cancelled: 2, offered: 60, utilisation: 0.5 }, { bookings: 0, attended: 0, noShows: 0, cancelled: 0, offered: 140, utilisation: 0 }]).utilisation).toBeCloseTo(0.15);
    expect(t.row('合计', (v) => `${Math.round(v * 100)}%`, (r) => r.noShows / (r.attended + r.noShows))).toEqual(['合计', '40', '28', '7', '20%', '2', '40%']);
  });
});
