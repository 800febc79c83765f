import { TRANSFER_STATES } from '@zhdj/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import type { TransferOverview } from '../api';
import TransferOverviewView from './TransferOverviewView.vue';

const org = (id: number) => ({ org: { id, name: `中共第${id}支部委员会`, shortName: `第${id}支部` }, overdue: 0 });

function overview(overdue: number, byOrg: number[]): TransferOverview {
  return {
    byState: Object.fromEntries(TRANSFER_STATES.map((s) => [s, 1])) as TransferOverview['byState'],
    open: 9,
    overdue,
    completedThisMonth: 1,
    medianWorkingDays: 4,
    overdueByOrganization: byOrg.map((n, i) => ({ ...org(i + 1), overdue: n })),
  };
}

describe('the transfer overview', () => {
  const api = withLoggedInApi(['COUNTY_ADMIN']);

  async function open(figures: TransferOverview) {
    api.serve((r) => (r.url?.startsWith('/transfers/overview') ? { status: 200, data: figures } : { status: 404, data: {} }));
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'admin-transfers', component: { render: () => null } }] });
    const wrapper = mount(TransferOverviewView, { global: { plugins: [router, i18n] } });
    await vi.waitFor(() => expect(wrapper.get('[data-testid=stat-open]').text()).toBe('9'));
    await flushPromises();
    return wrapper;
  }

  it('says how many overdue steps the chart’s organisations leave out, so its bars need not add up to the total', async () => {
    const wrapper = await open(overview(30, [7, 5]));
    expect(wrapper.get('[data-testid=overdue-rest]').text()).toBe('图中为超期事项最多的 2 个单位；其余单位共 18 件超期。');
    wrapper.unmount();
  });

  it('says nothing more when the chart holds every overdue step', async () => {
    const wrapper = await open(overview(12, [7, 5]));
    expect(wrapper.find('[data-testid=overdue-rest]').exists()).toBe(false);
    wrapper.unmount();
  });
});
