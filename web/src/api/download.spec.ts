import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { applyLocale } from '@/i18n';
import { fakeServer } from '@/test/fake-server';
import { downloadFile, filenameFromDisposition } from './download';
import { http } from './http';

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

describe('downloadFile', () => {
  const originalAdapter = http.defaults.adapter;
  afterEach(async () => {
    http.defaults.adapter = originalAdapter;
    await applyLocale('zh-CN');
  });

  it('asks for the file in the screen’s language, which the export is written in', async () => {
    setActivePinia(createPinia());
    const server = fakeServer(() => ({ status: 200, data: new Blob(['PK']), headers: { 'content-disposition': 'attachment; filename="ledger.xlsx"' } }));
    http.defaults.adapter = server.adapter;
    // The browser's hand-off of the blob (saveBlob), which the test environment does not have.
    const { createObjectURL, revokeObjectURL } = URL;
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() });
    onTestFinished(() => void Object.assign(URL, { createObjectURL, revokeObjectURL }));
    expect(await downloadFile('/transfers/export', { fallbackName: 'x.xlsx' })).toBe('ledger.xlsx');
    await applyLocale('en');
    await downloadFile('/transfers/export', { fallbackName: 'x.xlsx' });
    expect(server.requests.map((r) => [r.url, r.language])).toEqual([
      ['/transfers/export', 'zh-CN'],
      ['/transfers/export', 'en'],
    ]);
  });
});
