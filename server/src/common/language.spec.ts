import { describe, expect, it } from 'vitest';
import { exportLanguage } from './language';

describe('exportLanguage', () => {
  it('is Chinese when nothing is asked for, or anything but English is preferred', () => {
    expect(exportLanguage(undefined)).toBe('zh-CN');
    expect(exportLanguage('')).toBe('zh-CN');
    expect(exportLanguage('zh-CN')).toBe('zh-CN');
    expect(exportLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(exportLanguage('fr-FR')).toBe('zh-CN');
    expect(exportLanguage('*')).toBe('zh-CN');
    // Not English: a tag that only starts with the letters.
    expect(exportLanguage('eno')).toBe('zh-CN');
  });

  it('is English when English is the most preferred language', () => {
    expect(exportLanguage('en')).toBe('en');
    expect(exportLanguage('en-GB')).toBe('en');
    expect(exportLanguage('EN-us, zh;q=0.5')).toBe('en');
    // The weight decides, not the order.
    expect(exportLanguage('zh;q=0.4, en-GB;q=0.9')).toBe('en');
    expect(exportLanguage(['zh;q=0.1', 'en'])).toBe('en');
  });

  it('takes anything else for no preference: the default, never an error', () => {
    for (const garbled of ["' OR 1=1", '<script>', '../..', ';q=1', ',,,', 'x'.repeat(10_000), '\u0000en']) expect(exportLanguage(garbled), garbled.slice(0, 20)).toBe('zh-CN');
  });

  it('ignores languages refused (q=0) and malformed weights count as 1', () => {
    expect(exportLanguage('en;q=0, zh-CN;q=0.2')).toBe('zh-CN');
    expect(exportLanguage('en;q=bad')).toBe('en');
  });
});
