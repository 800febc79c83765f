import type { TransferDetail } from '@zhdj/shared';
import { ref, shallowRef } from 'vue';
import type { ActionInput } from '../api';
import { classifyFailure, type TransferFailure } from './transfer-errors';

export interface TransferDetailDeps {
  load(id: number, signal?: AbortSignal): Promise<TransferDetail>;
  act(id: number, input: ActionInput): Promise<TransferDetail>;
}

export type ActionExtra = Omit<ActionInput, 'action' | 'version'>;

/**
 * One transfer and the steps taken on it. Each step sends the version the user saw; when someone else acted first
 * (409) the transfer is reloaded and `conflict` is set, so the screen can say so and show the current state and the
 * buttons that now apply. A response that arrives after a newer load was started is dropped.
 */
export function useTransferDetail(deps: TransferDetailDeps) {
  const transfer = shallowRef<TransferDetail | null>(null);
  const loading = ref(false);
  const loadError = shallowRef<unknown>(null);
  const acting = ref<ActionInput['action'] | null>(null);
  const failure = shallowRef<TransferFailure | null>(null);
  const conflict = ref(false);
  let currentId: number | null = null;
  let sequence = 0;
  let controller: AbortController | null = null;

  async function load(id: number): Promise<boolean> {
    controller?.abort();
    controller = new AbortController();
    const mine = ++sequence;
    if (currentId !== id) transfer.value = null;
    currentId = id;
    loading.value = true;
    loadError.value = null;
    try {
      const t = await deps.load(id, controller.signal);
      if (mine !== sequence) return false;
      transfer.value = t;
      return true;
    } catch (e) {
      if (mine !== sequence) return false;
      loadError.value = e;
      return false;
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  async function act(action: ActionInput['action'], extra: ActionExtra = {}): Promise<boolean> {
    const t = transfer.value;
    if (!t || acting.value) return false;
    acting.value = action;
    failure.value = null;
    conflict.value = false;
    try {
      const next = await deps.act(t.id, { action, version: t.version, ...extra });
      sequence++; // a load still in flight carries an older state
      transfer.value = next;
      return true;
    } catch (e) {
      const f = classifyFailure(e);
      failure.value = f;
      if (f.kind === 'conflict' || f.kind === 'notAllowed') {
        conflict.value = f.kind === 'conflict';
        await load(t.id);
      }
      return false;
    } finally {
      acting.value = null;
    }
  }

  function clearFailure(): void {
    failure.value = null;
    conflict.value = false;
  }

  return { transfer, loading, loadError, acting, failure, conflict, load, act, clearFailure };
}
