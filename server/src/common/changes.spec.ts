import { describe, expect, it } from 'vitest';
import { changedAny, changesOf, phonesMasked } from './changes';

describe('changesOf', () => {
  it('keeps only the fields given a different value, with their value before and after', () => {
    const current = { name: '王建国', phone: '13800000001', post: null as string | null, isMobile: false };
    expect(changesOf(current, { name: '王建国', phone: '13912349999', post: 'SECRETARY', isMobile: undefined })).toEqual({
      before: { phone: '13800000001', post: null },
      after: { phone: '13912349999', post: 'SECRETARY' },
    });
  });

  it('compares lists and objects by content, and tells a cleared value from an unchanged one', () => {
    const current = { answer: ['A', 'C'], options: ['A. 是', 'B. 否'], region: 'x' as string | null };
    expect(changesOf(current, { answer: ['A', 'C'], options: ['A. 是', 'B. 否'] })).toEqual({ before: {}, after: {} });
    expect(changesOf(current, { answer: ['B'], region: null })).toEqual({ before: { answer: ['A', 'C'], region: 'x' }, after: { answer: ['B'], region: null } });
  });

  it('says whether anything changed', () => {
    expect(changedAny(changesOf({ a: 1 }, { a: 1 }))).toBe(false);
    expect(changedAny(changesOf({ a: 1 }, { a: 2 }))).toBe(true);
  });

  it('masks the phone numbers of a change for the audit log, keeping enough to tell which', () => {
    const current = { name: '王建国', phone: '13800000001' };
    expect(phonesMasked(changesOf(current, { phone: '13912349999' }))).toEqual({ before: { phone: '138****0001' }, after: { phone: '139****9999' } });
    expect(phonesMasked(changesOf(current, { name: '王建华' }))).toEqual({ before: { name: '王建国' }, after: { name: '王建华' } });
  });
});
