import type { TransferWaiting } from '@zhdj/shared';
import { shallowRef } from 'vue';
import { http } from '@/api/http';

// Here rather than in features/transfers: the layout reads it on every admin screen, and the build puts a transfers
// module that two screens share into the transfers feature's chunk (8 KB gzipped of queue and timeline code the
// organisation tree does not need); among the app's common helpers it costs the first screen nothing more.

/** What the menu's badge shows; shared by the sidebar and the phone's drawer. */
const waiting = shallowRef<TransferWaiting | null>(null);
let sequence = 0;

export async function fetchTransferWaiting(): Promise<TransferWaiting> {
  const { data } = await http.get<TransferWaiting>('/transfers/waiting');
  return data;
}

/**
 * The administrator's to-do count for the menu (转接办理 17), red while any of them is overdue. Read when the layout
 * opens, on every change of screen (a step just taken changes it) and once a minute while the page is in view; a
 * failed read keeps the last figure, and an answer overtaken by a later request is dropped.
 */
export function useTransferWaiting(load: () => Promise<TransferWaiting> = fetchTransferWaiting) {
  async function refresh(): Promise<void> {
    const mine = ++sequence;
    try {
      const next = await load();
      if (mine === sequence) waiting.value = next;
    } catch {
      // The badge keeps its last figure; the next screen or minute tries again.
    }
  }
  function clear(): void {
    sequence++;
    waiting.value = null;
  }
  return { waiting, refresh, clear };
}
