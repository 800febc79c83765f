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
export async function seedBookings(em: EntityManager, f: Faker, now = new Date(), demoCommitteeId?: number): Promise<{ centers: number; bookings: number }> {
  const orgs = await em.find(Organization, { where: [{ level: 'COUNTY_COMMITTEE' }, { level: 'COMMITTEE' }], order: { id: 'ASC' } });
  const created = new Date();
  const centers: ServiceCenter[] = [];
  // The demo committee's centre (the demo member's own) always takes three visitors per slot, so that some of its
  // slots hold several visits whatever day the demo is seeded (the browser journey lowers the capacity and expects
  // conflicts). The random draw is still made, so every other centre is seeded as before.
  const capacityOf = (orgId: number, drawn: number) => (orgId === demoCommitteeId ? 3 : drawn);
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
      capacity: capacityOf(o.id, county ? 4 : intBetween(f, 1, 3)),
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
  // Each centre draws its visitors from the first 600 active members (by id) of its subtree. One pass over the
  // members fills every centre's list: a query per centre scans ever more of the table as the county grows.
  const visitors = new Map<string, number[]>(centers.map((c) => [c.orgPath, []]));
  const users = new Map<number, number>();
  const rows: { id: number; org_path: string; user_id: number }[] = await em.query(
    `SELECT m.id, m.org_path, u.id AS user_id FROM members m JOIN users u ON u.member_id = m.id WHERE m.status = 'ACTIVE' AND u.username <> 'member' ORDER BY m.id`,
  );
  for (const r of rows) {
    const path = r.org_path;
    for (let end = path.indexOf('/', 1); end > 0; end = path.indexOf('/', end + 1)) {
      const list = visitors.get(path.slice(0, end + 1));
      if (list && list.length < 600) {
        list.push(Number(r.id));
        users.set(Number(r.id), Number(r.user_id));
      }
    }
  }
  // Slot ids are assigned here so that slots can be written in batches with their bookings; the seed runs on an
  // empty database. Their counts are set from the inserted bookings at the end.
  let nextSlotId = Number((await em.query('SELECT COALESCE(MAX(id), 0) AS n FROM booking_slots'))[0].n) + 1;
  for (const c of centers) {
    const members = visitors.get(c.orgPath)!;
    const slotRows: BookingSlot[] = [];
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
        const slot = em.create(BookingSlot, { id: nextSlotId++, centerId: c.id, startAt: s.start, endAt: s.end, capacity: c.capacity, booked: 0 });
        slotRows.push(slot);
        const taken = new Set<number>();
        for (let k = 0; k < booked; k++) {
          const memberId = pick(f, members);
          if (taken.has(memberId)) continue;
          taken.add(memberId);
          const past = s.end < now;
          // One draw, as before, so the rest of the county comes out the same: about 6% cancelled beforehand, in the
          // past too (the overview's last 30 days showed none), and of the visits that happened 88% attended.
          const roll = f.number.float({ min: 0, max: 1 });
          const status: BookingStatus = roll < 0.06 ? 'CANCELLED' : !past ? 'BOOKED' : roll < 0.06 + 0.94 * 0.88 ? 'ATTENDED' : 'NO_SHOW';
          let code: string;
          do code = Array.from({ length: 6 }, () => CODE_ALPHABET[intBetween(f, 0, CODE_ALPHABET.length - 1)]).join('');
          while (codes.has(code));
          codes.add(code);
          const purpose: BookingPurpose = pick(f, BOOKING_PURPOSES);
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
            idempotencyHash: null,
            note: '',
            // The draw is made for every visit, so the rest of the county comes out the same; a centre that refuses
            // proxies has none (the API refuses them with PROXY_NOT_ACCEPTED).
            proxyName: chance(f, 0.05) && c.acceptsProxy ? '家属代办' : null,
            cancelReason: status === 'CANCELLED' ? '行程变更' : null,
            version: 1,
            createdAt: new Date(s.start.getTime() - intBetween(f, 1, 10) * 86400_000),
            updatedAt: new Date(s.start.getTime() - 86400_000),
            attendedAt: status === 'ATTENDED' ? s.start : null,
          });
        }
      }
    }
    for (let i = 0; i < slotRows.length; i += 300) {
      await em.createQueryBuilder().insert().into(BookingSlot).values(slotRows.slice(i, i + 300)).updateEntity(false).execute();
    }
    // As the API allows: at most one active booking per start time across centres, and one visit a day at a centre
    // (a cancelled one aside): drop clashes before inserting.
    const seen = new Set<string>();
    const unique = bookings.filter((b) => {
      if (b.status === 'CANCELLED') return true;
      const keys = [`${b.memberId}:${b.centerId}:${shanghaiDate(b.startAt!)}`, ...(b.status === 'BOOKED' ? [`${b.memberId}:${b.startAt!.getTime()}`] : [])];
      if (keys.some((k) => seen.has(k))) return false;
      keys.forEach((k) => seen.add(k));
      return true;
    });
    for (let i = 0; i < unique.length; i += 300) {
      await em.createQueryBuilder().insert().into(Booking).values(unique.slice(i, i + 300)).updateEntity(false).orIgnore().execute();
    }
    total += unique.length;
  }
  // Slot counts follow what was actually inserted (a few clashing rows were ignored). A slot is one (centre, start):
  // matching on those uses the bookings' (center_id, start_at) index, where slot_id has none in SQLite.
  await em.query(
    `UPDATE booking_slots SET booked = (SELECT COUNT(*) FROM bookings b WHERE b.center_id = booking_slots.center_id AND b.start_at = booking_slots.start_at
      AND b.status IN ('BOOKED', 'ATTENDED', 'NO_SHOW'))`,
  );
  return { centers: centers.length, bookings: total };
}
