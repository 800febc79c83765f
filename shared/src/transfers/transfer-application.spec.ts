import { describe, expect, it } from 'vitest';
import { applicationProblems, type TransferApplicationFields } from './transfer-application';

const complete: TransferApplicationFields = {
  channel: 'IN_COUNTY',
  destinationOrgId: 21,
  destinationName: '',
  destinationRegion: null,
  destinationAddressee: null,
  reason: 'JOB_CHANGE',
  reasonDetail: '',
  duesPaidThrough: '2026-11',
  phone: '13800138000',
};
const fields = (a: Partial<TransferApplicationFields>) => applicationProblems({ ...complete, ...a }).map((p) => p.field);

describe('what an application lacks before it can be submitted', () => {
  it('a complete in-county application lacks nothing', () => {
    expect(applicationProblems(complete)).toEqual([]);
  });

  it('lists every problem at once, each as a required field', () => {
    const problems = applicationProblems({ ...complete, destinationOrgId: null, reason: 'OTHER', reasonDetail: '  ', duesPaidThrough: '', phone: '1380013' });
    expect(problems.map((p) => p.field)).toEqual(['destinationOrgId', 'reasonDetail', 'duesPaidThrough', 'phone']);
    expect(problems.every((p) => p.constraint === 'required' && p.message.length > 0)).toBe(true);
  });

  it('outside the county: the full name always, the region within China, the addressee across provinces', () => {
    const outside = { destinationOrgId: null, destinationName: '某某市某某区委组织部', destinationRegion: '江苏省南京市', destinationAddressee: '中共南京市委组织部' };
    expect(fields({ ...outside, channel: 'IN_PROVINCE' })).toEqual([]);
    expect(fields({ ...outside, channel: 'IN_PROVINCE', destinationName: '某部' })).toEqual(['destinationName']);
    expect(fields({ ...outside, channel: 'IN_PROVINCE', destinationRegion: ' ' })).toEqual(['destinationRegion']);
    expect(fields({ ...outside, channel: 'IN_PROVINCE', destinationAddressee: null })).toEqual([]);
    expect(fields({ ...outside, channel: 'CROSS_PROVINCE', destinationAddressee: '' })).toEqual(['destinationAddressee']);
    expect(fields({ ...outside, channel: 'OUT_OF_SYSTEM', destinationRegion: null, destinationAddressee: null })).toEqual([]);
  });

  it('a reason must be chosen: none is chosen for the member', () => {
    expect(applicationProblems({ ...complete, reason: null })).toEqual([{ field: 'reason', constraint: 'required', message: 'Choose the reason for the transfer' }]);
  });

  it('a reason other than the listed ones needs its detail; the listed ones do not', () => {
    expect(fields({ reason: 'OTHER', reasonDetail: '' })).toEqual(['reasonDetail']);
    expect(fields({ reason: 'OTHER', reasonDetail: '随配偶迁居' })).toEqual([]);
    expect(fields({ reason: 'GRADUATION', reasonDetail: '' })).toEqual([]);
  });

  it('the month as YYYY-MM and a mainland mobile number', () => {
    expect(fields({ duesPaidThrough: '2026-1' })).toEqual(['duesPaidThrough']);
    expect(fields({ phone: '' })).toEqual(['phone']);
    expect(fields({ phone: '23800138000' })).toEqual(['phone']);
    expect(fields({ phone: ' 13800138000 ' })).toEqual([]);
  });
});
