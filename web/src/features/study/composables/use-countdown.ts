import { computed, onScopeDispose, ref } from 'vue';

/** Seconds from the server's own clock: how long until `target`, as the server saw it when it answered. */
export function secondsUntil(targetIso: string, serverTimeIso: string): number {
  return Math.max(0, Math.ceil((Date.parse(targetIso) - Date.parse(serverTimeIso)) / 1000));
}

/** 75 → "1:15", 3725 → "1:02:05": a clock face for timers. */
export function clockFace(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/**
 * A countdown started from a number of seconds the server gave (never from the device's clock, which may be wrong):
 * the time left is recomputed from the elapsed time at each tick, so a throttled background tab does not drift.
 * `onDone` runs once when it reaches zero.
 */
export function useCountdown(onDone?: () => void) {
  const secondsLeft = ref(0);
  let endsAt = 0;
  let timer: ReturnType<typeof setInterval> | null = null;

  function stop(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }

  function tick(): void {
    const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
    secondsLeft.value = left;
    if (left === 0) {
      stop();
      onDone?.();
    }
  }

  /** (Re)starts from `seconds` left now. */
  function set(seconds: number): void {
    stop();
    endsAt = Date.now() + Math.max(0, seconds) * 1000;
    secondsLeft.value = Math.max(0, Math.ceil(seconds));
    if (secondsLeft.value === 0) {
      onDone?.();
      return;
    }
    timer = setInterval(tick, 250);
  }

  onScopeDispose(stop);

  return { secondsLeft, running: computed(() => secondsLeft.value > 0), set, stop };
}
