import type { TransferDetail } from '@zhdj/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import type { ActionInput } from '../api';
import { transferDetail } from './test-fixtures';
import { useTransferDetail } from './use-transfer-detail';

const submitted = transferDetail({ state: 'SUBMITTED', version: 3, allowedActions: ['preApprove', 'return', 'reject', 'withdraw'] });

describe('a transfer and its steps', () => {
  it('sends the version the user saw and shows the transfer the server returns', async () => {
    const act = vi.fn(async (_id: number, input: ActionInput): Promise<TransferDetail> => ({ ...submitted, state: 'RETURNED', version: input.version + 1, returnNote: input.missing ?? null }));
    const sut = useTransferDetail({ load: async () => submitted, act });
    await sut.load(12);
    expect(await sut.act('return', { missing: ['补交党费至转出当月', '补充入党志愿书复印件'] })).toBe(true);
    expect(act).toHaveBeenCalledWith(12, { action: 'return', version: 3, missing: ['补交党费至转出当月', '补充入党志愿书复印件'] });
    expect(sut.transfer.value?.state).toBe('RETURNED');
    expect(sut.transfer.value?.returnNote).toHaveLength(2);
  });

  it('when someone acted first: reloads, flags the conflict, and offers only what now applies', async () => {
    const moved = { ...submitted, state: 'PRE_APPROVED' as const, version: 4, allowedActions: [] };
    const load = vi.fn(async () => (load.mock.calls.length > 1 ? moved : submitted));
    const act = vi.fn(async () => {
      throw new ApiError({ statusCode: 409, code: 'TRANSFER_STATE_CONFLICT', message: 'changed' });
    });
    const sut = useTransferDetail({ load, act });
    await sut.load(12);
    expect(await sut.act('preApprove')).toBe(false);
    expect(sut.conflict.value).toBe(true);
    expect(sut.failure.value?.kind).toBe('conflict');
    expect(load).toHaveBeenCalledTimes(2);
    expect(sut.transfer.value?.state).toBe('PRE_APPROVED');
    expect(sut.transfer.value?.allowedActions).toEqual([]);
    sut.clearFailure();
    expect(sut.conflict.value).toBe(false);
  });

  it('keeps the dialog’s field problems (a reason is required) without reloading', async () => {
    const load = vi.fn(async () => submitted);
    const act = vi.fn(async () => {
      throw new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'reason', details: [{ field: 'comment', constraint: 'required', message: 'Give the reason' }] });
    });
    const sut = useTransferDetail({ load, act });
    await sut.load(12);
    expect(await sut.act('reject')).toBe(false);
    expect(sut.failure.value).toEqual({ kind: 'fields', fields: [{ field: 'comment', constraint: 'required', message: 'Give the reason' }] });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('takes one step at a time', async () => {
    let release: (t: TransferDetail) => void = () => undefined;
    const act = vi.fn(() => new Promise<TransferDetail>((resolve) => (release = resolve)));
    const sut = useTransferDetail({ load: async () => submitted, act });
    await sut.load(12);
    const first = sut.act('preApprove');
    expect(sut.acting.value).toBe('preApprove');
    expect(await sut.act('reject')).toBe(false);
    release({ ...submitted, state: 'PRE_APPROVED', version: 4 });
    expect(await first).toBe(true);
    expect(act).toHaveBeenCalledTimes(1);
    expect(sut.acting.value).toBeNull();
  });

  it('drops a load that finishes after a newer one', async () => {
    const resolvers: ((t: TransferDetail) => void)[] = [];
    const load = vi.fn(() => new Promise<TransferDetail>((resolve) => resolvers.push(resolve)));
    const sut = useTransferDetail({ load, act: vi.fn() });
    const older = sut.load(12);
    const newer = sut.load(13);
    resolvers[1]({ ...submitted, id: 13 });
    resolvers[0]({ ...submitted, id: 12 });
    expect(await newer).toBe(true);
    expect(await older).toBe(false);
    expect(sut.transfer.value?.id).toBe(13);
  });
});
