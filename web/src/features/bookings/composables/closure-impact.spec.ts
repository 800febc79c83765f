import { describe, expect, it } from 'vitest';
import { withLoggedInApi } from '@/test/logged-in-api';
import { bookedVisitsIn } from './closure-impact';

const visit = (start: string, status: string) => ({ id: start, start, status });

describe('what a closure would cancel', () => {
  const api = withLoggedInApi(['COMMITTEE_ADMIN']);
  const now = new Date('2026-12-05T02:00:00Z'); // 10:00 on 5 December in Xinyi

  it('counts the visits still booked from today to the end of the horizon, a month of the API at a time', async () => {
    const server = api.serve((req) => {
      const { from } = req.params as { from: string; to: string };
      // One visit already over today, one cancelled, and booked ones in each month asked for.
      if (from === '2026-12-05') return { status: 200, data: [visit('2026-12-05T01:00:00Z', 'BOOKED'), visit('2026-12-05T03:00:00Z', 'BOOKED'), visit('2026-12-08T01:00:00Z', 'CANCELLED')] };
      return { status: 200, data: [visit('2027-01-10T01:00:00Z', 'BOOKED'), visit('2027-01-11T01:00:00Z', 'BOOKED')] };
    });
    const n = await bookedVisitsIn({ id: 3, horizonDays: 60 }, '2026-12-01', '2027-03-31', now);
    expect(n).toBe(3);
    // Past days are not asked for; the horizon ends the last month asked.
    expect(server.requests.map((r) => r.params)).toEqual([
      { from: '2026-12-05', to: '2027-01-04' },
      { from: '2027-01-05', to: '2027-02-03' },
    ]);
  });

  it('asks nothing for a closure wholly in the past or beyond the horizon', async () => {
    const server = api.serve(() => ({ status: 200, data: [] }));
    expect(await bookedVisitsIn({ id: 3, horizonDays: 14 }, '2026-11-01', '2026-11-30', now)).toBe(0);
    expect(await bookedVisitsIn({ id: 3, horizonDays: 14 }, '2027-02-01', '2027-02-10', now)).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});
