import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './download';

describe('filenameFromDisposition', () => {
  it('prefers the UTF-8 name the server sends for Chinese file names', () => {
    const header = `attachment; filename="members.xlsx"; filename*=UTF-8''${encodeURIComponent('党员名册-新安街道党工委-2026-11-28.xlsx')}`;
    expect(filenameFromDisposition(header, 'x.xlsx')).toBe('党员名册-新安街道党工委-2026-11-28.xlsx');
  });

  it('falls back to the plain name, then to the default', () => {
    expect(filenameFromDisposition('attachment; filename="members.xlsx"', 'x.xlsx')).toBe('members.xlsx');
    expect(filenameFromDisposition(undefined, 'x.xlsx')).toBe('x.xlsx');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A", 'x.xlsx')).toBe('x.xlsx');
  });
});
