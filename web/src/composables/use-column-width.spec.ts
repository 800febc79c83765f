import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useLocaleStore } from '@/stores/locale';
import { useColumnWidth } from './use-column-width';

describe('table column widths', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('follow the language and the large-text mode as they change', () => {
    const locale = useLocaleStore();
    const width = useColumnWidth();
    const wider = useColumnWidth(1.15);
    expect([width(100), width(96, 150), wider(100)]).toEqual([100, 96, 100]);
    locale.setLocale('en');
    expect([width(100), width(96, 150), wider(100)]).toEqual([110, 150, 115]);
    locale.setLargeText(true);
    expect([width(100), width(96, 150), wider(100)]).toEqual([138, 188, 144]);
    locale.setLocale('zh-CN');
    expect(width(100)).toBe(125);
  });
});
