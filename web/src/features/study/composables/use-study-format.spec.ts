import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, defineComponent, h } from 'vue';
import { ApiError } from '@/api/errors';
import { i18n } from '@/i18n';
import { loadStudyMessages } from '../load-messages';
import { hoursStanding, useStudyFormat } from './use-study-format';

function withFormat(): ReturnType<typeof useStudyFormat> {
  let out!: ReturnType<typeof useStudyFormat>;
  const app = createApp(defineComponent({ setup: () => ((out = useStudyFormat()), () => h('div')) }));
  app.use(i18n);
  app.mount(document.createElement('div'));
  return out;
}

describe('class hours in plain words', () => {
  it('says how much is left, and when the year is done', () => {
    expect(hoursStanding(2, 32)).toEqual({ percent: 6, left: 30, reached: false });
    expect(hoursStanding(55.9, 56)).toEqual({ percent: 100, left: 0.1, reached: false });
    expect(hoursStanding(60, 56)).toEqual({ percent: 100, left: 0, reached: true });
  });
});

describe('study formatting', () => {
  beforeAll(() => loadStudyMessages());

  it('dates and durations read naturally', () => {
    const f = withFormat();
    expect(f.date('2026-06-30')).toBe('2026年6月30日');
    // An instant late on 30 June UTC is already 1 July in Xinyi.
    expect(f.date('2026-06-30T17:30:00.000Z')).toBe('2026年7月1日');
    expect(f.duration(30)).toBe('30 秒');
    expect(f.duration(90)).toBe('1 分 30 秒');
    expect(f.duration(1200)).toBe('20 分钟');
    expect(f.duration(3900)).toBe('1 小时 5 分钟');
    expect(f.hours(1.25)).toBe('1.3');
    expect(f.hours(8)).toBe('8');
    expect([f.averageHours(8), f.averageHours(7.94), f.averageHours(9.75)]).toEqual(['8.0', '7.9', '9.8']);
    expect([f.rate(50), f.rate(52.2), f.rate(100), f.rate(null)]).toEqual(['50.0%', '52.2%', '100.0%', '—']);
  });

  it('writes English dates with the month by name, which no reader takes for another day', async () => {
    const { applyLocale } = await import('@/i18n');
    await applyLocale('en');
    try {
      await loadStudyMessages();
      expect(withFormat().date('2027-01-04')).toBe('4 Jan 2027');
    } finally {
      await applyLocale('zh-CN');
    }
  });

  it('explains the study refusals by their code', () => {
    const f = withFormat();
    expect(f.error(new ApiError({ statusCode: 409, code: 'READING_TIME_NOT_REACHED', message: 'x' }))).toBe('阅读时间还不够，请再读一会儿');
    expect(f.error(new ApiError({ statusCode: 0, code: 'NETWORK_ERROR', message: 'x' }))).toBe('网络连接失败，请检查网络后重试');
  });
});
