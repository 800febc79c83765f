import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  Permission,
  type BookingConflictReason,
  type BookingConflictView,
  type BookingView,
  type CenterStats,
  type DayAvailability,
  type ServiceCenterView,
  type WeeklyHours,
} from '@zhdj/shared';
import { In, LessThanOrEqual, MoreThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { changesOf } from '../common/changes';
import { addDays, shanghaiDate, shanghaiInstant } from '../common/calendar/china-calendar';
import { Db } from '../common/database/db.service';
import { badRequest, conflict, invalidField, notFound } from '../common/errors/app.exception';
import { Member } from '../members/entities/member.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { toBookingView } from './booking-view';
import type { ClosureDto, CreateCenterDto, UpdateCenterDto } from './dto/service-center.dto';
import { BookingSlot } from './entities/booking-slot.entity';
import { Booking } from './entities/booking.entity';
import { CenterClosure } from './entities/center-closure.entity';
import { ServiceCenter } from './entities/service-center.entity';
import { bookingLink, cancelledNotice, VISIT_NOTICE_KINDS, type CancelCause } from './booking-notices';
import { bookableSlots, slotAt, slotsOn, type CenterSchedule } from './slot-calendar';
import { isoString } from '../common/calendar/iso-string';

export const scheduleOf = (c: ServiceCenter): CenterSchedule => ({
  weeklyHours: JSON.parse(c.weeklyHours) as WeeklyHours,
  slotMinutes: c.slotMinutes,
  horizonDays: c.horizonDays,
  minNoticeMinutes: c.minNoticeMinutes,
});

const MAX_RANGE_DAYS = 31;

/**
 * A centre's settings as its audit record compares them before and after an edit: the weekly hours as the object they
 * were given as, not the JSON text they are kept in.
 */
function centerSettings(c: ServiceCenter) {
  const { name, address, phone, weeklyHours, slotMinutes, capacity, horizonDays, minNoticeMinutes, cancelCutoffMinutes, acceptsProxy, active } = c;
  return { name, address, phone, weeklyHours: JSON.parse(weeklyHours) as WeeklyHours, slotMinutes, capacity, horizonDays, minNoticeMinutes, cancelCutoffMinutes, acceptsProxy, active };
}

/** Service centres: settings and closures (administrators in scope), availability (everyone), day lists and statistics. */
@Injectable()
export class ServiceCentersService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async find(id: number, em: EntityManager = this.db.em): Promise<ServiceCenter> {
    const [c] = await this.db.load(ServiceCenter, 'id = ?', [id], '', em);
    if (!c) throw notFound('Service centre');
    return c;
  }

  /** A centre the actor runs, or 404 as if it did not exist. */
  async findManaged(actor: Actor, id: number, em: EntityManager = this.db.em): Promise<ServiceCenter> {
    const c = await this.find(id, em);
    if (!actor.covers(c.orgPath, Permission.CENTER_MANAGE)) throw notFound('Service centre');
    return c;
  }

  /** Every centre in the county; a member's own committee's (the nearest above their branch) first. */
  async list(actor: Actor): Promise<ServiceCenterView[]> {
    const centers = await this.db.em.find(ServiceCenter, { where: { active: true }, order: { id: 'ASC' } });
    const memberPath = actor.memberId ? (await this.db.em.findOne(Member, { select: { orgPath: true }, where: { id: actor.memberId } }))?.orgPath : undefined;
    const views = await this.views(actor, centers, memberPath);
    return views.sort((a, b) => Number(b.isMine) - Number(a.isMine) || a.id - b.id);
  }

  async get(actor: Actor, id: number): Promise<ServiceCenterView> {
    const c = await this.find(id);
    const memberPath = actor.memberId ? (await this.db.em.findOne(Member, { select: { orgPath: true }, where: { id: actor.memberId } }))?.orgPath : undefined;
    return (await this.views(actor, [c], memberPath))[0];
  }

  async create(actor: Actor, dto: CreateCenterDto): Promise<ServiceCenterView> {
    const id = await this.db.tx(async (em) => {
      const org = await this.orgs.findInScope(actor, dto.orgId, Permission.CENTER_MANAGE, em);
      if (org.level === 'BRANCH' || org.level === 'GENERAL_BRANCH') throw invalidField('orgId', 'committee', 'A service centre belongs to a committee or the county');
      const now = new Date();
      const c = em.create(ServiceCenter, {
        ...dto,
        orgPath: org.path,
        address: dto.address ?? '',
        phone: dto.phone ?? '',
        weeklyHours: JSON.stringify(dto.weeklyHours),
        active: dto.active ?? true,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(ServiceCenter, c);
      await this.audit.record(em, actor, { action: 'center.create', targetType: 'serviceCenter', targetId: c.id, permission: Permission.CENTER_MANAGE, path: org.path, detail: { name: c.name } });
      return c.id;
    });
    return this.get(actor, id);
  }

  /**
   * Changes settings. Existing bookings are never dropped: future slots take the new capacity (bookings beyond it
   * stay), and the answer lists the bookings that no longer fit the new hours, capacity or proxy rule, for the
   * administrator to rearrange with the members.
   */
  async update(actor: Actor, id: number, dto: UpdateCenterDto): Promise<ServiceCenterView & { conflicts: BookingConflictView[] }> {
    await this.db.tx(async (em) => {
      const c = await this.findManaged(actor, id, em);
      const { version, weeklyHours, ...rest } = dto;
      const changes: Partial<ServiceCenter> = { ...rest, updatedAt: new Date(), version: c.version + 1 };
      if (weeklyHours) changes.weeklyHours = JSON.stringify(weeklyHours);
      const r = await em.createQueryBuilder().update(ServiceCenter).set(changes).where('id = :id AND version = :version', { id, version }).execute();
      if (!r.affected) throw conflict(ErrorCode.CONFLICT, 'These settings were changed by someone else; reload and try again');
      if (dto.capacity !== undefined) {
        await em.query('UPDATE booking_slots SET capacity = ? WHERE center_id = ? AND start_at > ?', [dto.capacity, id, new Date()]);
      }
      await this.audit.record(em, actor, { action: 'center.update', targetType: 'serviceCenter', targetId: id, permission: Permission.CENTER_MANAGE, path: c.orgPath, detail: { center: c.name, ...changesOf(centerSettings(c), centerSettings({ ...c, ...changes })) } });
    });
    return { ...(await this.get(actor, id)), conflicts: await this.conflicts(actor, id) };
  }

  /**
   * Future bookings that no longer fit the centre's settings, each with why: outside the current hours, in a slot now
   * holding more than its capacity, on a closed day, or with a proxy where proxies are no longer accepted (the member
   * must come in person, or move the visit elsewhere — the centre tells them; the visit itself is never dropped).
   */
  async conflicts(actor: Actor, id: number): Promise<BookingConflictView[]> {
    const c = await this.findManaged(actor, id);
    const schedule = scheduleOf(c);
    const future = await this.db.em.find(Booking, { where: { centerId: id, status: 'BOOKED', startAt: MoreThan(new Date()) }, order: { startAt: 'ASC' }, take: 2000 });
    const slots = future.length ? await this.db.em.find(BookingSlot, { where: { id: In([...new Set(future.map((b) => b.slotId))]) } }) : [];
    const over = new Set(slots.filter((s) => s.booked > s.capacity).map((s) => s.id));
    const closures = await this.db.em.find(CenterClosure, { where: { centerId: id } });
    const reasonsOf = (b: Booking): BookingConflictReason[] => {
      const day = shanghaiDate(b.startAt);
      const planned = slotAt(schedule, b.startAt);
      const reasons: BookingConflictReason[] = [];
      if (!planned || planned.end.getTime() !== b.endAt.getTime()) reasons.push('OUTSIDE_HOURS');
      if (over.has(b.slotId)) reasons.push('OVER_CAPACITY');
      if (closures.some((x) => x.fromDate <= day && day <= x.toDate)) reasons.push('CLOSED');
      if (b.proxyName && !c.acceptsProxy) reasons.push('PROXY_NOT_ACCEPTED');
      return reasons;
    };
    const bad = future.map((b) => ({ b, reasons: reasonsOf(b) })).filter((x) => x.reasons.length);
    const views = await this.bookingViews(bad.map((x) => x.b), [c]);
    return views.map((v, i) => ({ ...v, reasons: bad[i].reasons }));
  }

  /** Closes a centre for a date range; bookings in it are cancelled and their members told why. */
  async addClosure(actor: Actor, id: number, dto: ClosureDto): Promise<{ closureId: number; cancelled: number }> {
    if (dto.toDate < dto.fromDate) throw invalidField('toDate', 'order', 'toDate must not be before fromDate');
    if (dto.toDate > addDays(dto.fromDate, 366)) throw invalidField('toDate', 'range', 'A closure lasts at most a year');
    // A closure wholly past would close nothing and could never be withdrawn (CLOSURE_ENDED): an entry in error, refused.
    if (dto.toDate < shanghaiDate(new Date())) throw invalidField('toDate', 'notPast', 'A closure must end today or later');
    return this.db.tx(async (em) => {
      const c = await this.findManaged(actor, id, em);
      const closure = em.create(CenterClosure, { centerId: id, fromDate: dto.fromDate, toDate: dto.toDate, reason: dto.reason, createdByUserId: actor.userId, createdAt: new Date() });
      await em.insert(CenterClosure, closure);
      const affected = await em
        .createQueryBuilder(Booking, 'b')
        .where('b.centerId = :id AND b.status = :s AND b.startAt >= :from AND b.startAt < :to', {
          id,
          s: 'BOOKED',
          from: shanghaiInstant(dto.fromDate),
          to: shanghaiInstant(addDays(dto.toDate, 1)),
        })
        .getMany();
      const cancelled = await this.cancelVisits(em, affected, `服务中心闭馆：${dto.reason}`, { kind: 'closure', fromDate: dto.fromDate, toDate: dto.toDate, reason: dto.reason });
      await this.audit.record(em, actor, {
        action: 'center.close',
        targetType: 'serviceCenter',
        targetId: id,
        permission: Permission.CENTER_MANAGE,
        path: c.orgPath,
        detail: { ...dto, cancelledBookings: cancelled },
      });
      return { closureId: closure.id, cancelled: cancelled.length };
    });
  }

  /**
   * Withdraws a closure entered in error (wrong dates, wrong centre): the days it still covers can be booked again. The
   * visits it cancelled stay cancelled — their members were told and may have booked elsewhere — and one whose last
   * day has passed is the centre's history, refused with CLOSURE_ENDED.
   */
  async removeClosure(actor: Actor, id: number, closureId: number): Promise<{ reopenedFrom: string }> {
    return this.db.tx(async (em) => {
      const c = await this.findManaged(actor, id, em);
      const closure = await em.findOne(CenterClosure, { where: { id: closureId, centerId: id } });
      if (!closure) throw notFound('Closure not found');
      const today = shanghaiDate(new Date());
      if (closure.toDate < today) throw conflict(ErrorCode.CLOSURE_ENDED, 'This closure has ended; it is kept as the centre’s history');
      // Two withdrawals at once: the one that deletes the row answers, the other finds it gone.
      const gone = await em.createQueryBuilder().delete().from(CenterClosure).where('id = :closureId AND center_id = :id', { closureId, id }).execute();
      if (!gone.affected) throw notFound('Closure not found');
      await this.audit.record(em, actor, {
        action: 'center.reopen',
        targetType: 'serviceCenter',
        targetId: id,
        permission: Permission.CENTER_MANAGE,
        path: c.orgPath,
        detail: { fromDate: closure.fromDate, toDate: closure.toDate, reason: closure.reason },
      });
      return { reopenedFrom: closure.fromDate > today ? closure.fromDate : today };
    });
  }

  async closures(actor: Actor, id: number): Promise<CenterClosure[]> {
    await this.findManaged(actor, id);
    return this.db.em.find(CenterClosure, { where: { centerId: id }, order: { fromDate: 'DESC' }, take: 200 });
  }

  /** Per day, the slots a member could book now, with free places (capacity minus what is booked). */
  async availability(id: number, from: string, to: string): Promise<DayAvailability[]> {
    this.checkRange(from, to);
    const c = await this.find(id);
    const schedule = scheduleOf(c);
    // Plain SQL through Db: this is the page every member opens to book, and the query builder cost more than the query.
    const closures = await this.db.pick(CenterClosure, ['fromDate', 'toDate', 'reason'], 'center_id = ?', [id]);
    const rows = await this.db.pick(BookingSlot, ['startAt', 'capacity', 'booked'], 'center_id = ? AND start_at >= ? AND start_at < ?', [
      id,
      shanghaiInstant(from),
      shanghaiInstant(addDays(to, 1)),
    ]);
    const taken = new Map(rows.map((r) => [r.startAt.getTime(), r]));
    const now = new Date();
    const days: DayAvailability[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const { closed, slots } = c.active ? bookableSlots(schedule, closures, d, now) : { closed: { reason: 'CLOSURE' as const, detail: '暂停预约' }, slots: [] };
      days.push({
        date: d,
        closed,
        slots: slots.map((s) => {
          const row = taken.get(s.start.getTime());
          const capacity = row?.capacity ?? c.capacity;
          return { start: isoString(s.start), end: isoString(s.end), capacity, free: Math.max(0, capacity - (row?.booked ?? 0)) };
        }),
      });
    }
    return days;
  }

  /** The centre's bookings in a range (its day or week), for the administrators who run it. */
  async bookings(actor: Actor, id: number, from: string, to: string): Promise<BookingView[]> {
    this.checkRange(from, to);
    const c = await this.findManaged(actor, id);
    const rows = await this.db.em
      .createQueryBuilder(Booking, 'b')
      .where('b.centerId = :id AND b.startAt >= :from AND b.startAt < :to', { id, from: shanghaiInstant(from), to: shanghaiInstant(addDays(to, 1)) })
      .orderBy('b.startAt', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .take(3000)
      .getMany();
    return this.bookingViews(rows, [c]);
  }

  /** Bookings, attendance, no-shows and utilisation per centre in scope (the overview). */
  async stats(actor: Actor, from: string, to: string): Promise<CenterStats[]> {
    this.checkRange(from, to);
    const scopes = actor.scopes(Permission.CENTER_MANAGE);
    if (!scopes.length) return [];
    const centers = (await this.db.em.find(ServiceCenter, { order: { id: 'ASC' } })).filter((c) => scopes.some((s) => c.orgPath.startsWith(s)));
    if (!centers.length) return [];
    const counts: { center_id: number; status: string; n: number }[] = await this.db.query(
      `SELECT center_id, status, COUNT(*) AS n FROM bookings WHERE center_id IN (${centers.map(() => '?').join(',')}) AND start_at >= ? AND start_at < ? GROUP BY center_id, status`,
      [...centers.map((c) => c.id), shanghaiInstant(from), shanghaiInstant(addDays(to, 1))],
    );
    // A day the centre was closed offered no places: its visits were cancelled, and counting its places would
    // understate how full the open days were.
    const closures = await this.db.em.find(CenterClosure, { where: { centerId: In(centers.map((c) => c.id)), fromDate: LessThanOrEqual(to), toDate: MoreThanOrEqual(from) } });
    return centers.map((c) => {
      const n = (status: string) => Number(counts.find((r) => Number(r.center_id) === c.id && r.status === status)?.n ?? 0);
      const schedule = scheduleOf(c);
      const closed = (d: string) => closures.some((x) => x.centerId === c.id && x.fromDate <= d && d <= x.toDate);
      let offered = 0;
      for (let d = from; d <= to; d = addDays(d, 1)) if (!closed(d)) offered += slotsOn(schedule, d).length * c.capacity;
      const booked = n('BOOKED') + n('ATTENDED') + n('NO_SHOW');
      return {
        center: { id: c.id, name: c.name },
        bookings: booked,
        attended: n('ATTENDED'),
        noShows: n('NO_SHOW'),
        cancelled: n('CANCELLED'),
        offered,
        utilisation: offered ? Math.round((booked / offered) * 1000) / 1000 : 0,
      };
    });
  }

  /**
   * Cancels visits the centre cannot receive (a closure, a day entered off) and tells each member why. Returns the ids
   * it cancelled: a visit its member cancelled meanwhile is neither counted nor told.
   */
  async cancelVisits(em: EntityManager, bookings: Booking[], reason: string, cause: CancelCause): Promise<number[]> {
    const cancelled: number[] = [];
    const centers = new Map<number, ServiceCenter>();
    for (const b of bookings) {
      if (!(await this.releaseBooking(em, b, 'CANCELLED', reason))) continue;
      if (!centers.has(b.centerId)) centers.set(b.centerId, await this.find(b.centerId, em));
      await this.notifications.notify(em, [b.userId], cancelledNotice(b, centers.get(b.centerId)!, cause));
      cancelled.push(b.id);
    }
    return cancelled;
  }

  /**
   * Cancels a booked visit and frees its place. Returns false, changing nothing, when the visit was no longer booked:
   * two cancellations of one visit (a double tap, a member and a closure at once) must free its place once, or the
   * slot's counter would fall below its bookings and let one visit too many in.
   */
  async releaseBooking(em: EntityManager, b: Booking, status: 'CANCELLED', reason: string | null): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(Booking)
      .set({ status, cancelReason: reason, activeMemberId: null, activeTransferId: null, version: b.version + 1, updatedAt: new Date() })
      .where('id = :id AND status = :s', { id: b.id, s: 'BOOKED' })
      .execute();
    if (!r.affected) return false;
    await em.query('UPDATE booking_slots SET booked = booked - 1 WHERE id = ? AND booked > 0', [b.slotId]);
    // Whoever cancelled, the confirmation and reminder of a visit that will not happen no longer wait to be read.
    await this.notifications.settle(em, bookingLink(b.id), VISIT_NOTICE_KINDS);
    return true;
  }

  async bookingViews(rows: Booking[], centers: ServiceCenter[]): Promise<BookingView[]> {
    if (!rows.length) return [];
    const byId = new Map(centers.map((c) => [c.id, c]));
    const missing = [...new Set(rows.map((b) => b.centerId))].filter((id) => !byId.has(id));
    if (missing.length) for (const c of await this.db.em.find(ServiceCenter, { where: { id: In(missing) } })) byId.set(c.id, c);
    const names = new Map(
      (await this.db.em.find(Member, { select: { id: true, name: true }, where: { id: In([...new Set(rows.map((b) => b.memberId))]) } })).map((m) => [m.id, m.name]),
    );
    return rows.map((b) => toBookingView(b, byId.get(b.centerId)!, names.get(b.memberId) ?? ''));
  }

  private checkRange(from: string, to: string): void {
    if (to < from) throw invalidField('to', 'order', 'to must not be before from');
    if (to > addDays(from, MAX_RANGE_DAYS - 1)) throw badRequest(ErrorCode.VALIDATION_FAILED, `At most ${MAX_RANGE_DAYS} days at a time`, [{ field: 'to', constraint: 'range', message: `At most ${MAX_RANGE_DAYS} days` }]);
  }

  private async views(actor: Actor, centers: ServiceCenter[], memberPath: string | undefined): Promise<ServiceCenterView[]> {
    if (!centers.length) return [];
    const orgRows: { id: number; name: string; short_name: string }[] = await this.db.query(
      `SELECT id, name, short_name FROM organizations WHERE id IN (${centers.map(() => '?').join(',')})`,
      centers.map((c) => c.orgId),
    );
    const orgs = new Map(orgRows.map((o) => [Number(o.id), o]));
    // The member's own committee: the deepest centre organisation above their branch.
    const mineId = memberPath
      ? centers.filter((c) => memberPath.startsWith(c.orgPath)).sort((a, b) => b.orgPath.length - a.orgPath.length)[0]?.id
      : undefined;
    return centers.map((c) => {
      const o = orgs.get(c.orgId)!;
      return {
        id: c.id,
        org: { id: c.orgId, name: o.name, shortName: o.short_name },
        name: c.name,
        address: c.address,
        phone: c.phone,
        weeklyHours: JSON.parse(c.weeklyHours) as WeeklyHours,
        slotMinutes: c.slotMinutes,
        capacity: c.capacity,
        horizonDays: c.horizonDays,
        minNoticeMinutes: c.minNoticeMinutes,
        cancelCutoffMinutes: c.cancelCutoffMinutes,
        acceptsProxy: c.acceptsProxy,
        active: c.active,
        isMine: c.id === mineId,
        canManage: actor.covers(c.orgPath, Permission.CENTER_MANAGE),
        version: c.version,
      };
    });
  }
}
