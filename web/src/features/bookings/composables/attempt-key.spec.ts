import type { BookingView } from '@zhdj/shared';
import { AxiosHeaders, type AxiosAdapter } from 'axios';
import { describe, expect, it } from 'vitest';
import { apiError, fakeServer } from '@/test/fake-server';
import { withLoggedInApi } from '@/test/logged-in-api';
import { createBooking, type NewBooking } from '../api';
import { createAttemptKeys } from './attempt-key';

/**
 * A stand-in for POST /api/bookings: it keeps bookings by Idempotency-Key like the server (a known key answers 200
 * with the same booking), and can lose its answer once after booking, as a dropped mobile connection would.
 */
function bookingApi(options: { loseFirstAnswer?: boolean; refuse?: string } = {}) {
  const byKey = new Map<string, BookingView>();
  const keys: (string | null)[] = [];
  let lost = false;
  let nextId = 100;
  const server = fakeServer((req) => {
    const key = currentKey;
    keys.push(key);
    if (options.refuse) return apiError(409, options.refuse);
    const known = key ? byKey.get(key) : undefined;
    if (known) return { status: 200, data: known };
    const body = req.body as NewBooking;
    const booking = { id: nextId++, start: body.start, purpose: body.purpose, status: 'BOOKED' } as BookingView;
    if (key) byKey.set(key, booking);
    if (options.loseFirstAnswer && !lost) {
      lost = true;
      return { networkError: true };
    }
    return { status: 201, data: booking };
  });
  let currentKey: string | null = null;
  const adapter: AxiosAdapter = (config) => {
    const value = AxiosHeaders.from(config.headers).get('Idempotency-Key');
    currentKey = typeof value === 'string' ? value : null;
    return server.adapter(config);
  };
  return { adapter, keys, bookings: () => new Set([...byKey.values()].map((b) => b.id)).size };
}

const choice = (start: string): NewBooking => ({ serviceCenterId: 2, start, purpose: 'COLLECT_LETTER' });

/** What the booking page does on "confirm". */
async function confirm(keys: ReturnType<typeof createAttemptKeys>, body: NewBooking): Promise<BookingView | Error> {
  const key = keys.keyFor(body);
  try {
    const booking = await createBooking(body, key);
    keys.settle();
    return booking;
  } catch (e) {
    keys.settle(e);
    return e as Error;
  }
}

describe('one Idempotency-Key per booking attempt', () => {
  const session = withLoggedInApi(['MEMBER']);

  it('retries a lost answer with the same key, so the member is booked once', async () => {
    const api = bookingApi({ loseFirstAnswer: true });
    session.plug(api.adapter);
    const keys = createAttemptKeys();
    const first = await confirm(keys, choice('2026-12-01T01:00:00.000Z'));
    expect(first).toBeInstanceOf(Error);
    const second = await confirm(keys, choice('2026-12-01T01:00:00.000Z'));
    expect((second as BookingView).id).toBe(100);
    expect(api.keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(api.keys[1]).toBe(api.keys[0]);
    expect(api.bookings()).toBe(1);
  });

  it('uses a new key for a new choice, and after a booking was made', async () => {
    const api = bookingApi();
    session.plug(api.adapter);
    const keys = createAttemptKeys();
    await confirm(keys, choice('2026-12-01T01:00:00.000Z'));
    await confirm(keys, choice('2026-12-01T01:00:00.000Z'));
    expect(api.keys[1]).not.toBe(api.keys[0]);
    expect(api.bookings()).toBe(2);
  });

  it('starts a new attempt after a refusal by a rule', async () => {
    const api = bookingApi({ refuse: 'SLOT_FULL' });
    session.plug(api.adapter);
    const keys = createAttemptKeys();
    await confirm(keys, choice('2026-12-01T01:00:00.000Z'));
    await confirm(keys, choice('2026-12-01T01:00:00.000Z'));
    expect(api.keys[1]).not.toBe(api.keys[0]);
  });
});
