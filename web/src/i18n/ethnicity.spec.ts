import { ETHNICITIES } from '@zhdj/shared';
import { describe, expect, it } from 'vitest';
import { ethnicityName } from './ethnicity';

describe('ethnic groups by language', () => {
  it('names every one of the 56 in English, each differently, and keeps the recorded name in Chinese', () => {
    const english = ETHNICITIES.map((e) => ethnicityName(e, 'en'));
    expect(new Set(english).size).toBe(56);
    expect(english.filter((n) => /[\u4e00-\u9fff]/.test(n))).toEqual([]);
    expect([ethnicityName('汉族', 'en'), ethnicityName('维吾尔族', 'en'), ethnicityName('鄂伦春族', 'en')]).toEqual(['Han', 'Uyghur', 'Oroqen']);
    expect(ethnicityName('汉族', 'zh-CN')).toBe('汉族');
    expect(ethnicityName('穿青人', 'en')).toBe('穿青人');
  });
});
