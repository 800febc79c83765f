import type { DayAvailability, ServiceCenterView } from '@zhdj/shared';
import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { fetchAvailability } from '../api';
import { bookingWindow, firstBookableDay, xinyiDate } from './schedule';

/**
 * The free times of a centre from today to its horizon, and the member's choice of day and time. A newer load
 * aborts the one in flight (switching centres quickly never shows the previous centre's days).
 */
export function useAvailability(center: Ref<ServiceCenterView | null>, fetch = fetchAvailability) {
  const days = shallowRef<DayAvailability[]>([]);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const day = ref<string | null>(null);
  const start = ref<string | null>(null);
  const today = ref(xinyiDate(new Date()));
  /** The day to open on when nothing is chosen yet and it has room (rescheduling: the booking's own day). */
  const preferredDay = ref<string | null>(null);
  let controller: AbortController | null = null;

  async function load(): Promise<void> {
    controller?.abort();
    const c = center.value;
    if (!c) {
      days.value = [];
      return;
    }
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = null;
    today.value = xinyiDate(new Date());
    const { from, to } = bookingWindow(today.value, c.horizonDays);
    try {
      const result = await fetch(c.id, from, to, mine.signal);
      if (mine.signal.aborted) return;
      days.value = result;
      const chosen = result.find((d) => d.date === (day.value ?? preferredDay.value));
      // Keep the chosen day while it still has room; otherwise open on the first day that does.
      day.value = !chosen || chosen.closed || !chosen.slots.some((s) => s.free > 0) ? firstBookableDay(result) : chosen.date;
      const slot = chosen?.slots.find((s) => s.start === start.value);
      if (!slot || slot.free <= 0) start.value = null;
    } catch (e) {
      if (mine.signal.aborted) return;
      error.value = e;
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  const slots = computed(() => days.value.find((d) => d.date === day.value)?.slots ?? []);
  const selectedSlot = computed(() => slots.value.find((s) => s.start === start.value) ?? null);

  watch(
    () => center.value?.id,
    () => {
      day.value = null;
      start.value = null;
      void load();
    },
    { immediate: true },
  );
  watch(day, () => {
    if (!slots.value.some((s) => s.start === start.value)) start.value = null;
  });
  onScopeDispose(() => controller?.abort());

  return { days, loading, error, day, start, today, preferredDay, slots, selectedSlot, load };
}
