import { hoursToTenths, tenthsToHours, type StudyModuleSummary, type TrackModuleView } from '@zhdj/shared';
import { computed, ref } from 'vue';

export interface TrackItem {
  module: StudyModuleSummary;
  required: boolean;
}

/** The ordered modules of a track being composed: each once, required or optional, moved up and down. */
export function useTrackModules(initial: readonly TrackModuleView[] = []) {
  const items = ref<TrackItem[]>(initial.map((m) => ({ module: m.module, required: m.required })));

  function reset(next: readonly TrackModuleView[]): void {
    items.value = next.map((m) => ({ module: m.module, required: m.required }));
  }

  /** Adds a module at the end; one already in the track is not added twice. */
  function add(module: StudyModuleSummary, required = true): boolean {
    if (items.value.some((i) => i.module.id === module.id)) return false;
    items.value = [...items.value, { module, required }];
    return true;
  }

  function remove(id: number): void {
    items.value = items.value.filter((i) => i.module.id !== id);
  }

  function move(id: number, by: -1 | 1): void {
    const from = items.value.findIndex((i) => i.module.id === id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= items.value.length) return;
    const next = [...items.value];
    [next[from], next[to]] = [next[to], next[from]];
    items.value = next;
  }

  function setRequired(id: number, required: boolean): void {
    items.value = items.value.map((i) => (i.module.id === id ? { ...i, required } : i));
  }

  /** Class hours of the required modules, summed in tenths as the server does. */
  const requiredHours = computed(() => tenthsToHours(items.value.filter((i) => i.required).reduce((s, i) => s + hoursToTenths(i.module.classHours), 0)));
  const hasRequired = computed(() => items.value.some((i) => i.required));
  const hasDraft = computed(() => items.value.some((i) => !i.module.published));

  const payload = () => items.value.map((i) => ({ moduleId: i.module.id, required: i.required }));

  return { items, reset, add, remove, move, setRequired, requiredHours, hasRequired, hasDraft, payload };
}
