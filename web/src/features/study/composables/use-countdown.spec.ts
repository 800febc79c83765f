import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { clockFace, secondsUntil, useCountdown } from './use-countdown';

describe('countdown', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('counts down from what the server said and calls back once at zero', async () => {
    const done = vi.fn();
    const scope = effectScope();
    const sut = scope.run(() => useCountdown(done))!;
    sut.set(3);
    expect(sut.secondsLeft.value).toBe(3);
    expect(sut.running.value).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sut.secondsLeft.value).toBe(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(sut.secondsLeft.value).toBe(0);
    expect(sut.running.value).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(done).toHaveBeenCalledTimes(1);
    scope.stop();
  });

  it('keeps to the elapsed time even when ticks are late (a throttled tab)', async () => {
    const scope = effectScope();
    const sut = scope.run(() => useCountdown())!;
    sut.set(30);
    // The clock moves 10 s while no timer fires.
    vi.setSystemTime(Date.now() + 10_000);
    await vi.advanceTimersByTimeAsync(250);
    expect(sut.secondsLeft.value).toBe(20);
    scope.stop();
  });

  it('restarts when the server corrects the time left, and stops with its screen', async () => {
    const done = vi.fn();
    const scope = effectScope();
    const sut = scope.run(() => useCountdown(done))!;
    sut.set(5);
    await vi.advanceTimersByTimeAsync(4000);
    sut.set(4); // the server says 4 more seconds
    await vi.advanceTimersByTimeAsync(3000);
    expect(sut.secondsLeft.value).toBe(1);
    scope.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(done).not.toHaveBeenCalled();
  });

  it('is done at once when nothing is left', () => {
    const done = vi.fn();
    const scope = effectScope();
    const sut = scope.run(() => useCountdown(done))!;
    sut.set(0);
    expect(done).toHaveBeenCalledTimes(1);
    expect(sut.running.value).toBe(false);
    scope.stop();
  });
});

describe('clock face and server time', () => {
  it('formats minutes and hours', () => {
    expect(clockFace(0)).toBe('0:00');
    expect(clockFace(9.2)).toBe('0:10');
    expect(clockFace(75)).toBe('1:15');
    expect(clockFace(3725)).toBe('1:02:05');
    expect(clockFace(-4)).toBe('0:00');
  });

  it('measures a deadline by the server clock, not the device', () => {
    expect(secondsUntil('2026-05-01T08:25:00.000Z', '2026-05-01T08:00:00.000Z')).toBe(1500);
    expect(secondsUntil('2026-05-01T08:00:00.000Z', '2026-05-01T08:00:01.000Z')).toBe(0);
  });
});
