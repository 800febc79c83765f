import { DEFAULT_WEEKLY_HOURS } from '@zhdj/shared';
import { expect } from 'vitest';
import { User } from '../../src/auth/entities/user.entity';
import { PasswordService } from '../../src/auth/password.service';
import { Db } from '../../src/common/database/db.service';
import { MemberWriter } from '../../src/members/member-writer';
import { memberInput } from '../factories/mini-county';
import { CHANGES_ONLY } from './http';
import type { TestApp } from './test-app';

/**
 * A service centre of committee A with the given slot length and places per slot, and `members` new members of branch
 * A2, each logged in with their own account: the booking specs' fixture. Returns the centre's id and the members'
 * access tokens, in the order the members were created.
 */
export async function centreWithMembers(t: TestApp, opts: { name: string; slotMinutes: number; capacity: number; members: number }): Promise<{ centerId: number; tokens: string[] }> {
  const centerId = await addCentre(t, opts);
  const db = t.app.get(Db);
  const hash = await t.app.get(PasswordService).hash(t.county.password);
  const ids = await db.tx((em) => t.app.get(MemberWriter).insert(em, Array.from({ length: opts.members }, (_, i) => memberInput(`党员${i}`, t.county.orgs.branchA2)), hash));
  const users = await db.em.find(User, { where: ids.map((memberId) => ({ memberId })), order: { id: 'ASC' } });
  const tokens: string[] = [];
  for (const u of users) {
    const r = await t.http.post('/api/auth/login').send({ username: u.username, password: t.county.password });
    tokens.push(r.body.accessToken);
  }
  return { centerId, tokens };
}

/** A service centre of committee A (weekday hours, a fortnight ahead, an hour's notice), added by its administrator. */
export async function addCentre(t: TestApp, opts: { name: string; slotMinutes: number; capacity: number }): Promise<number> {
  const created = await t.http
    .post('/api/service-centers')
    .set(await t.as('committeeA'))
    .send({ orgId: t.county.orgs.committeeA.id, name: opts.name, weeklyHours: DEFAULT_WEEKLY_HOURS, slotMinutes: opts.slotMinutes, capacity: opts.capacity, horizonDays: 14, minNoticeMinutes: 60, cancelCutoffMinutes: 60, acceptsProxy: true });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

/** What a refused booking must leave unchanged: bookings, audit records, notifications and places taken. */
export async function bookingTally(t: TestApp): Promise<Record<string, number>> {
  const [row] = await t.ds.query(
    `SELECT (SELECT COUNT(*) FROM bookings) AS bookings, (SELECT COUNT(*) FROM audit_log WHERE ${CHANGES_ONLY}) AS audit,
            (SELECT COUNT(*) FROM notifications) AS notes, (SELECT COALESCE(SUM(booked), 0) FROM booking_slots) AS places`,
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}
