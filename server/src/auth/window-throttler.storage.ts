import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  ttl: number;
  /** Start of the current fixed window (ms). */
  start: number;
  current: number;
  previous: number;
  blockedUntil: number;
}

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

const SWEEP_EVERY = 1_000;

/**
 * Rate-limit counts kept as a sliding-window estimate: the hits of the current fixed window plus the previous
 * window's hits weighted by how much of it still overlaps the last `ttl` milliseconds. Each key costs two numbers and
 * each request a constant amount of work. `@nestjs/throttler`'s own in-memory store keeps one expiry time per hit and
 * filters the list on every request, so a busy address (letter checks from a service-centre kiosk) pays for every
 * hit of the last minute on each new one.
 *
 * Semantics follow the library's: the hit that takes the count past `limit` is refused and blocks the key for
 * `blockDuration`; blocked requests are not counted; when the block ends the count starts again from that request.
 */
export class WindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private sinceSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep(now);
    const id = `${throttlerName}\u0000${key}`;
    let w = this.windows.get(id);
    if (!w) {
      w = { ttl, start: now, current: 0, previous: 0, blockedUntil: 0 };
      this.windows.set(id, w);
    }
    const passed = Math.floor((now - w.start) / ttl);
    if (passed >= 1) {
      w.previous = passed === 1 ? w.current : 0;
      w.current = 0;
      w.start += passed * ttl;
    }
    const timeToExpire = Math.ceil((w.start + ttl - now) / 1000);
    if (w.blockedUntil > now) {
      return { totalHits: this.estimate(w, now) + 1, timeToExpire, isBlocked: true, timeToBlockExpire: Math.ceil((w.blockedUntil - now) / 1000) };
    }
    if (w.blockedUntil > 0) {
      // The block has ended: start counting afresh, as the library's store does.
      w.blockedUntil = 0;
      w.previous = 0;
      w.current = 0;
    }
    w.current++;
    const totalHits = this.estimate(w, now);
    if (totalHits > limit) {
      w.blockedUntil = now + (blockDuration > 0 ? blockDuration : ttl);
      return { totalHits, timeToExpire, isBlocked: true, timeToBlockExpire: Math.ceil((w.blockedUntil - now) / 1000) };
    }
    return { totalHits, timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Keys held (for tests). */
  get size(): number {
    return this.windows.size;
  }

  private estimate(w: Window, now: number): number {
    const overlap = 1 - (now - w.start) / w.ttl;
    return Math.floor(w.previous * overlap) + w.current;
  }

  /** Drops keys with nothing left to count: no block, and both windows past. */
  private sweep(now: number): void {
    this.sinceSweep = 0;
    for (const [id, w] of this.windows) {
      if (w.blockedUntil <= now && now - w.start >= 2 * w.ttl) this.windows.delete(id);
    }
  }
}
