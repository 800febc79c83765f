import { computed, onScopeDispose, ref } from 'vue';

export const REVEAL_SECONDS = 30;

export interface IdRevealDeps {
  /** Asks the user to confirm (the reveal is audited); resolves false when they cancel. */
  confirm: () => Promise<boolean>;
  /** POST /api/members/:id/reveal-id. */
  reveal: () => Promise<string>;
}

/**
 * The full ID number, shown only after a confirmation and for 30 seconds at most; hidden again on demand, when the
 * countdown ends, and when the screen goes away (the number never stays in memory longer than on screen).
 */
export function useIdReveal(deps: IdRevealDeps) {
  const full = ref<string | null>(null);
  const secondsLeft = ref(0);
  const pending = ref(false);
  const error = ref<unknown>(null);
  let timer: ReturnType<typeof setInterval> | null = null;

  function hide(): void {
    full.value = null;
    secondsLeft.value = 0;
    if (timer) clearInterval(timer);
    timer = null;
  }

  async function request(): Promise<boolean> {
    if (pending.value) return false;
    error.value = null;
    if (!(await deps.confirm())) return false;
    pending.value = true;
    try {
      const value = await deps.reveal();
      hide();
      full.value = value;
      secondsLeft.value = REVEAL_SECONDS;
      timer = setInterval(() => {
        secondsLeft.value -= 1;
        if (secondsLeft.value <= 0) hide();
      }, 1000);
      return true;
    } catch (e) {
      error.value = e;
      return false;
    } finally {
      pending.value = false;
    }
  }

  onScopeDispose(hide);

  return { full, secondsLeft, pending, error, revealed: computed(() => full.value !== null), request, hide };
}
