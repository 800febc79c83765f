import { describe, expect, it } from 'vitest';
import { WindowThrottlerStorage } from './window-throttler.storage';

const TTL = 60_000;

function clockAt(start: number) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

describe('WindowThrottlerStorage', () => {
  it('refuses the hit past the limit and blocks the key for the block duration', async () => {
    const clock = clockAt(1_000_000);
    const store = new WindowThrottlerStorage(clock.now);
    for (let i = 1; i <= 3; i++) {
      const r = await store.increment('ip', TTL, 3, TTL, 'default');
      expect(r).toMatchObject({ totalHits: i, isBlocked: false, timeToBlockExpire: 0 });
    }
    const refused = await store.increment('ip', TTL, 3, 30_000, 'default');
    expect(refused.isBlocked).toBe(true);
    expect(refused.timeToBlockExpire).toBe(30);
    clock.t += 29_000;
    expect((await store.increment('ip', TTL, 3, 30_000, 'default')).isBlocked).toBe(true);
    // Another address and another throttler name are counted apart.
    expect((await store.increment('other', TTL, 3, TTL, 'default')).isBlocked).toBe(false);
    expect((await store.increment('ip', TTL, 3, TTL, 'verify')).isBlocked).toBe(false);
    // When the block ends, counting starts again.
    clock.t += 1_001;
    expect(await store.increment('ip', TTL, 3, 30_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('weights the previous window by how much of it is still within the last ttl', async () => {
    const clock = clockAt(0);
    const store = new WindowThrottlerStorage(clock.now);
    for (let i = 0; i < 10; i++) await store.increment('ip', TTL, 100, TTL, 'default');
    // A quarter into the next window, three quarters of the previous window's 10 hits still count: 7 + this one.
    clock.t = TTL + TTL / 4;
    const r = await store.increment('ip', TTL, 100, TTL, 'default');
    expect(r.totalHits).toBe(8);
    expect(r.timeToExpire).toBe(45);
    // Two windows later nothing of the old hits is left.
    clock.t = 3 * TTL + 1;
    expect((await store.increment('ip', TTL, 100, TTL, 'default')).totalHits).toBe(1);
  });

  it('a burst at the limit across a window boundary is still refused (unlike a fixed window)', async () => {
    const clock = clockAt(0);
    const store = new WindowThrottlerStorage(clock.now);
    clock.t = TTL - 1_000;
    for (let i = 0; i < 5; i++) expect((await store.increment('ip', TTL, 5, TTL, 'default')).isBlocked).toBe(false);
    clock.t = TTL + 1_000;
    expect((await store.increment('ip', TTL, 5, TTL, 'default')).isBlocked).toBe(true);
  });

  it('forgets idle keys, so memory follows the addresses seen in the last two windows', async () => {
    const clock = clockAt(0);
    const store = new WindowThrottlerStorage(clock.now);
    for (let i = 0; i < 999; i++) await store.increment(`ip${i}`, TTL, 5, TTL, 'default');
    expect(store.size).toBe(999);
    clock.t = 2 * TTL;
    await store.increment('late', TTL, 5, TTL, 'default');
    expect(store.size).toBe(1);
  });
});
