import type { Faker } from '@faker-js/faker';
import { BOOKING_PURPOSES, DEFAULT_WEEKLY_HOURS, type BookingPurpose, type BookingStatus } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { BookingSlot } from '../../bookings/entities/booking-slot.entity';
import { Booking } from '../../bookings/entities/booking.entity';
import { ServiceCenter } from '../../bookings/entities/service-center.entity';
import { slotsOn } from '../../bookings/slot-calendar';
import { scheduleOf } from '../../bookings/service-centers.service';
import { addDays, shanghaiDate } from '../../common/calendar/china-calendar';
import { Organization } from '../../organizations/entities/organization.entity';
import { chance, intBetween, pick } from './rng';

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * A service centre for the county hall and every committee (党委, 党工委), and bookings from two weeks ago to two
 * weeks ahead at realistic occupancy (busier in the mornings and early in the week); past ones attended or no-shows.
 */
export async function seedBookings(em: EntityManager, f: Faker, now = new Date()): Promise<{ centers: number; bookings: number }> {
  const orgs = await em.find(Organization, { where: [{ level: 'COUNTY_COMMITTEE' }, { level: 'COMMITTEE' }], order: { id: 'ASC' } });
  const created = new Date();
  const centers: ServiceCenter[] = [];
  for (const o of orgs) {
    const county = o.level === 'COUNTY_COMMITTEE';
    const c = em.create(ServiceCenter, {
      orgId: o.id,
      orgPath: o.path,
      name: county ? '新沂市党群服务中心（市委组织部服务窗口）' : `${o.shortName.replace(/党(工)?委$/, '')}党群服务中心`,
      address: o.address,
      phone: o.phone,
      weeklyHours: JSON.stringify(DEFAULT_WEEKLY_HOURS),
      slotMinutes: 30,
      capacity: county ? 4 : intBetween(f, 1, 3),
      horizonDays: 14,
      minNoticeMinutes: 120,
      cancelCutoffMinutes: 60,
      acceptsProxy: !chance(f, 0.2),
      active: true,
      version: 1,
      createdAt: created,
      updatedAt: created,
    });
    await em.insert(ServiceCenter, c);
    centers.push(c);
  }
  let total = 0;
  const today = shanghaiDate(now);
  for (const c of centers) {
    const members: number[] = (await em.query(`SELECT m.id FROM members m JOIN users u ON u.member_id = m.id WHERE m.org_path LIKE ? AND m.status = 'ACTIVE' AND u.username <> 'member' ORDER BY m.id LIMIT 600`, [c.orgPath + '%'])).map(
      (r: { id: number }) => Number(r.id),
    );
    const users = new Map<number, number>(
      (await em.query(`SELECT id, member_id FROM users WHERE member_id IN (${members.map(() => '?').join(',') || 'NULL'})`, members)).map((r: { id: number; member_id: number }) => [Number(r.member_id), Number(r.id)]),
    );
    const codes = new Set<string>();
    const bookings: Partial<Booking>[] = [];
    for (let d = addDays(today, -14); d <= addDays(today, 14); d = addDays(d, 1)) {
      const slots = slotsOn(scheduleOf(c), d);
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      for (const s of slots) {
        const morning = s.start.getUTCHours() < 4;
        const occupancy = (c.orgPath.split('/').length <= 3 ? 0.55 : 0.3) * (morning ? 1.3 : 0.8) * (weekday === 1 ? 1.3 : 1);
        let booked = 0;
        for (let k = 0; k < c.capacity; k++) if (chance(f, Math.min(0.95, occupancy))) booked++;
        if (!booked || !members.length) continue;
        const slot = em.create(BookingSlot, { centerId: c.id, startAt: s.start, endAt: s.end, capacity: c.capacity, booked: 0 });
        await em.insert(BookingSlot, slot);
        const taken = new Set<number>();
        for (let k = 0; k < booked; k++) {
          const memberId = pick(f, members);
          if (taken.has(memberId)) continue;
          taken.add(memberId);
          const past = s.end < now;
          const status: BookingStatus = past ? (chance(f, 0.88) ? 'ATTENDED' : 'NO_SHOW') : chance(f, 0.06) ? 'CANCELLED' : 'BOOKED';
          let code: string;
          do code = Array.from({ length: 6 }, () => CODE_ALPHABET[intBetween(f, 0, CODE_ALPHABET.length - 1)]).join('');
          while (codes.has(code));
          codes.add(code);
          const purpose: BookingPurpose = pick(f, BOOKING_PURPOSES);
          if (status !== 'CANCELLED') slot.booked++;
          bookings.push({
            centerId: c.id,
            slotId: slot.id,
            memberId,
            userId: users.get(memberId)!,
            startAt: s.start,
            endAt: s.end,
            purpose,
            status,
            checkInCode: code,
            transferId: null,
            activeMemberId: status === 'BOOKED' ? memberId : null,
            activeTransferId: null,
            idempotencyKey: null,
            note: '',
            proxyName: chance(f, 0.05) ? '家属代办' : null,
            cancelReason: status === 'CANCELLED' ? '行程变更' : null,
            version: 1,
            createdAt: new Date(s.start.getTime() - intBetween(f, 1, 10) * 86400_000),
            updatedAt: new Date(s.start.getTime() - 86400_000),
            attendedAt: status === 'ATTENDED' ? s.start : null,
          });
        }
        await em.update(BookingSlot, { id: slot.id }, { booked: slot.booked });
      }
    }
    // A member holds at most one active booking per start time across centres: drop clashes before inserting.
    const seen = new Set<string>();
    const unique = bookings.filter((b) => {
      if (b.status !== 'BOOKED') return true;
      const key = `${b.memberId}:${b.startAt!.getTime()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    for (let i = 0; i < unique.length; i += 300) {
      await em.createQueryBuilder().insert().into(Booking).values(unique.slice(i, i + 300)).updateEntity(false).orIgnore().execute();
    }
    total += unique.length;
  }
  // Slot counts follow what was actually inserted (a few clashing rows were ignored).
  await em.query(`UPDATE booking_slots SET booked = (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = booking_slots.id AND b.status IN ('BOOKED', 'ATTENDED', 'NO_SHOW'))`);
  return { centers: centers.length, bookings: total };
}
