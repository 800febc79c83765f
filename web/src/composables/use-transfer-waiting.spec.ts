import { afterEach, describe, expect, it } from 'vitest';
import { useTransferWaiting } from './use-transfer-waiting';

describe('useTransferWaiting', () => {
  afterEach(() => useTransferWaiting().clear());

  it('shows the latest answer, keeps the figure through a failure, and drops an answer overtaken by a later one', async () => {
    const { waiting, refresh } = useTransferWaiting(async () => ({ todo: 3, overdue: 1 }));
    await refresh();
    expect(waiting.value).toEqual({ todo: 3, overdue: 1 });

    await useTransferWaiting(() => Promise.reject(new Error('offline'))).refresh();
    expect(waiting.value).toEqual({ todo: 3, overdue: 1 });

    let release: (w: { todo: number; overdue: number }) => void = () => undefined;
    const slow = useTransferWaiting(() => new Promise((resolve) => (release = resolve))).refresh();
    await useTransferWaiting(async () => ({ todo: 2, overdue: 0 })).refresh();
    release({ todo: 9, overdue: 9 });
    await slow;
    expect(waiting.value).toEqual({ todo: 2, overdue: 0 });
  });
});
