import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CALENDAR_FIRST_YEAR, CALENDAR_YEARS_AHEAD, isCalendarDate, Permission, type CalendarDay as CalendarDayView, type CalendarDayBookings, type CalendarDayInput, type CalendarDaySaved, type CalendarYear } from '@zhdj/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Booking } from '../bookings/entities/booking.entity';
import { ServiceCentersService } from '../bookings/service-centers.service';
import { SYSTEM_ACTOR, type Actor } from '../common/actor';
import { addDays, officialCalendarKnows, officialHolidayName, officialWorkingDay, shanghaiDate, shanghaiInstant, statutoryHolidays, useCalendarOverrides } from '../common/calendar/china-calendar';
import { isoString } from '../common/calendar/iso-string';
import { isUniqueViolation } from '../common/database/db-errors';
import { Db } from '../common/database/db.service';
import { invalidField, notFound } from '../common/errors/app.exception';
import { CalendarDay } from './entities/calendar-day.entity';

/** How often a process re-reads the entered days, so that every instance of the API follows a change made on another. */
const RELOAD_EVERY_MS = 60_000;

/**
 * The county's working-day calendar: days its administrators enter where the official package lacks a year (the
 * State Council announces each year's holidays in the November before) or needs a correction. Deadlines computed from
 * now on and the booking calendar follow them at once; deadlines already set stay as they were.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly log = new Logger(CalendarService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly centers: ServiceCentersService,
  ) {}

  async onModuleInit(): Promise<void> {
    // A database not migrated yet (the tests build the schema after start-up) has no days entered: the next reload
    // reads them.
    await this.reload().catch(() => undefined);
    this.timer = setInterval(() => void this.reload().catch(() => undefined), RELOAD_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Puts the entered days in force in this process, then cancels any visit still booked on a coming day entered off.
   * Another instance of the API accepts bookings by its own copy of the days until its next reload: a visit it
   * took for a day just entered off is cancelled here (by whichever instance reloads first), and its member told.
   */
  async reload(): Promise<void> {
    const rows = await this.db.em.find(CalendarDay);
    useCalendarOverrides(rows.map((r) => [r.date, { working: Boolean(r.working), name: r.name }] as const));
    const today = shanghaiDate(new Date());
    for (const day of rows) {
      if (day.working || day.date < today) continue;
      // Almost always none: one look through the index, outside any transaction, before taking the writer.
      const [from, to] = stillToCome(day.date);
      if (!(await this.db.pick(Booking, ['id'], 'status = ? AND start_at >= ? AND start_at < ?', ['BOOKED', from, to], { tail: 'LIMIT 1' })).length) continue;
      const cancelled = await this.db.tx(async (em) => {
        const ids = await this.cancelVisitsOn(em, day.date, dayOff(day.name));
        if (ids.length) {
          await this.audit.record(em, SYSTEM_ACTOR, {
            action: 'calendar.day.sweep',
            targetType: 'calendarDay',
            targetId: day.date,
            detail: { working: false, name: day.name, cancelledBookings: ids },
          });
        }
        return ids;
      });
      if (cancelled.length) this.log.log(`${day.date} (${day.name}) is off: cancelled ${cancelled.length} visits booked on another instance`);
    }
  }

  async year(year: number): Promise<CalendarYear> {
    this.checkYear(year, 'year');
    const rows = await this.db.em
      .createQueryBuilder(CalendarDay, 'd')
      .where('d.date >= :from AND d.date <= :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .orderBy('d.date', 'ASC')
      .getMany();
    const officialKnown = officialCalendarKnows(year);
    const statutory = officialKnown ? [] : [...statutoryHolidays(year)].map(([date, holidays]) => ({ date, holidays: [...holidays] }));
    return { year, officialKnown, statutory, days: rows.map(view) };
  }

  /**
   * Enters (or changes) a day. A day newly off cancels the visits booked for it from now on, and tells their members,
   * as a centre's closure does; a day newly worked opens its slots.
   */
  async put(actor: Actor, date: string, input: CalendarDayInput): Promise<CalendarDaySaved> {
    this.checkDate(date);
    const name = input.name.trim();
    const work = async (em: EntityManager): Promise<{ row: CalendarDay; cancelled: number[] }> => {
      const [existing] = await em.find(CalendarDay, { where: { date } });
      const before = existing ? { working: Boolean(existing.working), name: existing.name } : null;
      const row = existing ?? em.create(CalendarDay, { date });
      Object.assign(row, { working: input.working, name, updatedByUserId: actor.userId, updatedAt: new Date() });
      await em.save(CalendarDay, row);
      const cancelled = input.working ? [] : await this.cancelVisitsOn(em, date, dayOff(name));
      await this.audit.record(em, actor, {
        action: before ? 'calendar.day.update' : 'calendar.day.create',
        targetType: 'calendarDay',
        targetId: date,
        permission: Permission.CALENDAR_MANAGE,
        detail: { before, after: { working: input.working, name }, cancelledBookings: cancelled },
      });
      return { row, cancelled };
    };
    // Two administrators entering the same new date at once: the second insert meets the first's row (on MySQL;
    // SQLite runs one transaction at a time) and its transaction rolls back whole, so it runs again as a change.
    const saved = await this.db.tx(work).catch((e: unknown) => (isUniqueViolation(e, 'uq_calendar_days_date') || isUniqueViolation(e, 'calendar_days.date') ? this.db.tx(work) : Promise.reject(e)));
    await this.reload();
    return { ...view(saved.row), cancelledBookings: saved.cancelled.length };
  }

  /**
   * Removes an entered day: the date follows the official calendar again. A make-up working day removed on a date
   * the official calendar has off (a weekend, a holiday) closes it: the visits booked for it are cancelled and their
   * members told, as when a day is entered off.
   */
  async remove(actor: Actor, date: string): Promise<void> {
    this.checkDate(date);
    await this.db.tx(async (em) => {
      const [row] = await em.find(CalendarDay, { where: { date } });
      if (!row) throw notFound('Calendar day');
      await em.delete(CalendarDay, { id: row.id });
      const closes = Boolean(row.working) && !officialWorkingDay(date);
      const cancelled = closes ? await this.cancelVisitsOn(em, date, `不再调休上班（${officialHolidayName(date) ?? '周末休息'}）`) : [];
      await this.audit.record(em, actor, {
        action: 'calendar.day.delete',
        targetType: 'calendarDay',
        targetId: date,
        permission: Permission.CALENDAR_MANAGE,
        detail: { before: { working: Boolean(row.working), name: row.name }, cancelledBookings: cancelled },
      });
    });
    await this.reload();
  }

  /** What entering `date` as a day off would cancel: its visits still to come, and at how many centres. */
  async bookingsOn(date: string): Promise<CalendarDayBookings> {
    this.checkDate(date);
    const [from, to] = stillToCome(date);
    const [r] = await this.db.em.query<{ n: number | string; c: number | string }[]>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT center_id) AS c FROM bookings WHERE status = ? AND start_at >= ? AND start_at < ?',
      ['BOOKED', from, to],
    );
    return { date, bookings: Number(r.n), centers: Number(r.c), officialWorking: officialWorkingDay(date) };
  }

  /** Cancels the visits still to come on a day that is now closed; `why` says why (元旦放假, 不再调休上班…). */
  private async cancelVisitsOn(em: EntityManager, date: string, why: string): Promise<number[]> {
    const [from, to] = stillToCome(date);
    const affected = await em.createQueryBuilder(Booking, 'b').where('b.status = :s AND b.startAt >= :from AND b.startAt < :to', { s: 'BOOKED', from, to }).getMany();
    return this.centers.cancelVisits(em, affected, why, { kind: 'dayOff', date, why });
  }

  private checkYear(year: number, field: string): void {
    const last = Number(shanghaiDate(new Date()).slice(0, 4)) + CALENDAR_YEARS_AHEAD;
    if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > last) {
      throw invalidField(field, 'range', `Only the years ${CALENDAR_FIRST_YEAR} to ${last} can be entered`);
    }
  }

  private checkDate(date: string): void {
    // A real calendar date (2027-02-30 is not one), then a year that can be entered.
    if (!isCalendarDate(date)) throw invalidField('date', 'isDate', 'date must be a real YYYY-MM-DD date');
    this.checkYear(Number(date.slice(0, 4)), 'date');
  }
}

/** A day entered off, as a notice says it: 元旦放假 (a name already saying 放假 is not doubled). */
const dayOff = (name: string): string => (name.endsWith('放假') ? name : `${name}放假`);

/** The part of a day still to come: visits that began before now are left as they were. */
const stillToCome = (date: string): [Date, Date] => [new Date(Math.max(shanghaiInstant(date).getTime(), Date.now())), shanghaiInstant(addDays(date, 1))];

const view = (r: CalendarDay): CalendarDayView => ({ date: r.date, working: Boolean(r.working), name: r.name, updatedAt: isoString(r.updatedAt) });
