import type { ServiceCenterView } from '@zhdj/shared';
import { fetchCenterBookings } from '../api';
import { addDays, xinyiDate } from './schedule';

/** The API lists a centre's bookings a month at a time. */
const RANGE_DAYS = 31;

/**
 * How many visits still booked from `from` to `to` a closure of the centre would cancel, so its confirmation can say
 * it. Only days from today to the end of the booking horizon can hold any, read a month at a time.
 */
export async function bookedVisitsIn(center: Pick<ServiceCenterView, 'id' | 'horizonDays'>, from: string, to: string, now = new Date()): Promise<number> {
  const today = xinyiDate(now);
  const last = addDays(today, center.horizonDays);
  const end = to < last ? to : last;
  let n = 0;
  for (let day = from > today ? from : today; day <= end; day = addDays(day, RANGE_DAYS)) {
    const chunkEnd = addDays(day, RANGE_DAYS - 1) < end ? addDays(day, RANGE_DAYS - 1) : end;
    n += (await fetchCenterBookings(center.id, day, chunkEnd)).filter((b) => b.status === 'BOOKED' && Date.parse(b.start) >= now.getTime()).length;
  }
  return n;
}
