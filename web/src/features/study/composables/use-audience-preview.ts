import type { AudiencePreview, TrackAudience } from '@zhdj/shared';
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';

export const PREVIEW_SETTLE_MS = 400;

/**
 * How many members of a chosen subtree an audience reaches, counted by the server as the audience is composed:
 * asked once the choices settle, the older question abandoned when a newer one is asked.
 */
export function useAudiencePreview(
  orgId: Ref<number | null>,
  audience: Ref<TrackAudience> | (() => TrackAudience),
  count: (orgId: number, audience: TrackAudience, signal: AbortSignal) => Promise<AudiencePreview>,
) {
  const result = shallowRef<AudiencePreview | null>(null);
  const pending = ref(false);
  const failed = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;
  /** The question last asked: the same audience again (a saved form refilled) is not asked twice. */
  let asked = '';

  async function run(id: number, a: TrackAudience): Promise<void> {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    try {
      const r = await count(id, a, mine.signal);
      if (controller !== mine) return;
      result.value = r;
      failed.value = false;
    } catch {
      if (controller === mine && !mine.signal.aborted) failed.value = true;
    } finally {
      if (controller === mine) pending.value = false;
    }
  }

  watch(
    [orgId, audience],
    ([id, a]) => {
      if (timer) clearTimeout(timer);
      if (id === null) return;
      const snapshot: TrackAudience = { orgTypes: [...a.orgTypes], groups: [...a.groups], needs: [...a.needs] };
      const key = JSON.stringify([id, [...snapshot.orgTypes].sort(), [...snapshot.groups].sort()]);
      if (key === asked && result.value && !failed.value) return;
      asked = key;
      pending.value = true;
      timer = setTimeout(() => void run(id, snapshot), PREVIEW_SETTLE_MS);
    },
    { deep: true, immediate: true },
  );

  onScopeDispose(() => {
    if (timer) clearTimeout(timer);
    controller?.abort();
  });

  return { result, pending, failed };
}
