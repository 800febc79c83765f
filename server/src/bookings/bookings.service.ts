import { HttpStatus, Injectable } from '@nestjs/common';
import { chinaDateTime, ErrorCode, isFinalState, Permission, type BookingView } from '@zhdj/shared';
import { createHash, randomInt } from 'node:crypto';
import { In, MoreThan, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { addDays, shanghaiDate } from '../common/calendar/china-calendar';
import { Db, toDate } from '../common/database/db.service';
import { isUniqueViolation } from '../common/database/db-errors';
import { AppException, conflict, forbidden, invalidField, notFound } from '../common/errors/app.exception';
import { NotificationsService } from '../notifications/notifications.service';
import { Transfer } from '../transfers/entities/transfer.entity';
import type { CreateBookingDto, RescheduleDto } from './dto/booking.dto';
import { BookingSlot } from './entities/booking-slot.entity';
import { Booking } from './entities/booking.entity';
import { CenterClosure } from './entities/center-closure.entity';
import type { ServiceCenter } from './entities/service-center.entity';
import { ServiceCentersService, scheduleOf } from './service-centers.service';
import { closedReason, slotAt, type PlannedSlot } from './slot-calendar';
import { bookingLink, cancelledNotice, confirmedNotice, ownCancellationNotice, rescheduledNotice, VISIT_NOTICE_KINDS } from './booking-notices';

/** Check-in codes avoid characters people confuse on paper or a phone screen (0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/**
 * What a booking request asked for, as a hash kept with the booking its Idempotency-Key made: the fields that decide
 * the booking, normalised as the booking stores them (the start as an instant, the texts trimmed), so a retry of the
 * same request matches however its time was written, and another request under the same key does not.
 */
export function bookingRequestHash(dto: CreateBookingDto): string {
  const start = new Date(dto.start);
  const fields = [dto.serviceCenterId, Number.isNaN(start.getTime()) ? dto.start : start.toISOString(), dto.purpose, dto.transferId ?? null, dto.proxyName?.trim() || null, dto.note?.trim() ?? ''];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** A centre's notice or cut-off in words: "1 minute", "90 minutes" (a 0 is worded by the caller, not as "0 minutes"). */
const minutes = (n: number) => `${n} minute${n === 1 ? '' : 's'}`;

const refuse = (status: number, code: ErrorCode, message: string, details?: unknown) => new AppException(status, code, message, details);
const slotFull = () => refuse(HttpStatus.CONFLICT, ErrorCode.SLOT_FULL, 'That time is fully booked; please choose another');

/**
 * A visit already marked, asked to be marked again (a second tap, a code typed twice, two windows at once): said as
 * what it is, so the window neither doubts the code nor thinks the visit was cancelled.
 */
const alreadyMarked = (status: string) =>
  status === 'ATTENDED'
    ? conflict(ErrorCode.ALREADY_CHECKED_IN, 'This visit is already checked in')
    : status === 'NO_SHOW'
      ? conflict(ErrorCode.ALREADY_NO_SHOW, 'This visit is already marked as a no-show; undo the mark from its line to check it in')
      : null;

/**
 * Bookings. A place is taken with `UPDATE booking_slots SET booked = booked + 1 WHERE id = ? AND booked < capacity`
 * inside the booking's transaction: the database decides who gets the last place, on SQLite and MySQL alike.
 */
@Injectable()
export class BookingsService {
  constructor(
    private readonly db: Db,
    private readonly centers: ServiceCentersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateBookingDto, idempotencyKey: string | undefined): Promise<{ booking: BookingView; replayed: boolean }> {
    const memberId = this.memberOf(actor);
    const requestHash = idempotencyKey ? bookingRequestHash(dto) : null;
    if (idempotencyKey) {
      const existing = await this.byKey(actor.userId, idempotencyKey);
      if (existing) return { booking: await this.replay(existing, requestHash), replayed: true };
    }
    const center = await this.centers.find(dto.serviceCenterId);
    const slot = await this.checkSlot(center, new Date(dto.start));
    if (dto.proxyName && !center.acceptsProxy) {
      throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.PROXY_NOT_ACCEPTED, 'This centre does not accept visits on someone else’s behalf');
    }
    if (dto.transferId !== undefined) {
      const [t] = await this.db.pick(Transfer, ['memberId', 'state'], 'id = ?', [dto.transferId]);
      if (!t || t.memberId !== memberId) throw invalidField('transferId', 'own', 'Not one of your transfers');
      // A finished transfer (completed, rejected, withdrawn) has no materials to hand in and no letter to collect: a
      // visit for it would take a window's place for nothing, and it is the transfer's state, not the field, that refuses.
      if (isFinalState(t.state)) {
        throw conflict(ErrorCode.TRANSFER_STATE_CONFLICT, 'This transfer has ended; a visit can no longer be booked for it', { state: t.state });
      }
    }
    const place = await this.slotRow(center, slot);
    // When a popular time opens, most attempts arrive after it has filled: each is told so from one read, without
    // queueing for SQLite's one writer or locking the row on MySQL, and with the answer it would get in the
    // transaction (a member who already holds an overlapping visit hears that first; a retry is answered below). A
    // place is still only ever taken by the conditional UPDATE in the transaction.
    try {
      if (place.booked >= place.capacity) {
        await this.checkNotBooked(this.db.em, memberId, center.id, slot, null, dto);
        throw slotFull();
      }
      const id = await this.db.tx(async (em) => {
        await this.lockMember(em, memberId);
        await this.checkNotBooked(em, memberId, center.id, slot, null, dto);
        await this.takePlace(em, place.id);
        const now = new Date();
        const booking = em.create(Booking, {
          centerId: center.id,
          slotId: place.id,
          memberId,
          userId: actor.userId,
          startAt: slot.start,
          endAt: slot.end,
          purpose: dto.purpose,
          status: 'BOOKED',
          checkInCode: await this.uniqueCode(em, center.id),
          transferId: dto.transferId ?? null,
          activeMemberId: memberId,
          activeTransferId: dto.transferId ?? null,
          idempotencyKey: idempotencyKey ?? null,
          idempotencyHash: requestHash,
          note: dto.note?.trim() ?? '',
          proxyName: dto.proxyName?.trim() ?? null,
          cancelReason: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
          attendedAt: null,
        });
        await em.insert(Booking, booking);
        await this.audit.record(em, actor, {
          action: 'booking.create',
          targetType: 'booking',
          targetId: booking.id,
          detail: { centerId: center.id, start: slot.start.toISOString(), purpose: dto.purpose, transferId: dto.transferId ?? null },
        });
        await this.notifications.notify(em, [actor.userId], confirmedNotice(booking, center));
        return booking.id;
      });
      const [made] = await this.db.load(Booking, 'id = ?', [id]);
      return { booking: await this.view(made, center), replayed: false };
    } catch (e) {
      // A retry with the same key raced the first request. Depending on which of the two committed first, the retry
      // fails on the key's unique index, on the overlap check (it sees the first booking) or on a full slot; in every
      // case the answer is the booking the first one made.
      if (idempotencyKey) {
        const existing = await this.byKey(actor.userId, idempotencyKey);
        if (existing) return { booking: await this.replay(existing, requestHash), replayed: true };
      }
      if (!isUniqueViolation(e)) throw e;
      throw refuse(HttpStatus.CONFLICT, ErrorCode.DUPLICATE_BOOKING, 'You already have a booking at that time');
    }
  }

  /** Moves a booking: the new place is taken before the old one is released, so a full new slot keeps the old one. */
  async reschedule(actor: Actor, id: number, dto: RescheduleDto): Promise<BookingView> {
    const b = await this.findOwn(actor, id);
    const center = await this.centers.find(b.centerId);
    this.checkChangeable(b, center);
    const slot = await this.checkSlot(center, new Date(dto.start));
    if (slot.start.getTime() === b.startAt.getTime()) return this.view(b, center);
    const { id: slotId } = await this.slotRow(center, slot);
    try {
      await this.db.tx(async (em) => {
        await this.lockMember(em, b.memberId);
        await this.checkNotBooked(em, b.memberId, b.centerId, slot, b.id);
        await this.takePlace(em, slotId);
        const r = await em
          .createQueryBuilder()
          .update(Booking)
          .set({ slotId, startAt: slot.start, endAt: slot.end, version: b.version + 1, updatedAt: new Date() })
          .where('id = :id AND version = :version AND status = :s', { id, version: dto.version, s: 'BOOKED' })
          .execute();
        if (!r.affected) throw conflict(ErrorCode.CONFLICT, 'This booking changed since you opened it; reload and try again');
        await em.query('UPDATE booking_slots SET booked = booked - 1 WHERE id = ? AND booked > 0', [b.slotId]);
        await this.audit.record(em, actor, { action: 'booking.reschedule', targetType: 'booking', targetId: id, detail: { from: b.startAt.toISOString(), to: slot.start.toISOString() } });
        // The confirmation and any reminder name the old time: settled, and the new time confirmed in their place.
        await this.notifications.settle(em, bookingLink(id), VISIT_NOTICE_KINDS);
        await this.notifications.notify(em, [b.userId], rescheduledNotice({ ...b, startAt: slot.start }, center, b.startAt));
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw refuse(HttpStatus.CONFLICT, ErrorCode.DUPLICATE_BOOKING, 'You already have a booking at that time');
      throw e;
    }
    return this.view(await this.db.em.findOneByOrFail(Booking, { id }), center);
  }

  /** The member cancels until the cut-off; the centre's administrators may cancel any time, and the member is told. */
  async cancel(actor: Actor, id: number, reason: string | undefined): Promise<BookingView> {
    const b = await this.db.em.findOne(Booking, { where: { id } });
    if (!b) throw notFound('Booking');
    const center = await this.centers.find(b.centerId);
    const own = b.memberId === actor.memberId;
    const admin = actor.covers(center.orgPath, Permission.CENTER_MANAGE);
    if (!own && !admin) throw notFound('Booking');
    const notBooked = () => conflict(ErrorCode.BOOKING_NOT_CHANGEABLE, 'Only a booked visit can be cancelled');
    if (b.status !== 'BOOKED') throw notBooked();
    if (!admin) this.checkChangeable(b, center);
    if (!own && !reason?.trim()) throw invalidField('reason', 'required', 'Tell the member why their visit is cancelled');
    await this.db.tx(async (em) => {
      // Read above, the visit may have been cancelled since (a second tap of the same button): then nothing is changed.
      if (!(await this.centers.releaseBooking(em, b, 'CANCELLED', reason?.trim() || null))) throw notBooked();
      await this.audit.record(em, actor, { action: 'booking.cancel', targetType: 'booking', targetId: id, permission: own ? undefined : Permission.CENTER_MANAGE, path: center.orgPath, detail: { reason: reason ?? null } });
      if (own) {
        await this.notifications.notify(em, [b.userId], ownCancellationNotice(b, center));
      } else {
        await this.notifications.notify(em, [b.userId], cancelledNotice(b, center, { kind: 'admin', reason: reason!.trim() }));
      }
    });
    return this.view(await this.db.em.findOneByOrFail(Booking, { id }), center);
  }

  /** A booking at a centre the actor runs. Outside those, it is as unknown as one that does not exist (not "centre not found"). */
  private async managed(actor: Actor, id: number): Promise<{ b: Booking; center: ServiceCenter }> {
    const b = await this.db.em.findOne(Booking, { where: { id } });
    const center = b ? await this.centers.find(b.centerId) : null;
    if (!b || !center || !actor.covers(center.orgPath, Permission.CENTER_MANAGE)) throw notFound('Booking');
    return { b, center };
  }

  /** The centre marks a visit attended (from the day list, or by the check-in code) or a no-show. */
  async mark(actor: Actor, id: number, status: 'ATTENDED' | 'NO_SHOW'): Promise<BookingView> {
    const { b, center } = await this.managed(actor, id);
    const marked = alreadyMarked(b.status);
    if (marked) throw marked;
    const now = new Date();
    if (status === 'NO_SHOW' && b.endAt > now) throw conflict(ErrorCode.BOOKING_NOT_CHANGEABLE, 'A no-show can be marked only after the visit’s time has passed');
    if (status === 'ATTENDED' && shanghaiDate(b.startAt) !== shanghaiDate(now)) throw conflict(ErrorCode.BOOKING_NOT_CHANGEABLE, 'Check-in is on the day of the visit');
    await this.db.tx(async (em) => {
      const r = await em
        .createQueryBuilder()
        .update(Booking)
        .set({ status, activeMemberId: null, activeTransferId: null, attendedAt: status === 'ATTENDED' ? now : null, version: b.version + 1, updatedAt: now })
        .where('id = :id AND status = :s', { id, s: 'BOOKED' })
        .execute();
      if (!r.affected) {
        // Marked or cancelled since it was read above (two windows at once): said as what it now is.
        const [current] = await em.query<{ status: string }[]>('SELECT status FROM bookings WHERE id = ?', [id]);
        throw alreadyMarked(current?.status ?? '') ?? conflict(ErrorCode.BOOKING_NOT_CHANGEABLE, 'This visit is no longer booked');
      }
      // Who came (or did not), where and for what, in the record itself: the booking's number alone told an auditor nothing.
      const [who] = await em.query<{ name: string }[]>('SELECT name FROM members WHERE id = ?', [b.memberId]);
      await this.audit.record(em, actor, {
        action: status === 'ATTENDED' ? 'booking.attend' : 'booking.noShow',
        targetType: 'booking',
        targetId: id,
        permission: Permission.CENTER_MANAGE,
        path: center.orgPath,
        detail: { member: who?.name ?? '', center: center.name, start: chinaDateTime(b.startAt), purpose: b.purpose },
      });
    });
    return this.view(await this.db.em.findOneByOrFail(Booking, { id }), center);
  }

  /**
   * A check-in or no-show marked by mistake (the wrong line tapped at the window), undone until the end of the visit's
   * day: the visit is booked again, as it was. Audited with the mark it undid. Refused if the member has since taken
   * another place for the same purpose of the same transfer (the place this one held is theirs again otherwise).
   */
  async undoMark(actor: Actor, id: number): Promise<BookingView> {
    const { b, center } = await this.managed(actor, id);
    if (b.status !== 'ATTENDED' && b.status !== 'NO_SHOW') throw conflict(ErrorCode.BOOKING_NOT_CHANGEABLE, 'Only a check-in or a no-show can be undone');
    const now = new Date();
    if (shanghaiDate(b.startAt) !== shanghaiDate(now)) throw conflict(ErrorCode.BOOKING_NOT_CHANGEABLE, 'A mark can be undone only on the day of the visit');
    const undone = b.status;
    try {
      await this.db.tx(async (em) => {
        const r = await em
          .createQueryBuilder()
          .update(Booking)
          .set({ status: 'BOOKED', activeMemberId: b.memberId, activeTransferId: b.transferId, attendedAt: null, version: b.version + 1, updatedAt: now })
          .where('id = :id AND status = :s', { id, s: undone })
          .execute();
        if (!r.affected) throw conflict(ErrorCode.BOOKING_NOT_CHANGEABLE, 'This visit was changed meanwhile');
        await this.audit.record(em, actor, { action: 'booking.undoMark', targetType: 'booking', targetId: id, permission: Permission.CENTER_MANAGE, path: center.orgPath, detail: { undone } });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(ErrorCode.BOOKING_NOT_CHANGEABLE, 'The member has since booked another visit for this: it cannot be booked again');
      throw e;
    }
    return this.view(await this.db.em.findOneByOrFail(Booking, { id }), center);
  }

  async checkIn(actor: Actor, centerId: number, code: string): Promise<BookingView> {
    const center = await this.centers.findManaged(actor, centerId);
    const b = await this.db.em.findOne(Booking, { where: { centerId: center.id, checkInCode: code.toUpperCase() } });
    const today = !!b && shanghaiDate(b.startAt) === shanghaiDate(new Date());
    // Today's visit already checked in or marked a no-show: the code is right, and the window is told what happened.
    const marked = today ? alreadyMarked(b.status) : null;
    if (marked) throw marked;
    if (!b || !today || b.status !== 'BOOKED') {
      throw refuse(HttpStatus.NOT_FOUND, ErrorCode.CHECK_IN_CODE_UNKNOWN, 'No visit booked here today with this code');
    }
    return this.mark(actor, b.id, 'ATTENDED');
  }

  async mine(actor: Actor, includePast = false): Promise<BookingView[]> {
    const memberId = this.memberOf(actor);
    const rows = await this.db.em.find(Booking, {
      where: includePast ? { memberId } : { memberId, startAt: MoreThan(new Date(Date.now() - 86400_000)) },
      order: { startAt: includePast ? 'DESC' : 'ASC' },
      take: 100,
    });
    return this.centers.bookingViews(rows, []);
  }

  /** A booking the member made, or that the centre's administrators run; 404 for anyone else. */
  private async findVisible(actor: Actor, id: number): Promise<{ booking: Booking; center: ServiceCenter }> {
    const b = await this.db.em.findOne(Booking, { where: { id } });
    if (!b) throw notFound('Booking');
    const center = await this.centers.find(b.centerId);
    if (b.memberId !== actor.memberId && !actor.covers(center.orgPath, Permission.CENTER_MANAGE)) throw notFound('Booking');
    return { booking: b, center };
  }

  /** The view of a booking the actor may see (findVisible), with the centre it has just read. */
  async visibleView(actor: Actor, id: number): Promise<BookingView> {
    const { booking, center } = await this.findVisible(actor, id);
    return this.view(booking, center);
  }

  /** The booking as its owner and the centre see it; `center`, when the caller has just read it, is not read again. */
  async view(b: Booking, center?: ServiceCenter): Promise<BookingView> {
    return (await this.centers.bookingViews([b], center ? [center] : []))[0];
  }

  /** The booking a request with this Idempotency-Key already made, if any. */
  private async byKey(userId: number, key: string): Promise<Booking | undefined> {
    const [b] = await this.db.load(Booking, 'user_id = ? AND idempotency_key = ?', [userId, key]);
    return b;
  }

  /**
   * The answer to a request whose Idempotency-Key already made a booking: that booking, when the request is the same
   * one again; a refusal when the key comes with another request (a client reusing keys would otherwise be told its
   * new booking was made, when it was not). A booking made before requests were hashed is answered as before.
   */
  private async replay(existing: Booking, requestHash: string | null): Promise<BookingView> {
    if (existing.idempotencyHash && existing.idempotencyHash !== requestHash) {
      throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for a different booking request; send a new key for a new request');
    }
    return this.view(existing);
  }

  private memberOf(actor: Actor): number {
    if (actor.memberId === null) throw forbidden('Only members book visits for themselves');
    return actor.memberId;
  }

  private async findOwn(actor: Actor, id: number): Promise<Booking> {
    const b = await this.db.em.findOne(Booking, { where: { id } });
    if (!b || b.memberId !== actor.memberId) throw notFound('Booking');
    return b;
  }

  private checkChangeable(b: Booking, center: ServiceCenter): void {
    if (b.status !== 'BOOKED') throw conflict(ErrorCode.BOOKING_NOT_CHANGEABLE, 'This visit is no longer booked');
    if (Date.now() > b.startAt.getTime() - center.cancelCutoffMinutes * 60_000) {
      const until = center.cancelCutoffMinutes ? `${minutes(center.cancelCutoffMinutes)} before the visit` : 'the visit begins';
      throw refuse(HttpStatus.CONFLICT, ErrorCode.TOO_LATE, `Changes are possible until ${until}; please call the centre`);
    }
  }

  /** Every rule a requested time must meet, each with its own code. */
  private async checkSlot(center: ServiceCenter, start: Date): Promise<PlannedSlot> {
    if (Number.isNaN(start.getTime())) throw invalidField('start', 'date', 'start must be a date-time');
    if (!center.active) throw refuse(HttpStatus.CONFLICT, ErrorCode.CENTER_CLOSED, 'This centre is not taking bookings');
    const schedule = scheduleOf(center);
    const now = new Date();
    if (start.getTime() < now.getTime() + center.minNoticeMinutes * 60_000) {
      throw refuse(HttpStatus.CONFLICT, ErrorCode.TOO_LATE, center.minNoticeMinutes ? `Book at least ${minutes(center.minNoticeMinutes)} ahead` : 'That time has already begun; please choose a later one');
    }
    const closures = await this.db.pick(CenterClosure, ['fromDate', 'toDate', 'reason'], 'center_id = ?', [center.id]);
    const closed = closedReason(schedule, closures, shanghaiDate(start), now);
    if (closed?.reason === 'BEYOND_HORIZON') throw refuse(HttpStatus.CONFLICT, ErrorCode.BEYOND_HORIZON, `Bookings open ${center.horizonDays} days ahead`);
    if (closed) throw refuse(HttpStatus.CONFLICT, ErrorCode.CENTER_CLOSED, closed.detail ? `The centre is closed that day: ${closed.detail}` : 'The centre is closed that day', closed);
    const slot = slotAt(schedule, start);
    if (!slot) throw refuse(HttpStatus.CONFLICT, ErrorCode.OUTSIDE_HOURS, 'That is not one of the centre’s bookable times');
    return slot;
  }

  /**
   * The slot's row: its id, capacity and places taken. It is created the first time someone books that time, in a
   * transaction of its own before the booking's, so concurrent first bookings never deadlock creating it (MySQL) and
   * the row never rides in, and rolls back with, another request's transaction (SQLite's one connection).
   */
  private async slotRow(center: ServiceCenter, slot: PlannedSlot): Promise<{ id: number; capacity: number; booked: number }> {
    const find = () => this.db.pick(BookingSlot, ['id', 'capacity', 'booked'], 'center_id = ? AND start_at = ?', [center.id, slot.start]);
    const [row] = await find();
    if (row) return row;
    const ignore = this.db.sqlite ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    await this.db.tx((em) => em.query(`${ignore} INTO booking_slots (center_id, start_at, end_at, capacity, booked) VALUES (?, ?, ?, ?, 0)`, [center.id, slot.start, slot.end, center.capacity]));
    const [created] = await find();
    return created;
  }

  /** Takes one place in the slot, or refuses: the database decides who gets the last one. */
  private async takePlace(em: EntityManager, slotId: number): Promise<void> {
    if (!(await this.db.run('UPDATE booking_slots SET booked = booked + 1 WHERE id = ? AND booked < capacity', [slotId], em))) throw slotFull();
  }

  /**
   * A member's bookings are decided one at a time (MySQL; SQLite has one writer): the checks below read the member's
   * own visits, and two requests at once (two phones, a double tap on two times) would each pass them unseen by the
   * other. The unique (member, start) index catches only the same time.
   */
  private async lockMember(em: EntityManager, memberId: number): Promise<void> {
    if (!this.db.sqlite) await em.query('SELECT id FROM members WHERE id = ? FOR UPDATE', [memberId]);
  }

  /**
   * Refuses a member a second visit at an overlapping time, or a second visit to the same centre on the same day
   * (`except`: the booking being moved), and, for a booking made for a transfer, a second one for the same purpose.
   * One visit a day per centre keeps one member from holding several of a popular day's places; a member who needs
   * another time moves their visit.
   */
  private async checkNotBooked(em: EntityManager, memberId: number, centerId: number, slot: PlannedSlot, except: number | null, forTransfer?: { transferId?: number; purpose: string }): Promise<void> {
    // One read of the member's booked visits that reach into the slot's day (in China) answers both questions: an
    // overlapping visit lies in it, at any centre, and so does another visit to this centre that day.
    // `active_member_id` is the member while a visit is booked and null after (a cancel, an attendance, a no-show), so
    // this reads only the member's own booked visits through their index. Written as `member_id = ? AND status =
    // 'BOOKED'`, SQLite (which has no statistics here) chose the (status, start) index instead and read every booked
    // visit in the county starting before this one: at ten times the county a booking attempt took 5 ms.
    const day = shanghaiDate(slot.start);
    const [dayStart, dayEnd] = [new Date(`${day}T00:00:00+08:00`), new Date(`${addDays(day, 1)}T00:00:00+08:00`)];
    const held = (
      await this.db.query<{ id: number; center_id: number; start_at: unknown; end_at: unknown }>(
        'SELECT id, center_id, start_at, end_at FROM bookings WHERE active_member_id = ? AND start_at < ? AND end_at > ?',
        [memberId, dayEnd, dayStart],
        em,
      )
    )
      .filter((o) => Number(o.id) !== except)
      .map((o) => ({ centerId: Number(o.center_id), start: toDate(o.start_at)!, end: toDate(o.end_at)! }));
    if (held.some((o) => o.start < slot.end && o.end > slot.start)) {
      throw refuse(HttpStatus.CONFLICT, ErrorCode.DUPLICATE_BOOKING, 'You already have a booking at an overlapping time');
    }
    if (held.some((o) => o.centerId === centerId && o.start >= dayStart)) {
      throw refuse(HttpStatus.CONFLICT, ErrorCode.SAME_DAY_BOOKING, 'You already have a visit at this centre that day; move it to another time instead');
    }
    if (forTransfer?.transferId !== undefined) {
      const [taken] = await this.db.query('SELECT 1 AS one FROM bookings WHERE active_transfer_id = ? AND purpose = ? LIMIT 1', [forTransfer.transferId, forTransfer.purpose], em);
      if (taken) throw refuse(HttpStatus.CONFLICT, ErrorCode.DUPLICATE_BOOKING, 'This transfer already has a booking for that purpose');
    }
  }

  private async uniqueCode(em: EntityManager, centerId: number): Promise<string> {
    for (;;) {
      const code = newCode();
      if (!(await this.db.query('SELECT id FROM bookings WHERE center_id = ? AND check_in_code = ?', [centerId, code], em)).length) return code;
    }
  }

  /** Bookings for transfers, e.g. to show on the tracker. */
  async forTransfers(transferIds: number[]): Promise<Booking[]> {
    return transferIds.length ? this.db.em.find(Booking, { where: { transferId: In(transferIds) }, order: { startAt: 'DESC' } }) : [];
  }
}
