import { flushPromises, mount } from '@vue/test-utils';
import type { OrgSummary } from '@zhdj/shared';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import OrgTree from './OrgTree.vue';

const org = (id: number, shortName: string, childCount: number): OrgSummary => ({ id, name: shortName, shortName, level: childCount ? 'COMMITTEE' : 'BRANCH', childCount, memberCount: 10 }) as unknown as OrgSummary;

describe('the organisation tree', () => {
  const api = withLoggedInApi(['COMMITTEE_ADMIN']);

  it('opens and selects a committee administrator’s own root, although the county above it is not in their tree', async () => {
    // The committee's scope: its tree starts at the committee (7); the county (1) is above it.
    api.serve((req) => {
      if (req.url === '/organizations') return { status: 200, data: [org(7, '新安街道党工委', 2)] };
      if (req.url === '/organizations/7/children') return { status: 200, data: [org(71, '沂河社区党支部', 0), org(72, '新华社区党支部', 0)] };
      return { status: 404, data: { code: 'NOT_FOUND' } };
    });
    const wrapper = mount(OrgTree, { props: { selectedId: 7 }, global: { plugins: [i18n] }, attachTo: document.body });
    const opened = (wrapper.vm as unknown as { reveal: (ancestors: number[], id: number) => Promise<void> }).reveal([1], 7);
    await vi.waitFor(async () => {
      await flushPromises();
      expect(wrapper.text()).toContain('沂河社区党支部');
    }, { timeout: 2000 });
    await opened;
    expect(wrapper.get('.is-current').text()).toContain('新安街道党工委');
    wrapper.unmount();
  });

  it('is used by keyboard: one tab stop, Right opens and goes in, Left goes out and closes, Enter selects', async () => {
    api.serve((req) => {
      if (req.url === '/organizations') return { status: 200, data: [org(7, '新安街道党工委', 2), org(8, '北沟街道党工委', 0)] };
      if (req.url === '/organizations/7/children') return { status: 200, data: [org(71, '沂河社区党支部', 0), org(72, '新华社区党支部', 0)] };
      return { status: 404, data: { code: 'NOT_FOUND' } };
    });
    const wrapper = mount(OrgTree, { props: { selectedId: null }, global: { plugins: [i18n] }, attachTo: document.body });
    const item = (id: number) => wrapper.get(`[role=treeitem][data-key="${id}"]`);
    const tabStops = () => wrapper.findAll('[role=treeitem]').filter((i) => i.attributes('tabindex') === '0').map((i) => i.attributes('data-key'));
    const press = async (id: number, key: string) => {
      await item(id).trigger('keydown', { key });
      await flushPromises();
    };
    // The roots arrive after the kit has set its tab stop (on none): the first root is the tree's one tab stop.
    await vi.waitFor(async () => {
      await flushPromises();
      expect(tabStops()).toEqual(['7']);
    });

    (item(7).element as HTMLElement).focus();
    await press(7, 'ArrowRight');
    await vi.waitFor(() => expect(wrapper.text()).toContain('沂河社区党支部'));
    await press(7, 'ArrowRight');
    expect(document.activeElement).toBe(item(71).element);
    expect(tabStops()).toEqual(['71']);

    await press(71, 'End');
    expect(document.activeElement).toBe(item(8).element);
    await press(8, 'Home');
    expect(document.activeElement).toBe(item(7).element);

    (item(72).element as HTMLElement).focus();
    await press(72, 'ArrowLeft');
    expect(document.activeElement).toBe(item(7).element);
    await press(7, 'ArrowLeft');
    expect(item(7).attributes('aria-expanded')).toBe('false');

    // A branch closed by its arrow (a mouse) around the item holding the tab stop: the stop moves to the branch.
    await press(7, 'ArrowRight');
    await vi.waitFor(() => expect(item(7).attributes('aria-expanded')).toBe('true'));
    (item(72).element as HTMLElement).focus();
    expect(tabStops()).toEqual(['72']);
    await item(7).get('.el-tree-node__expand-icon').trigger('click');
    await flushPromises();
    expect(tabStops()).toEqual(['7']);

    await press(8, 'Enter');
    await press(7, ' ');
    expect(wrapper.emitted('select')).toEqual([[8], [7]]);
    wrapper.unmount();
  });
});
