import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { h } from 'vue';
import AdminTabBar from './AdminTabBar.vue';

const QUEUES = ['todo', 'watching', 'done'] as const;

function mountBar(modelValue: (typeof QUEUES)[number] = 'todo') {
  return mount(AdminTabBar, {
    props: { tabs: QUEUES, modelValue, label: '转接队列', panel: 'queue-panel', idPrefix: 'queue-tab' },
    slots: { default: ({ tab, selected }: { tab: string; selected: boolean }) => h('span', `${tab}${selected ? '*' : ''}`) },
    attachTo: document.body,
  });
}

describe('the admin tab bar', () => {
  it('is a labelled tab list whose chosen tab alone is selected and reachable by Tab, each controlling the panel', () => {
    const bar = mountBar('watching');
    expect(bar.get('[role=tablist]').attributes('aria-label')).toBe('转接队列');
    const tabs = bar.findAll('[role=tab]');
    expect(tabs.map((t) => t.text())).toEqual(['todo', 'watching*', 'done']);
    expect(tabs.map((t) => t.attributes('aria-selected'))).toEqual(['false', 'true', 'false']);
    expect(tabs.map((t) => t.attributes('tabindex'))).toEqual(['-1', '0', '-1']);
    expect(tabs.map((t) => t.attributes('id'))).toEqual(['queue-tab-todo', 'queue-tab-watching', 'queue-tab-done']);
    expect(tabs.every((t) => t.attributes('aria-controls') === 'queue-panel' && t.attributes('type') === 'button')).toBe(true);
    bar.unmount();
  });

  it('chooses a tab on click, and not again the one already chosen', async () => {
    const bar = mountBar('todo');
    await bar.findAll('[role=tab]')[0]!.trigger('click');
    await bar.findAll('[role=tab]')[2]!.trigger('click');
    expect(bar.emitted('update:modelValue')).toEqual([['done']]);
    bar.unmount();
  });

  it('moves focus with the arrow keys (wrapping), Home and End, without choosing', async () => {
    const bar = mountBar('todo');
    const tabs = bar.findAll('[role=tab]');
    // [from tab, key, focused tab afterwards]
    const moves: [number, string, string][] = [
      [0, 'ArrowRight', 'watching'],
      [0, 'ArrowLeft', 'done'],
      [2, 'ArrowRight', 'todo'],
      [0, 'End', 'done'],
      [2, 'Home', 'todo'],
    ];
    for (const [from, key, to] of moves) {
      await tabs[from]!.trigger('keydown', { key });
      expect(document.activeElement?.id, `${key} on tab ${from}`).toBe(`queue-tab-${to}`);
    }
    await tabs[0]!.trigger('keydown', { key: 'a' });
    expect(bar.emitted('update:modelValue')).toBeUndefined();
    bar.unmount();
  });
});
