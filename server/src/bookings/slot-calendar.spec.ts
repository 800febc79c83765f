import { DEFAULT_WEEKLY_HOURS } from '@zhdj/shared';
import { describe, expect, it } from 'vitest';
import { bookableSlots, closedReason, isoWeekday, slotAt, slotsOn, type CenterSchedule } from './slot-calendar';

const schedule: CenterSchedule = { weeklyHours: DEFAULT_WEEKLY_HOURS, slotMinutes: 30, horizonDays: 14, minNoticeMinutes: 120 };

describe('service-centre slots on the official calendar', () => {
  it('opens Monday to Friday 08:30–12:00 and 14:00–17:30 in half hours', () => {
    const slots = slotsOn(schedule, '2026-11-30'); // a Monday
    expect(slots).toHaveLength(14);
    expect(slots[0].start.toISOString()).toBe('2026-11-30T00:30:00.000Z'); // 08:30 in Xinyi
    expect(slots.at(-1)!.end.toISOString()).toBe('2026-11-30T09:30:00.000Z'); // 17:30
  });

  it('closes on public holidays and weekends, and opens on make-up working days with Monday hours', () => {
    expect(isoWeekday('2026-10-10')).toBe(6);
    expect(slotsOn(schedule, '2026-10-01')).toHaveLength(0); // National Day
    expect(closedReason(schedule, [], '2026-10-01', new Date('2026-09-25T00:00:00Z'))).toMatchObject({ reason: 'HOLIDAY' });
    expect(closedReason(schedule, [], '2026-11-28', new Date('2026-11-20T00:00:00Z'))).toMatchObject({ reason: 'WEEKEND' });
    expect(slotsOn(schedule, '2026-10-10')).toHaveLength(14); // Saturday worked (调休)
  });

  it('opens on an ordinary weekend only with Saturday or Sunday hours of its own, never on a holiday', () => {
    const weekends: CenterSchedule = { ...schedule, weeklyHours: { ...DEFAULT_WEEKLY_HOURS, '6': [['09:00', '12:00']] } };
    expect(slotsOn(weekends, '2026-11-28').map((s) => s.start.toISOString())).toEqual(['2026-11-28T01:00:00.000Z', '2026-11-28T01:30:00.000Z', '2026-11-28T02:00:00.000Z', '2026-11-28T02:30:00.000Z', '2026-11-28T03:00:00.000Z', '2026-11-28T03:30:00.000Z']);
    expect(closedReason(weekends, [], '2026-11-29', new Date('2026-11-20T00:00:00Z'))).toMatchObject({ reason: 'WEEKEND' }); // no Sunday hours
    expect(slotsOn(weekends, '2026-10-03')).toHaveLength(0); // a Saturday in the National Day holiday
    expect(closedReason(weekends, [], '2026-10-03', new Date('2026-09-25T00:00:00Z'))).toMatchObject({ reason: 'HOLIDAY' });
    expect(slotsOn(weekends, '2026-10-10')).toHaveLength(14); // 调休 Saturday: still the Monday hours
  });

  it('applies closures, the horizon and the minimum notice', () => {
    const closures = [{ fromDate: '2026-12-01', toDate: '2026-12-02', reason: '场地维修' }];
    const now = new Date('2026-11-30T00:00:00Z'); // Monday 08:00 in Xinyi
    expect(closedReason(schedule, closures, '2026-12-02', now)).toEqual({ reason: 'CLOSURE', detail: '场地维修' });
    expect(closedReason(schedule, closures, '2026-12-15', now)).toEqual({ reason: 'BEYOND_HORIZON' });
    // Two hours' notice from 08:00: the first bookable slot today is 10:00.
    expect(bookableSlots(schedule, closures, '2026-11-30', now).slots[0].start.toISOString()).toBe('2026-11-30T02:00:00.000Z');
  });

  it('recognises only exact slot starts', () => {
    expect(slotAt(schedule, new Date('2026-11-30T01:00:00Z'))).not.toBeNull(); // 09:00
    expect(slotAt(schedule, new Date('2026-11-30T01:10:00Z'))).toBeNull(); // 09:10
    expect(slotAt(schedule, new Date('2026-11-30T04:30:00Z'))).toBeNull(); // 12:30, lunch
  });
});
