import type { DayAvailability, ServiceCenterView } from '@zhdj/shared';
import { flushPromises } from '@vue/test-utils';
import { effectScope, ref } from 'vue';
import { describe, expect, it } from 'vitest';
import { useAvailability } from './use-availability';
import { addDays, xinyiDate } from './schedule';

const center = (id: number, horizonDays = 14) => ({ id, horizonDays }) as ServiceCenterView;
const today = xinyiDate(new Date());

/** Two days: tomorrow (09:00 free or full) and the day after (14:00 free), as the API would answer. */
function answer(tomorrowFree: number): DayAvailability[] {
  const d1 = addDays(today, 1);
  const d2 = addDays(today, 2);
  return [
    { date: today, closed: { reason: 'WEEKEND' }, slots: [] },
    { date: d1, closed: null, slots: [{ start: `${d1}T01:00:00.000Z`, end: `${d1}T01:30:00.000Z`, capacity: 2, free: tomorrowFree }] },
    { date: d2, closed: null, slots: [{ start: `${d2}T06:00:00.000Z`, end: `${d2}T06:30:00.000Z`, capacity: 2, free: 2 }] },
  ];
}

describe('the free times of a centre', () => {
  it('asks for today to the horizon and opens on the first day with room', async () => {
    const calls: { id: number; from: string; to: string }[] = [];
    const sut = effectScope().run(() =>
      useAvailability(ref(center(2)), async (id, from, to) => {
        calls.push({ id, from, to });
        return answer(1);
      }),
    )!;
    await flushPromises();
    expect(calls).toEqual([{ id: 2, from: today, to: addDays(today, 14) }]);
    expect(sut.day.value).toBe(addDays(today, 1));
    expect(sut.slots.value).toHaveLength(1);
  });

  it('keeps the chosen time on reload while it has room, and drops it when it filled up', async () => {
    let free = 1;
    const sut = effectScope().run(() => useAvailability(ref(center(2)), async () => answer(free)))!;
    await flushPromises();
    sut.start.value = sut.slots.value[0].start;
    await sut.load();
    expect(sut.selectedSlot.value?.free).toBe(1);
    free = 0; // someone took the last place meanwhile
    await sut.load();
    expect(sut.start.value).toBeNull();
    expect(sut.day.value).toBe(addDays(today, 2));
  });

  it('opens on a preferred day (a booking being moved) while it has room, else on the first day with room', async () => {
    let free = 2;
    const c = ref<ServiceCenterView | null>(null);
    const sut = effectScope().run(() => useAvailability(c, async () => answer(free)))!;
    sut.preferredDay.value = addDays(today, 2);
    c.value = center(2);
    await flushPromises();
    expect(sut.day.value).toBe(addDays(today, 2));

    // Tomorrow is preferred but full: the first day with room instead.
    free = 0;
    const other = ref<ServiceCenterView | null>(null);
    const full = effectScope().run(() => useAvailability(other, async () => answer(free)))!;
    full.preferredDay.value = addDays(today, 1);
    other.value = center(3);
    await flushPromises();
    expect(full.day.value).toBe(addDays(today, 2));
    // Without a preference it opens on the first day with room too (today is closed in this answer).
    free = 2;
    const plain = effectScope().run(() => useAvailability(ref(center(4)), async () => answer(free)))!;
    await flushPromises();
    expect(plain.day.value).toBe(addDays(today, 1));
  });

  it('shows the centre chosen last, even when an earlier answer arrives later', async () => {
    const pending = new Map<number, (days: DayAvailability[]) => void>();
    const chosen = ref<ServiceCenterView | null>(center(2));
    const sut = effectScope().run(() => useAvailability(chosen, (id, _f, _t, signal) => new Promise((resolve, reject) => {
      pending.set(id, resolve);
      signal?.addEventListener('abort', () => reject(new Error('aborted')));
    })))!;
    chosen.value = center(3);
    await flushPromises();
    pending.get(3)!(answer(2).slice(2));
    pending.get(2)!(answer(2));
    await flushPromises();
    expect(sut.days.value.map((d) => d.date)).toEqual([addDays(today, 2)]);
    expect(sut.loading.value).toBe(false);
  });
});
