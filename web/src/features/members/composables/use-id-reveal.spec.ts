import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { REVEAL_SECONDS, useIdReveal } from './use-id-reveal';

const FULL = '320381198803150018';

function setup(confirmed: boolean) {
  const reveal = vi.fn(async () => FULL);
  const confirm = vi.fn(async () => confirmed);
  const scope = effectScope();
  const sut = scope.run(() => useIdReveal({ confirm, reveal }))!;
  return { sut, reveal, confirm, scope };
}

describe('ID number reveal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks first and calls the audited endpoint only after a yes', async () => {
    const { sut, reveal, confirm } = setup(false);
    expect(await sut.request()).toBe(false);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(reveal).not.toHaveBeenCalled();
    expect(sut.full.value).toBeNull();
  });

  it('shows the number for 30 seconds, then hides it', async () => {
    const { sut, reveal } = setup(true);
    expect(await sut.request()).toBe(true);
    expect(reveal).toHaveBeenCalledTimes(1);
    expect(sut.full.value).toBe(FULL);
    expect(sut.secondsLeft.value).toBe(REVEAL_SECONDS);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(sut.full.value).toBe(FULL);
    expect(sut.secondsLeft.value).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sut.full.value).toBeNull();
    expect(sut.revealed.value).toBe(false);
  });

  it('hides at once on demand and when the screen goes away', async () => {
    const first = setup(true);
    await first.sut.request();
    first.sut.hide();
    expect(first.sut.full.value).toBeNull();

    const second = setup(true);
    await second.sut.request();
    second.scope.stop();
    expect(second.sut.full.value).toBeNull();
  });

  it('reports a refusal and shows nothing', async () => {
    const scope = effectScope();
    const sut = scope.run(() =>
      useIdReveal({
        confirm: async () => true,
        reveal: async () => {
          throw new Error('403');
        },
      }),
    )!;
    expect(await sut.request()).toBe(false);
    expect(sut.full.value).toBeNull();
    expect(sut.error.value).toBeInstanceOf(Error);
  });
});
