import { chinaYearMonth, shiftYearMonth, type TransferDetail } from '@zhdj/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import type { TransferFields } from '../api';
import { transferDetail } from './test-fixtures';
import { FIELD_STEP, toFields, useTransferForm, type TransferFormDeps } from './use-transfer-form';

const picked = { id: 37, name: '中共北沟街道阳光社区第一支部委员会', shortName: '北沟街道阳光社区第一党支部', level: 'BRANCH' as const };

/** A fake API holding one transfer: create/update bump the version like the server, submit checks completeness. */
function server(initial: TransferDetail | null = null) {
  let current = initial;
  const calls: { op: string; version?: number; fields?: TransferFields }[] = [];
  const apply = (fields: TransferFields): TransferDetail => {
    const base = current ?? transferDetail();
    const destination = fields.destinationOrgId ? { org: picked, name: picked.name, region: null, addressee: '中共新沂市北沟街道工作委员会' } : base.destination;
    return {
      ...base,
      channel: fields.channel ?? base.channel,
      reason: fields.reason ?? base.reason,
      reasonDetail: fields.reasonDetail ?? base.reasonDetail,
      phone: fields.phone ?? base.phone,
      duesPaidThrough: fields.duesPaidThrough ?? base.duesPaidThrough,
      destination,
    };
  };
  const deps: TransferFormDeps = {
    create: vi.fn(async (fields) => {
      calls.push({ op: 'create', fields });
      current = { ...apply(fields), version: 1 };
      return current;
    }),
    update: vi.fn(async (_id, version, fields) => {
      calls.push({ op: 'update', version, fields });
      if (version !== current!.version) throw new ApiError({ statusCode: 409, code: 'TRANSFER_STATE_CONFLICT', message: 'changed' });
      current = { ...apply(fields), version: version + 1 };
      return current;
    }),
    submit: vi.fn(async (_id, version) => {
      calls.push({ op: 'submit', version });
      const missing = [];
      if (!current!.destination.org) missing.push({ field: 'destinationOrgId', constraint: 'required', message: 'Choose the destination' });
      if (current!.reason === 'OTHER' && !current!.reasonDetail) missing.push({ field: 'reasonDetail', constraint: 'required', message: 'Explain' });
      if (missing.length) throw new ApiError({ statusCode: 400, code: 'TRANSFER_INCOMPLETE', message: 'incomplete', details: missing });
      current = { ...current!, state: 'SUBMITTED', version: version + 1, allowedActions: ['withdraw'] };
      return current;
    }),
    reload: vi.fn(async () => current!),
  };
  return { deps, calls, set: (t: TransferDetail) => (current = t) };
}

describe('the application wizard', () => {
  it('creates the draft on the first step, then edits it with the version it last saw', async () => {
    const api = server();
    const sut = useTransferForm(api.deps);
    sut.form.destination = picked;
    expect(await sut.next()).toBe(true);
    expect(sut.step.value).toBe(1);
    sut.form.reason = 'RESIDENCE';
    sut.form.reasonDetail = '购房迁居';
    await sut.next();
    expect(api.calls.map((c) => [c.op, c.version])).toEqual([
      ['create', undefined],
      ['update', 1],
    ]);
    expect(api.calls[0].fields).toMatchObject({ channel: 'IN_COUNTY', destinationOrgId: 37 });
    expect(api.calls[1].fields).toMatchObject({ reason: 'RESIDENCE', reasonDetail: '购房迁居' });
    expect(sut.transfer.value?.version).toBe(2);
  });

  it('says how many months of dues are owed for this month as soon as the month is chosen', () => {
    const wizard = useTransferForm(server().deps);
    const month = chinaYearMonth();
    wizard.form.duesPaidThrough = shiftYearMonth(month, -3);
    expect(wizard.duesOwing.value).toBe(3);
    wizard.form.duesPaidThrough = month;
    expect(wizard.duesOwing.value).toBe(0);
    wizard.form.duesPaidThrough = shiftYearMonth(month, 2); // paid ahead
    expect(wizard.duesOwing.value).toBe(0);
  });

  it('writes nothing when a step changed nothing', async () => {
    const saved = transferDetail({ version: 4, destination: { org: picked, name: picked.name, region: null, addressee: null } });
    const api = server(saved);
    const sut = useTransferForm(api.deps);
    sut.fill(saved);
    await sut.next();
    await sut.next();
    expect(api.calls).toEqual([]);
    expect(sut.step.value).toBe(2);
  });

  it('shows everything the server says is missing at once, beside the fields, from the first step concerned', async () => {
    const api = server();
    const sut = useTransferForm(api.deps);
    sut.form.reason = 'OTHER';
    sut.goTo(3);
    expect(await sut.submit()).toBeNull();
    expect(Object.keys(sut.errors.value).sort()).toEqual(['destinationOrgId', 'reasonDetail']);
    expect(sut.step.value).toBe(0);
    expect(sut.stepHasErrors(0) && sut.stepHasErrors(1)).toBe(true);
    expect(sut.failure.value?.kind).toBe('fields');

    // Filling one in clears its mark on the next save; the other stays until it is given.
    sut.form.destination = picked;
    sut.clearError('destinationOrgId');
    await sut.next();
    expect(Object.keys(sut.errors.value)).toEqual(['reasonDetail']);

    sut.form.reasonDetail = '照顾老人';
    const done = await sut.submit();
    expect(done?.state).toBe('SUBMITTED');
    expect(sut.errors.value).toEqual({});
  });

  it('does not move on from a step whose own fields are incomplete, saying so beside each at once, and sends nothing', async () => {
    const api = server();
    const sut = useTransferForm(api.deps);
    expect(await sut.next()).toBe(false);
    expect(Object.keys(sut.errors.value)).toEqual(['destinationOrgId']);
    expect(sut.failure.value?.kind).toBe('fields');
    expect([sut.step.value, api.calls.length]).toEqual([0, 0]);

    sut.form.channel = 'CROSS_PROVINCE';
    sut.form.destinationName = '中共上海市浦东新区陆家嘴街道工作委员会';
    expect(await sut.next()).toBe(false);
    // The problems of later steps (the phone, the month) are not this step's concern yet.
    expect(Object.keys(sut.errors.value).sort()).toEqual(['destinationAddressee', 'destinationRegion']);
    sut.form.destinationRegion = '上海市';
    sut.form.destinationAddressee = '中共上海市浦东新区委员会组织部';
    expect(await sut.next()).toBe(true);

    // No reason is chosen for the member: the step asks for one, and sends nothing without it.
    expect(sut.form.reason).toBeNull();
    const sent = api.calls.length;
    expect(await sut.next()).toBe(false);
    expect(Object.keys(sut.errors.value)).toEqual(['reason']);
    expect(api.calls.length).toBe(sent);
    sut.form.reason = 'OTHER';
    expect(await sut.next()).toBe(false);
    expect(sut.errors.value.reasonDetail?.constraint).toBe('required');
    sut.form.reasonDetail = '照顾老人';
    expect(await sut.next()).toBe(true);

    sut.form.phone = '';
    sut.form.duesPaidThrough = '';
    expect(await sut.next()).toBe(false);
    expect(Object.keys(sut.errors.value).sort()).toEqual(['duesPaidThrough', 'phone']);
    expect(sut.step.value).toBe(2);
  });

  it('knows when something typed is not saved yet: after loading, after saving and at the start it is all saved', async () => {
    const api = server();
    const sut = useTransferForm(api.deps);
    sut.form.phone = '13905161234';
    sut.markClean();
    expect(sut.dirty.value).toBe(false);
    sut.form.destination = picked;
    expect(sut.dirty.value).toBe(true);
    expect(await sut.save()).toBe(true);
    expect(sut.dirty.value).toBe(false);
    sut.form.reasonDetail = '工作调动';
    expect(sut.dirty.value).toBe(true);
    sut.fill(transferDetail({ version: 7 }));
    expect(sut.dirty.value).toBe(false);
  });

  it('stops a malformed phone before any request', async () => {
    const api = server();
    const sut = useTransferForm(api.deps);
    sut.goTo(2);
    sut.form.phone = '1390516';
    expect(await sut.next()).toBe(false);
    expect(sut.errors.value.phone?.field).toBe('phone');
    expect(api.calls).toEqual([]);
    expect(sut.step.value).toBe(2);
  });

  it('maps the server’s per-field validation errors too', async () => {
    const api = server();
    api.deps.create = vi.fn(async () => {
      throw new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'bad', details: [{ field: 'duesPaidThrough', constraint: 'matches', message: 'YYYY-MM' }] });
    });
    const sut = useTransferForm(api.deps);
    sut.goTo(2);
    expect(await sut.save()).toBe(false);
    expect(Object.keys(sut.errors.value)).toEqual(['duesPaidThrough']);
    expect(sut.step.value).toBe(FIELD_STEP.duesPaidThrough);
  });

  it('reloads when the application changed elsewhere, and says so', async () => {
    const api = server(transferDetail({ version: 3 }));
    const sut = useTransferForm(api.deps);
    sut.fill(transferDetail({ version: 2 }));
    sut.form.reasonDetail = '工作调动';
    expect(await sut.save()).toBe(false);
    expect(sut.failure.value?.kind).toBe('conflict');
    expect(api.deps.reload).toHaveBeenCalledWith(12);
    expect(sut.transfer.value?.version).toBe(3);
  });

  it('is read-only once submitted', () => {
    const sut = useTransferForm(server().deps);
    sut.fill(transferDetail({ state: 'SUBMITTED', allowedActions: ['withdraw'] }));
    expect(sut.editable.value).toBe(false);
    sut.fill(transferDetail({ state: 'RETURNED', allowedActions: ['submit', 'withdraw'], returnNote: ['补交党费'] }));
    expect(sut.editable.value).toBe(true);
  });
});

describe('the fields sent', () => {
  const model = {
    channel: 'IN_COUNTY' as const,
    destination: picked,
    destinationName: 'stale',
    destinationRegion: 'stale',
    destinationAddressee: 'stale',
    reason: 'JOB_CHANGE' as const,
    reasonDetail: '  调入新单位 ',
    duesPaidThrough: '',
    phone: '',
  };

  it('sends the picked organisation in the county and the typed names outside it', () => {
    expect(toFields(model)).toEqual({ channel: 'IN_COUNTY', reason: 'JOB_CHANGE', reasonDetail: '调入新单位', destinationOrgId: 37 });
    expect(toFields({ ...model, channel: 'CROSS_PROVINCE', destinationName: ' 中共上海市浦东新区陆家嘴街道工作委员会 ', destinationRegion: '上海市', destinationAddressee: '' })).toEqual({
      channel: 'CROSS_PROVINCE',
      reason: 'JOB_CHANGE',
      reasonDetail: '调入新单位',
      destinationName: '中共上海市浦东新区陆家嘴街道工作委员会',
      destinationRegion: '上海市',
      destinationAddressee: '',
    });
  });

  it('never sends an empty phone or month (the server keeps what it has)', () => {
    expect(toFields({ ...model, phone: '13905161234', duesPaidThrough: '2026-11' })).toMatchObject({ phone: '13905161234', duesPaidThrough: '2026-11' });
    expect(toFields(model)).not.toHaveProperty('phone');
    expect(toFields(model)).not.toHaveProperty('duesPaidThrough');
  });
});
