import { chinaDate, type BookingView, type ServiceCenterView } from '@zhdj/shared';
import { computed, onMounted, shallowRef, type Ref } from 'vue';
import { fetchMyBookings } from '../api';

/**
 * The member's own visits at the chosen centre, by day: a day on which they already visit it offers a move instead
 * of times (one visit per centre a day; the server refuses a second with SAME_DAY_BOOKING), so that nobody fills in a
 * whole form to be refused at the end. `except` is the visit being moved, whose own day stays open to it.
 */
export function useHeldDays(center: Ref<ServiceCenterView | null>, day: Ref<string | null>, except?: () => number | null) {
  const upcoming = shallowRef<BookingView[]>([]);
  const heldHere = computed(() =>
    upcoming.value
      .filter((b) => b.status === 'BOOKED' && b.center.id === center.value?.id && b.id !== except?.())
      .map((b) => ({ visit: b, date: chinaDate(new Date(b.start)) })),
  );
  const heldDays = computed(() => heldHere.value.map((h) => h.date));
  const heldThatDay = computed(() => heldHere.value.find((h) => h.date === day.value)?.visit ?? null);

  // Only a help: without it the server still refuses a second visit that day, in the same words.
  onMounted(() => {
    fetchMyBookings(false)
      .then((list) => (upcoming.value = list))
      .catch(() => undefined);
  });

  return { heldDays, heldThatDay };
}
