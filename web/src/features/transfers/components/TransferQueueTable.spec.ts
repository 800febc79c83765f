import { chinaDate } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { endOfXinyiDay, transferDetail } from '../composables/test-fixtures';
import '../i18n-admin'; // the admin screens' words, which the queue's view loads
import TransferQueueTable from './TransferQueueTable.vue';

describe('the queue table’s due column', () => {
  it('says 今日到期 for a step due today, 超期 with the date for a late one, and the date alone for a later one', async () => {
    const items = [
      transferDetail({ id: 1, state: 'SUBMITTED', dueAt: endOfXinyiDay(0), overdue: false }),
      transferDetail({ id: 2, state: 'SUBMITTED', dueAt: endOfXinyiDay(-2), overdue: true }),
      transferDetail({ id: 3, state: 'SUBMITTED', dueAt: endOfXinyiDay(2), overdue: false }),
    ];
    const wrapper = mount(TransferQueueTable, {
      props: { items, loading: false, queue: 'todo', failed: false, routeParts: () => ({ from: '', to: '' }), roles: [] },
      global: { plugins: [i18n, createPinia()] },
      attachTo: document.body,
    });
    await flushPromises();
    const rows = wrapper.findAll('.el-table__body tr');
    expect(rows).toHaveLength(3);
    const due = (i: number) => rows[i]!.text();
    expect(rows[0]!.find('[data-testid=queue-due-today]').text()).toBe('今日到期');
    expect(due(0)).not.toContain(chinaDate());
    expect(due(1)).toContain('超期');
    expect(due(1)).toContain(chinaDate(new Date(endOfXinyiDay(-2))));
    expect(rows[1]!.find('[data-testid=queue-due-today]').exists()).toBe(false);
    expect(due(2)).toContain(chinaDate(new Date(endOfXinyiDay(2))));
    expect(rows[2]!.find('[data-testid=queue-due-today]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('in the done list, says when the caller acted (its order), not when anyone last changed the transfer', async () => {
    const row = transferDetail({ id: 1, state: 'LETTER_ISSUED', updatedAt: '2026-12-05T02:00:00.000Z' });
    const mount1 = (queue: 'done' | 'watching', actedAt?: string) =>
      mount(TransferQueueTable, {
        props: { items: [{ ...row, actedAt }], loading: false, queue, failed: false, routeParts: () => ({ from: '', to: '' }), roles: [] },
        global: { plugins: [i18n, createPinia()] },
        attachTo: document.body,
      });
    const done = mount1('done', '2026-11-20T01:30:00.000Z');
    await flushPromises();
    expect(done.findAll('thead th').map((th) => th.text())).toContain('我办理于');
    expect(done.get('[data-testid=queue-time]').text()).toBe('11-20 09:30');
    done.unmount();
    const watching = mount1('watching');
    await flushPromises();
    expect(watching.findAll('thead th').map((th) => th.text())).toContain('更新时间');
    expect(watching.get('[data-testid=queue-time]').text()).toBe('12-05 10:00');
    watching.unmount();
  });

  it('stays in view with who and the way in, at the table’s edges, where a narrow or English table scrolls its middle sideways', async () => {
    const wrapper = mount(TransferQueueTable, {
      props: { items: [transferDetail({ id: 1, state: 'SUBMITTED' })], loading: false, queue: 'todo', failed: false, routeParts: () => ({ from: '', to: '' }), roles: [] },
      global: { plugins: [i18n, createPinia()] },
      attachTo: document.body,
    });
    await flushPromises();
    const headers = (fixed: 'left' | 'right') => wrapper.findAll(`thead th.el-table-fixed-column--${fixed}`).map((th) => th.text());
    expect(headers('left')).toEqual(['党员']);
    expect(headers('right')).toEqual(['办理时限', '办理']);
    wrapper.unmount();
  });

  it('shows where a transfer goes on a line of its own, under where it comes from, each name whole in its title', async () => {
    const wrapper = mount(TransferQueueTable, {
      props: {
        items: [transferDetail({ id: 1, state: 'SUBMITTED' })],
        loading: false,
        queue: 'todo',
        failed: false,
        routeParts: () => ({ from: '新沂市力盛交通集团有限公司第四党支部', to: '中共徐州市铜山区委组织部' }),
        roles: [],
      },
      global: { plugins: [i18n, createPinia()] },
      attachTo: document.body,
    });
    await flushPromises();
    const to = wrapper.get('.el-table__body [data-testid=queue-route-to]');
    expect(to.text()).toBe('→ 中共徐州市铜山区委组织部');
    // Cut with … where the column is narrow: the whole name is in the title.
    expect(to.attributes('title')).toBe('中共徐州市铜山区委组织部');
    expect(wrapper.get('.el-table__body .queue-table__from').attributes('title')).toBe('新沂市力盛交通集团有限公司第四党支部');
    wrapper.unmount();
  });

  it('marks 代办 a step waiting at a branch or committee where the administrator holds no role, in the to-do list only', async () => {
    const committee = { id: 20, name: '中共新沂市墨河街道工作委员会', shortName: '墨河街道党工委', path: '/1/20/' };
    const at = (id: number, kind: 'BRANCH' | 'COMMITTEE', shortName: string) =>
      transferDetail({ id, state: kind === 'BRANCH' ? 'SUBMITTED' : 'PRE_APPROVED', holder: { kind, org: { id: id + 100, name: shortName, shortName, level: kind === 'BRANCH' ? 'BRANCH' : 'COMMITTEE' } } });
    const own = transferDetail({ id: 3, state: 'PRE_APPROVED', holder: { kind: 'COMMITTEE', org: { ...committee, level: 'COMMITTEE' } } });
    const items = [at(1, 'BRANCH', '无人支部'), at(2, 'COMMITTEE', '商务楼宇党委'), own];
    const mountFor = (queue: 'todo' | 'watching') =>
      mount(TransferQueueTable, {
        props: { items, loading: false, queue, failed: false, routeParts: () => ({ from: '', to: '' }), roles: [{ role: 'COMMITTEE_ADMIN', org: committee }] },
        global: { plugins: [i18n, createPinia()] },
        attachTo: document.body,
      });
    const todo = mountFor('todo');
    await flushPromises();
    const served = (w: ReturnType<typeof mountFor>) => w.findAll('.el-table__body tr').map((r) => r.find('[data-testid=queue-served]').exists());
    expect(served(todo)).toEqual([true, true, false]);
    expect(todo.get('.el-table__body [data-testid=queue-served]').text()).toBe('代办');
    todo.unmount();
    // Watching others' steps is not doing them on anyone's behalf.
    const watching = mountFor('watching');
    await flushPromises();
    expect(served(watching)).toEqual([false, false, false]);
    watching.unmount();
  });
});
