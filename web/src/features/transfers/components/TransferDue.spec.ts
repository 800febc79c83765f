import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { endOfXinyiDay } from '../composables/test-fixtures';
import TransferDue from './TransferDue.vue';

const render = (dueAt: string, overdue = false) => mount(TransferDue, { props: { dueAt, overdue }, global: { plugins: [i18n] } });
// The phrase as read aloud: the date phrase's no-break space and the line's spaces as one.
const said = (w: ReturnType<typeof render>) => w.text().replace(/\s+/g, ' ');

describe('by when a transfer’s step is due', () => {
  afterEach(() => applyLocale('zh-CN'));

  it('says 今日到期 before the date on the day itself, and nothing before it on a later day', () => {
    const today = render(endOfXinyiDay(0));
    expect(today.find('[data-testid=due-today]').text()).toBe('今日到期');
    expect(said(today)).toMatch(/^今日到期 · 应于 \d{4}-\d{2}-\d{2} 前办结$/);

    const later = render(endOfXinyiDay(3));
    expect(later.find('[data-testid=due-today]').exists()).toBe(false);
    expect(said(later)).toMatch(/^应于 \d{4}-\d{2}-\d{2} 前办结$/);
  });

  it('says 已超期 once the deadline has passed, even on its own day', () => {
    const late = render(endOfXinyiDay(0), true);
    expect(late.find('[data-testid=due-overdue]').text()).toBe('已超期');
    expect(late.find('[data-testid=due-today]').exists()).toBe(false);
    expect(said(late)).toMatch(/^已超期 · 应于/);
  });

  it('speaks English when switched', async () => {
    await applyLocale('en');
    expect(said(render(endOfXinyiDay(0)))).toMatch(/^Today · Due by \d{4}-\d{2}-\d{2}$/);
  });
});
